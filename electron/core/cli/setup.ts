// Getting started: `init` (the data folder and this device's key), `setup` (its first grants
// officer), `demo` (a demo laptop, or the demo rounds) and `template applications` (the CSV
// layout imports expect).
import { rolesText } from '../../../shared/domain/people';
import type { SessionState } from '../../../shared/contract/session';
import { count, Rejected, UsageError, stringOption, type Caller, type Command, type Invocation } from './command';
import { table } from './output';
import { newPassphrase } from './secrets';
import { quoted } from './signin';

/** What a data folder needs next, as init says it. */
async function nextStep(call: Caller, state: SessionState): Promise<string> {
  if (state === 'set-up')
    return 'Next: set up its first grants officer with: grantpanel setup --name "YOUR NAME" (or try it with: grantpanel demo)';
  if (state === 'claim')
    return 'Next: this data folder is from before people signed in; name its grants officer with: grantpanel setup --name "YOUR NAME"';
  return `People who can sign in here: ${(await call('session.choices', {})).length.toLocaleString('en-GB')}`;
}

export const initCommand: Command = {
  words: ['init'],
  synopsis: 'init',
  summary: 'Create or open the data folder; show this device’s id and key fingerprint',
  usage: ['grantpanel [--data-dir DIR] init'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: [
    'The first run makes the device key, the database and the seed catalogue (funds, areas, plans).',
    'Running it again changes nothing. Compare the fingerprint when another laptop checks this one’s bundles.',
  ],
  examples: ['grantpanel init', 'grantpanel --data-dir ./panel-data init'],
  signIn: 'optional',
  async run({ call, io, dataDir }: Invocation) {
    const session = await call('session.current', {});
    io.stdout(
      [
        `Data folder: ${dataDir}`,
        `Device id: ${session.device.id}`,
        `Key fingerprint: ${session.device.fingerprint}`,
        ...(session.readOnly ? [`Read-only: ${session.readOnly}`] : []),
        await nextStep(call, session.state),
      ].join('\n') + '\n',
    );
  },
};

export const setupCommand: Command = {
  words: ['setup'],
  synopsis: 'setup --name NAME [--passphrase-file F]',
  summary: 'Set up this laptop’s first grants officer (or name the grants officer of data from before people signed in)',
  usage: ['grantpanel setup --name NAME [--passphrase-file F]'],
  options: { name: { type: 'string' } },
  optionHelp: [
    ['--name NAME', 'required. Your name as others will see it, like "Priya Shah"'],
    ['--passphrase-file F', 'Your new passphrase: the file’s first line. Left out at a terminal, it is asked twice.'],
  ],
  positionals: [],
  signIn: 'never',
  notes: [
    'Only on a laptop nobody has been set up on, or a data folder from before people signed in (its',
    'changes keep their actor, now named). Passphrases: at least 12 characters or three words, not a common one.',
  ],
  examples: [
    'grantpanel setup --name "Priya Shah"',
    'grantpanel --data-dir ./panel-data setup --name "Priya Shah" --passphrase-file ~/.gp-pass',
  ],
  check(values) {
    if (stringOption(values, 'name') === undefined) throw new UsageError('Missing --name', setupCommand);
  },
  async run({ call, io, values, passphraseFile }: Invocation) {
    const name = stringOption(values, 'name') ?? '';
    const { state } = await call('session.current', {});
    if (state !== 'set-up' && state !== 'claim') {
      const who = (await call('session.choices', {})).map((c) => c.name);
      throw new Rejected('This laptop is already set up. Sign in as yourself with: grantpanel --as NAME COMMAND', [
        `People who can sign in here: ${who.join(', ') || 'nobody yet — import a protected bundle from the office'}`,
      ]);
    }
    const passphrase = await newPassphrase(io, passphraseFile, '--passphrase-file', name.trim() || 'the grants officer');
    const info = await call(state === 'set-up' ? 'session.setUp' : 'session.claim', { name, passphrase });
    const officer = info.person?.name ?? name;
    io.stdout(
      [
        state === 'set-up'
          ? `Set up this laptop: ${officer} is its grants officer.`
          : `${officer} is now this data folder’s grants officer: the changes made here before are theirs, now by name.`,
        `Next: add the people who use it: grantpanel --as ${quoted(officer)} add person --name NAME --role "panel member"`,
      ].join('\n') + '\n',
    );
  },
};

export const demoCommand: Command = {
  words: ['demo'],
  synopsis: 'demo',
  summary: 'Set up a new laptop as a demo (invented people and applications), or load the demo rounds',
  usage: ['grantpanel demo', 'grantpanel --as NAME demo'],
  options: {},
  optionHelp: [],
  positionals: [],
  signIn: 'unless-new',
  notes: [
    'On a data folder nobody has been set up on, it makes a demo laptop: the demo rounds and six demo people,',
    'whose names and passphrases it prints. Never use a demo laptop for real work.',
    'On a laptop already set up, a grants officer (--as) loads the demo rounds: once per data folder.',
    'Every name in the demo is invented.',
  ],
  examples: ['grantpanel --data-dir /tmp/try-grantpanel demo', 'grantpanel --as "Priya Shah" demo'],
  async run({ call, io, signedIn }: Invocation) {
    if (!signedIn) {
      const info = await call('session.setUpDemo', {});
      const applications = (await call('rounds.list', {})).reduce((n, r) => n + r.applicationCount, 0);
      const people = info.demo ?? [];
      const officer = people.find((p) => p.roles.includes('grants-officer'));
      io.stdout(
        [
          `Set up this laptop as a demo, with the demo rounds (${count(applications, 'application')}) and ${count(people.length, 'demo person', 'demo people')}.`,
          'DEMO DATA: invented people whose passphrases are printed here. Never use this data folder for real work.',
          '',
          table(people, [
            { header: 'Name', cell: (p) => p.name },
            { header: 'Role', cell: (p) => rolesText(p.roles) },
            { header: 'Demo passphrase', cell: (p) => p.passphrase },
          ]).trimEnd(),
          '',
          `Try: grantpanel --as ${quoted(officer?.name ?? 'NAME')} list rounds   (the passphrase is asked, or read with --passphrase-file F)`,
        ].join('\n') + '\n',
      );
      return;
    }
    const demo = await call('demo.load', {});
    io.stdout(
      `Loaded the demo rounds with ${count(demo.applications, 'application')}. See them with: grantpanel --as ${quoted(signedIn.person.name)} list rounds\n`,
    );
  },
};

export const templateCommand: Command = {
  words: ['template', 'applications'],
  synopsis: 'template applications',
  summary: 'Print the applications CSV template (the columns imports expect)',
  usage: ['grantpanel template applications > applications.csv'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: ['The template is UTF-8 with a byte-order mark and Windows line endings, as Excel saves CSV.'],
  examples: ['grantpanel template applications > applications.csv'],
  async run({ call, io }: Invocation) {
    const template = await call('imports.template', {});
    io.stdout(template.csv);
  },
};
