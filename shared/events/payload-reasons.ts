// A zod issue in an event's payload, put in a few plain words naming the field: good enough to tell
// a grants officer why a bundle was refused ("maxAwardPence must be a whole number of pence").
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Fields that hold money, so a wrong value is described in pence. */
/** Money fields: every `…Pence`, and the application's amounts. */
const MONEY = new Set(['amountRequested', 'amount']);
export const BUDGET_PREFIX = 'budget:';
/** A panel's members change one by one: the field `member:<person id>`. */
export const PANEL_MEMBER_PREFIX = 'member:';

const isMoney = (path: Path) => {
  const last = [...path].reverse().find((p) => typeof p === 'string' && p !== 'to' && p !== 'from');
  return typeof last === 'string' && (MONEY.has(last) || last.endsWith('Pence') || last.startsWith(BUDGET_PREFIX));
};

/** Text from a payload, shortened and quoted: a bundle's field names may be anything. */
export const quoted = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

const segment = (p: PropertyKey | undefined) => (typeof p === 'string' && p.length > 40 ? `${p.slice(0, 40)}…` : String(p));

/** The field a path names: a change's `to` is the field itself, its `from` the value it replaces. */
export function fieldName(path: Path): string {
  const p = [...path];
  if ((p[0] === 'changes' || p[0] === 'values') && p.length >= 2) {
    const [, field, side, ...rest] = p;
    const name = [field, ...(side === 'to' || side === 'from' || side === undefined ? rest : [side, ...rest])].map(segment).join('.');
    if (p[0] === 'changes' && side === undefined) return `the change to ${name}`;
    return side === 'from' ? `${name} (the value it replaces)` : name;
  }
  return p.map(segment).join('.');
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

const TYPE_WORDS: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a record of fields',
  null: 'null',
};

function wording(issue: Issue, path: Path): string {
  const money = isMoney(path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is missing';
      if (money && (issue.expected === 'number' || issue.expected === 'int')) return 'must be a whole number of pence';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'must not be blank' : `must be at least ${plural(min, 'character', 'characters')}`;
      if (issue.origin === 'array') return `must have at least ${plural(min, 'entry', 'entries')}`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${min.toLocaleString('en-GB')}${money ? ' pence' : ''}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${plural(max, 'character', 'characters')}`;
      if (issue.origin === 'array') return `must have at most ${plural(max, 'entry', 'entries')}`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${max.toLocaleString('en-GB')}${money ? ' pence' : ''}`;
    }
    case 'invalid_value': {
      const shown = issue.values.slice(0, 6).map((v) => (typeof v === 'string' ? quoted(v) : String(v)));
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${shown.join(', ')}${issue.values.length > 6 ? ', …' : ''}`;
    }
    case 'invalid_format':
      if (issue.format === 'datetime') return 'must be a UTC time like 2026-11-25T18:30:00.000Z';
      return `is not in the right form (${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)})`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} it should not: ${issue.keys.slice(0, 5).map(quoted).join(', ')}`;
    case 'custom':
      // Our own refinements read on from the field's name; the domain's are sentences of their own.
      return /^[A-Z]/.test(issue.message) ? `is not right: ${issue.message}` : issue.message;
    default:
      return 'is not valid';
  }
}

/** One issue as "<field> <what is wrong>", the field named as a person finds it in the record. */
export function describeIssue(issue: Issue, base: Path = []): string {
  const path = [...base, ...issue.path];
  const where = fieldName(path);
  const what = wording(issue, path);
  return where ? `${where} ${what}` : what.replace(/^has /, 'the payload has ');
}
