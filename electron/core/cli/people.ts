// People from the command line: `add person`, `set-passphrase` (your own), and `person
// deactivate|reactivate|reset-passphrase NAME`. Who may do each is the core's decision: a role
// without it is refused there (exit 1) before anything is written.
import { ROLES, ROLE_IDS, rolesText, type Role } from '../../../shared/domain/people';
import type { PersonSummary } from '../../../shared/contract/people';
import { Rejected, UsageError, listOption, stringOption, type Caller, type Command, type Invocation } from './command';
import { matchArea } from './lookups';
import { needsPassphraseSource, newPassphrase } from './secrets';
import { quoted } from './signin';

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');

/** A role by its words ("panel member", any case) or its id (panel-member). */
export function roleFrom(text: string): Role | undefined {
  return ROLE_IDS.find((id) => norm(id) === norm(text) || norm(ROLES[id]) === norm(text));
}

const ROLE_WORDS = ROLE_IDS.map((id) => `"${ROLES[id].toLowerCase()}"`).join(', ');

/** The one person NAME means: by name in any case, or by id. */
export async function findPerson(call: Caller, text: string): Promise<PersonSummary> {
  const everyone = await call('people.list', {});
  const byId = everyone.filter((p) => p.id === text.trim());
  const matches = byId.length ? byId : everyone.filter((p) => norm(p.name) === norm(text));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0) throw new Rejected(`Nobody called "${text}" is on this laptop — list them with: grantpanel list people`);
  throw new Rejected(`${matches.length} people are called "${text}": give the one you mean by their id.`, [
    ...matches.map((p) => `${p.id}  ${p.name} (${rolesText(p.roles)})`),
  ]);
}

const NEW_PASSPHRASE_HELP: [string, string] = [
  '--new-passphrase-file F',
  'Their first passphrase: the file’s first line. Left out at a terminal, it is asked twice.',
];

export const addPersonCommand: Command = {
  words: ['add', 'person'],
  synopsis: 'add person --name NAME --role ROLE [--area AREA …]',
  summary: 'Add a person who uses GrantPanel, with a first passphrase they change when they first sign in',
  usage: ['grantpanel add person --name NAME --role ROLE [--role ROLE …] [--area AREA …] [--new-passphrase-file F]'],
  options: {
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    area: { type: 'string', multiple: true },
    'new-passphrase-file': { type: 'string' },
  },
  optionHelp: [
    ['--name NAME', 'required. Their name as others will see it'],
    ['--role ROLE', `required; repeat for more than one. ${ROLE_WORDS} (or their ids, like panel-member)`],
    ['--area AREA', 'An area they serve (its id, name or ONS code); repeat for more. None: every area.'],
    NEW_PASSPHRASE_HELP,
  ],
  positionals: [],
  notes: [
    'Only a grants officer can add people. Give the person their first passphrase yourself; GrantPanel',
    'asks them to choose their own when they first sign in. It reaches other laptops only in a protected bundle.',
  ],
  examples: [
    'grantpanel --as "Priya Shah" add person --name "Sam Jones" --role "panel member" --area Coventry --area Walsall',
    'grantpanel --as "Priya Shah" --passphrase-file me.txt add person --name "Dr A Khan" --role "panel chair" --role "panel member" --new-passphrase-file first.txt',
  ],
  check(values, _positionals, io) {
    if (stringOption(values, 'name') === undefined) throw new UsageError('Missing --name', addPersonCommand);
    const roles = listOption(values, 'role');
    if (roles.length === 0) throw new UsageError(`Missing --role: one of ${ROLE_WORDS}`, addPersonCommand);
    for (const r of roles)
      if (!roleFrom(r)) throw new UsageError(`--role "${r}" is not a role: choose from ${ROLE_WORDS}`, addPersonCommand);
    needsPassphraseSource(io, stringOption(values, 'new-passphrase-file'), '--new-passphrase-file', addPersonCommand);
  },
  async run({ call, io, values }: Invocation) {
    const name = stringOption(values, 'name') ?? '';
    const roles = listOption(values, 'role').map((r) => roleFrom(r) as Role);
    const areaTexts = listOption(values, 'area');
    const areas: string[] = [];
    if (areaTexts.length > 0) {
      const known = await call('catalogue.areas', {});
      const problems: string[] = [];
      for (const text of areaTexts) {
        const found = matchArea(known, text);
        if (found.ok) areas.push(found.value.id);
        else problems.push(`--area ${text}: ${found.problem}`);
      }
      if (problems.length > 0) throw new Rejected('The person was not added: an area is not known here.', problems);
    }
    const passphrase = await newPassphrase(io, stringOption(values, 'new-passphrase-file'), '--new-passphrase-file', name.trim());
    const person = await call('people.add', { name, roles, areas, passphrase });
    const areaNames = await namesOfAreas(call, person.areas);
    io.stdout(
      [
        `Added ${person.name}: ${rolesText(person.roles)}, ${areaNames}.`,
        `Person id: ${person.id}`,
        `Give them their first passphrase; they choose their own when they first sign in: grantpanel --as ${quoted(person.name)} set-passphrase`,
      ].join('\n') + '\n',
    );
  },
};

