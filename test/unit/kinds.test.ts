// Each kind of record is declared once (shared/domain/kinds.ts): every event type belongs to exactly
// one kind and has a payload schema, and docs/events.md is generated from the declarations.
// To regenerate the doc after changing a kind: UPDATE_DOCS=1 npx vitest run test/unit/kinds.test.ts
import { expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFLICT_KINDS, KINDS, MERGE_RULES, type KindDeclaration, type KindName } from '../../shared/domain/kinds';
import { EVENT_TYPES, payloadFields, type EventType } from '../../shared/events/payloads';

const kindNames = Object.keys(KINDS) as KindName[];

test('every event type belongs to exactly one kind, and every kind’s event types have payload schemas', () => {
  const declared = kindNames.flatMap((k) => KINDS[k].events as readonly string[]);
  expect(new Set(declared).size, 'an event type declared by two kinds').toBe(declared.length);
  expect([...declared].sort()).toEqual([...EVENT_TYPES].sort());
  expect(CONFLICT_KINDS).toEqual(['fund', 'letterTemplate', 'area', 'plan', 'round', 'application', 'person', 'rubric', 'panel']);
});

function eventsDoc(): string {
  const lines = [
    '# Kinds of record and their events',
    '',
    '<!-- Generated from shared/domain/kinds.ts and shared/events/payloads.ts by test/unit/kinds.test.ts: do not edit by hand. -->',
    '',
    'Every change GrantPanel records is an event of one of these types, and each type belongs to one kind of record.',
    'How concurrent changes from different laptops merge is the kind’s rule:',
    '',
    ...Object.entries(MERGE_RULES).map(([rule, meaning]) => `- **${rule}** — ${meaning}`),
    '',
  ];
  for (const k of kindNames) {
    const kind = KINDS[k];
    const declared: KindDeclaration = kind;
    lines.push(
      `## ${k} — ${kind.noun}`,
      '',
      `- Rule: ${kind.rule}`,
      `- Tables: ${kind.tables.map((t) => `\`${t}\``).join(', ')}`,
      ...(declared.total ? [`- Total kept across records: ${declared.total}`] : []),
      `- Written by: ${kind.writes}`,
      `- Seen at: \`${kind.page('ID')}\``,
      '',
    );
    lines.push('| event | payload fields |', '| --- | --- |');
    for (const type of kind.events as readonly EventType[]) {
      const fields = payloadFields(type);
      lines.push(`| \`${type}\` | ${fields.length ? fields.map((f) => `\`${f}\``).join(', ') : '(see its schema)'} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

test('docs/events.md is what the declarations say', async () => {
  const file = join(__dirname, '../../docs/events.md');
  const prettier = await import('prettier');
  const generated = await prettier.format(eventsDoc(), { ...(await prettier.resolveConfig(file)), filepath: file });
  if (process.env.UPDATE_DOCS) writeFileSync(file, generated);
  expect(readFileSync(file, 'utf8'), 'docs/events.md is stale: UPDATE_DOCS=1 npx vitest run test/unit/kinds.test.ts').toBe(generated);
});
