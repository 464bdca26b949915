// The roster of trusted laptops from the command line: `export-roster` on the office laptop,
// `verify-roster` and `import-roster` on the others.
import { resolve } from 'node:path';
import type { RosterDeviceInfo, RosterInfo } from '../../../shared/contract/roster';
import { formatInstant } from '../../../shared/domain/dates';
import { printable } from '../../../shared/domain/text';
import { count, UsageError, type Command, type Invocation } from './command';

const STATUS: Record<RosterDeviceInfo['status'], string> = {
  'this-laptop': 'this laptop',
  trusted: 'already trusted',
  new: 'not trusted here yet',
  added: 'trusted now',
};

function deviceLine(d: RosterDeviceInfo): string {
  return `  ${printable(d.name)}${d.personName ? ` (${printable(d.personName)})` : ''}: device ${d.deviceId}, key fingerprint ${d.fingerprint} — ${STATUS[d.status]}`;
}

function describe(info: RosterInfo): string {
  const signer = info.fromThisDevice ? ' — this laptop' : info.signerTrusted ? ' — trusted here' : ' — NOT trusted here';
  return [
    `Roster: ${printable(info.file)}`,
    `Signed by: device ${info.exporter.deviceId} (key fingerprint ${info.exporter.fingerprint})${signer}, ${printable(info.exporter.personName)}`,
    `Created: ${formatInstant(info.createdAt)}`,
    `Laptops: ${info.devices.length.toLocaleString('en-GB')}`,
    ...info.devices.map(deviceLine),
    `Trusted comment: ${printable(info.trustedComment)}`,
  ].join('\n');
}

const fileArg = ({ io, positionals }: Invocation) => resolve(io.cwd ?? process.cwd(), positionals[0] ?? '');

export const exportRosterCommand: Command = {
  words: ['export-roster'],
  synopsis: 'export-roster --out FILE',
  summary: 'Write the signed roster of the laptops this one trusts, for other laptops to import',
  usage: ['grantpanel export-roster --out FILE.gproster'],
  options: { out: { type: 'string' } },
  optionHelp: [['--out FILE', 'The roster file to write (it must not exist yet; it ends in .gproster)']],
  positionals: [],
  notes: [
    'The roster lists this laptop and every laptop it trusts, with their keys and people; no applicants’ details.',
    'It is signed with this laptop’s key and checked after writing.',
  ],
  examples: ['grantpanel export-roster --out /media/usb/office.gproster'],
  check(values) {
    if (typeof values.out !== 'string' || values.out === '')
      throw new UsageError('Give the file to write with --out FILE', exportRosterCommand);
  },
  async run({ call, io, values }: Invocation) {
    const file = resolve(io.cwd ?? process.cwd(), String(values.out));
    const info = await call('roster.export', { file });
    io.stdout(`Wrote and checked the roster: ${count(info.devices.length, 'laptop')}.\n${describe({ ...info, file })}\n`);
  },
};

export const verifyRosterCommand: Command = {
  words: ['verify-roster'],
  synopsis: 'verify-roster FILE',
  summary: 'Check a roster’s signature and list its laptops without trusting any',
  usage: ['grantpanel verify-roster FILE'],
  options: {},
  optionHelp: [],
  positionals: ['FILE'],
  notes: ['Exit 0: the roster is whole and signed by the laptop it names (trusted here or not). Exit 1: it is not, and why.'],
  examples: ['grantpanel verify-roster /media/usb/office.gproster'],
  async run(invocation: Invocation) {
    const file = fileArg(invocation);
    const info = { ...(await invocation.call('roster.verify', { file })), file };
    const next = info.signerTrusted
      ? `${count(info.newDevices, 'laptop')} not trusted here yet.`
      : 'This laptop does not trust the laptop that signed it: check its fingerprint and trust it before importing.';
    invocation.io.stdout(`The roster is whole and its signature is good. ${next}\n${describe(info)}\n`);
  },
};

export const importRosterCommand: Command = {
  words: ['import-roster'],
  synopsis: 'import-roster FILE',
  summary: 'Trust every laptop a roster from a trusted laptop lists: all of them or none',
  usage: ['grantpanel import-roster FILE'],
  options: {},
  optionHelp: [],
  positionals: ['FILE'],
  notes: [
    'The roster must be signed by this laptop or by one trusted with "grantpanel trust".',
    'Laptops already trusted are skipped, so importing the same roster twice changes nothing.',
    'Exit 1 with the reason when the roster is refused; then no laptop was trusted.',
  ],
  examples: ['grantpanel import-roster /media/usb/office.gproster'],
  async run(invocation: Invocation) {
    const result = await invocation.call('roster.import', { file: fileArg(invocation) });
    invocation.io.stdout(
      [
        `Trusted ${count(result.added, 'new laptop')} (${count(result.alreadyTrusted, 'laptop')} already trusted).`,
        ...(result.officeKeySet
          ? ['The office key came with it: export-bundle --office now seals bundles for the laptop that made it.']
          : []),
        ...result.devices.map(deviceLine),
      ].join('\n') + '\n',
    );
  },
};