async function namesOfAreas(call: Caller, ids: string[]): Promise<string> {
  if (ids.length === 0) return 'every area';
  const areas = await call('catalogue.areas', {});
  return ids.map((id) => areas.find((a) => a.id === id)?.name ?? id).join(', ');
}

export const setPassphraseCommand: Command = {
  words: ['set-passphrase'],
  synopsis: 'set-passphrase [--new-passphrase-file F]',
  summary: 'Change your own passphrase (the one you signed in with is checked again)',
  usage: ['grantpanel --as NAME [--passphrase-file F] set-passphrase [--new-passphrase-file F]'],
  options: { 'new-passphrase-file': { type: 'string' } },
  optionHelp: [['--new-passphrase-file F', 'Your new passphrase: the file’s first line. Left out at a terminal, it is asked twice.']],
  positionals: [],
  beforeFirstPassphrase: true,
  notes: [
    'Someone given a first passphrase by a grants officer runs this before anything else.',
    'At least 12 characters or three words, not a common one; no other rules.',
  ],
  examples: [
    'grantpanel --as "Sam Jones" set-passphrase',
    'grantpanel --as "Sam Jones" --passphrase-file old.txt set-passphrase --new-passphrase-file new.txt',
  ],
  check(values, _positionals, io) {
    needsPassphraseSource(io, stringOption(values, 'new-passphrase-file'), '--new-passphrase-file', setPassphraseCommand);
  },
  async run({ call, io, values, signedIn }: Invocation) {
    if (!signedIn) throw new Rejected('Sign in first: grantpanel --as NAME set-passphrase');
    const next = await newPassphrase(io, stringOption(values, 'new-passphrase-file'), '--new-passphrase-file', signedIn.person.name);
    await call('session.changePassphrase', { current: signedIn.passphrase, next });
    io.stdout(`Changed the passphrase of ${signedIn.person.name}. Sign in with the new one from now on.\n`);
  },
};

function personCommand(
  verb: string,
  summary: string,
  notes: string[],
  act: (call: Caller, person: PersonSummary, invocation: Invocation) => Promise<string>,
  extra: Pick<Command, 'options' | 'optionHelp' | 'check'> = { options: {}, optionHelp: [] },
): Command {
  const command: Command = {
    words: ['person', verb],
    synopsis: `person ${verb} NAME`,
    summary,
    usage: [`grantpanel person ${verb} NAME${extra.options['new-passphrase-file'] ? ' [--new-passphrase-file F]' : ''}`],
    positionals: ['NAME'],
    notes: [...notes, 'NAME is the person’s name, any case, or their id (grantpanel list people shows both).'],
    examples: [`grantpanel --as "Priya Shah" person ${verb} "Sam Jones"`],
    ...extra,
    async run(invocation) {
      const person = await findPerson(invocation.call, invocation.positionals[0] ?? '');
      invocation.io.stdout(`${await act(invocation.call, person, invocation)}\n`);
    },
  };
  return command;
}

const deactivate = personCommand(
  'deactivate',
  'Stop a person signing in; what they did stays theirs',
  ['Only a grants officer can. The last active grants officer stays one.'],
  async (call, person) => {
    if (!person.active) return `${person.name} was already deactivated.`;
    await call('people.change', { id: person.id, active: false });
    return `Deactivated ${person.name}: they cannot sign in from now on, here or (after the next bundle) on other laptops. What they did stays theirs.`;
  },
);

const reactivate = personCommand(
  'reactivate',
  'Let a deactivated person sign in again',
  ['Only a grants officer can.'],
  async (call, person) => {
    if (person.active) return `${person.name} is already active.`;
    await call('people.change', { id: person.id, active: true });
    return `Reactivated ${person.name}: they can sign in again with their passphrase.`;
  },
);

const resetPassphrase = personCommand(
  'reset-passphrase',
  'Give a person who forgot their passphrase a new first one',
  ['Only a grants officer can. They choose their own at their next sign-in; it reaches other laptops only in a protected bundle.'],
  async (call, person, { io, values }) => {
    const passphrase = await newPassphrase(io, stringOption(values, 'new-passphrase-file'), '--new-passphrase-file', person.name);
    await call('people.resetPassphrase', { id: person.id, passphrase });
    return `Reset the passphrase of ${person.name}: give them the new one; they choose their own when they next sign in.`;
  },
  {
    options: { 'new-passphrase-file': { type: 'string' } },
    optionHelp: [NEW_PASSPHRASE_HELP],
    check(values, _positionals, io) {
      needsPassphraseSource(io, stringOption(values, 'new-passphrase-file'), '--new-passphrase-file');
    },
  },
);

export const personCommands: Command[] = [deactivate, reactivate, resetPassphrase];
