// `grantpanel join`: a new laptop joins an office from its roster and protected bundle, from a
// terminal. First without --bundle, to see the roster's fingerprint and check it with the office.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Rejected, UsageError, stringOption, type Command, type Invocation } from './command';

export const joinCommand: Command = {
  words: ['join'],
  synopsis: 'join --roster F [--fingerprint FP --bundle F [--bundle-passphrase-file F]]',
  summary: 'Join an office on a new laptop: trust its laptops from its roster, then import its protected bundle',
  usage: [
    'grantpanel join --roster FILE.gproster',
    'grantpanel join --roster FILE.gproster --fingerprint "XXXX XXXX …" --bundle FILE.gpbundle.age --bundle-passphrase-file F',
  ],
  options: {
    roster: { type: 'string' },
    fingerprint: { type: 'string' },
    bundle: { type: 'string' },
    'bundle-passphrase-file': { type: 'string' },
  },
  optionHelp: [
    ['--roster F', 'required. The office’s roster file'],
    ['--fingerprint FP', 'The roster’s fingerprint, as you compared it with the office (the first step prints it)'],
    ['--bundle F', 'The office’s protected bundle, which brings its people and their sign-ins'],
    ['--bundle-passphrase-file F', 'The bundle’s password, the file’s first line (for a bundle protected with a password)'],
  ],
  positionals: [],
  // Nobody can sign in on a laptop that has not joined yet.
  signIn: 'optional',
  notes: [
    'Only on a laptop nobody has been set up on. Without --bundle it only shows who signed the roster:',
    'compare its fingerprint with the office laptop’s (grantpanel device show there), then run it again',
    'with --fingerprint and --bundle. Everyone in the bundle can then sign in here: grantpanel --as NAME …',
  ],
  examples: [
    'grantpanel join --roster /media/usb/office.gproster',
    'grantpanel join --roster /media/usb/office.gproster --fingerprint "38F1 4C5A 5C39 AC08 60CE 019D" --bundle /media/usb/office.gpbundle.age --bundle-passphrase-file pass.txt',
  ],
  check(values) {
    if (stringOption(values, 'roster') === undefined) throw new UsageError('Missing --roster', joinCommand);
    const bundle = stringOption(values, 'bundle') !== undefined;
    if (bundle !== (stringOption(values, 'fingerprint') !== undefined))
      throw new UsageError('Give --fingerprint and --bundle together (run with --roster alone first to see the fingerprint)', joinCommand);
  },
  async run({ call, io, values }: Invocation) {
    const path = (name: string) => resolve(io.cwd ?? process.cwd(), stringOption(values, name) ?? '');
    const roster = path('roster');
    const check = await call('session.checkJoin', { roster });
    const fingerprint = stringOption(values, 'fingerprint');
    if (fingerprint === undefined) {
      io.stdout(
        [
          `Roster signed by ${check.office.personName}’s laptop (device ${check.office.deviceId}), listing ${check.laptops} laptop(s).`,
          `Fingerprint: ${check.office.fingerprint}`,
          'Compare it with the office laptop’s (grantpanel device show there). If it matches:',
          `  grantpanel join --roster ${JSON.stringify(roster)} --fingerprint "${check.office.fingerprint}" --bundle FILE.gpbundle.age --bundle-passphrase-file F`,
        ].join('\n') + '\n',
      );
      return;
    }
    const passFile = stringOption(values, 'bundle-passphrase-file');
    const passphrase = passFile === undefined ? undefined : (readFileSync(path('bundle-passphrase-file'), 'utf8').split(/\r?\n/)[0] ?? '');
    const joined = await call('session.join', { roster, fingerprint, bundle: path('bundle'), ...(passphrase ? { passphrase } : {}) });
    if (joined.people === 0)
      throw new Rejected('That bundle brought nobody’s sign-in, so nobody can sign in here yet. Ask the office for a protected bundle.');
    const who = (await call('session.choices', {})).map((c) => c.name);
    io.stdout(
      [
        `Joined the office: ${joined.trusted} laptop(s) trusted, ${joined.newChanges.toLocaleString('en-GB')} changes imported.`,
        `People who can sign in here: ${who.join(', ')}`,
        `Next: grantpanel --as ${JSON.stringify(who[0] ?? 'NAME')} list rounds`,
      ].join('\n') + '\n',
    );
  },
};
