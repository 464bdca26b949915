// Bundles from the command line: `export-bundle`, `verify-bundle` and `device show`, the last
// giving the public key others check this laptop's bundles with (also with Debian's minisign).
import { resolve } from 'node:path';
import type { BundleInfo } from '../../../shared/contract/bundles';
import { formatInstant } from '../../../shared/domain/dates';
import { printable } from '../../../shared/domain/text';
import { readFileSync } from 'node:fs';
import { count, Rejected, UsageError, type Command, type Invocation, type OptionValues } from './command';

/** The passphrase from --passphrase-file (its first line), never from the command line itself. */
function passphraseFrom(values: OptionValues, io: { cwd?: string }): { passphrase?: string } {
  const file = values['passphrase-file'];
  if (typeof file !== 'string') return {};
  try {
    return { passphrase: (readFileSync(resolve(io.cwd ?? process.cwd(), file), 'utf8').split(/\r?\n/)[0] ?? '').trim() };
  } catch {
    throw new Rejected(`Cannot read the passphrase file ${file}`);
  }
}

/** Who sent a bundle, as a person here knows it: the name this laptop gave it, else its person's. */
function sender(info: BundleInfo): string {
  const person = printable(info.exporter.personName);
  if (info.fromThisDevice) return `this laptop (${person})`;
  if (info.exporter.laptopName)
    return `${printable(info.exporter.laptopName)} (${person})${info.trusted ? '' : ' — no longer trusted here'}`;
  return `${person}’s laptop — not trusted here yet`;
}

/** What a bundle says of itself is the signer's word, shown before anyone decides to trust it: printable only. Names first, keys after. */
function describe(info: BundleInfo): string {
  return [
    `Bundle: ${printable(info.file)}`,
    `From: ${sender(info)}`,
    `Created: ${formatInstant(info.createdAt)}`,
    `Changes: ${info.eventCount.toLocaleString('en-GB')}`,
    `Personal data (applicants’ contact details, people’s sign-ins): ${info.personalRecords === null ? 'none (not protected)' : `${info.personalRecords.toLocaleString('en-GB')} records (protected)`}`,
    `Signed by: device ${info.exporter.deviceId} (key fingerprint ${info.exporter.fingerprint})${info.fromThisDevice ? ' — this laptop' : ''}, ${printable(info.exporter.personName)}`,
    ...info.devices.map((d) => `  device ${d.deviceId}: changes ${d.fromSeq.toLocaleString('en-GB')}–${d.toSeq.toLocaleString('en-GB')}`),
    `Trusted comment: ${printable(info.trustedComment)}`,
  ].join('\n');
}

export const exportBundleCommand: Command = {
  words: ['export-bundle'],
  synopsis: 'export-bundle --out FILE [--for DEVICE] [--office | --to KEY … | --passphrase-file F]',
  summary: 'Write every change this laptop holds to a signed bundle file',
  usage: [
    'grantpanel export-bundle --out FILE.gpbundle',
    'grantpanel export-bundle --out FILE.gpbundle.age (--office | --to OFFICE_KEY … | --passphrase-file FILE)',
  ],
  options: {
    out: { type: 'string' },
    for: { type: 'string' },
    office: { type: 'boolean' },
    to: { type: 'string', multiple: true },
    'passphrase-file': { type: 'string' },
  },
  optionHelp: [
    ['--out FILE', 'The bundle file to write (it must not exist yet; .gpbundle, or .gpbundle.age when sealed)'],
    ['--for DEVICE', 'Only what that laptop lacks, judged by the last bundle imported from it'],
    ['--office', 'Seal it to the office key, which came with the office’s roster (import-roster)'],
    ['--to KEY', 'Seal it with age to this key instead (age1…, from "device show" on that laptop); repeat for several'],
    ['--passphrase-file F', 'Seal it with the passphrase in this file instead (its first line)'],
  ],
  positionals: [],
  notes: [
    'The bundle is signed with this laptop’s key and checked after writing.',
    'Applicants’ contact details travel only in a sealed bundle, never in an open one.',
  ],
  examples: [
    'grantpanel export-bundle --out /media/usb/coventry-panel.gpbundle',
    'grantpanel export-bundle --out /media/usb/to-office.gpbundle.age --office',
  ],
  check(values) {
    if (typeof values.out !== 'string' || values.out === '')
      throw new UsageError('Give the file to write with --out FILE', exportBundleCommand);
  },
  async run({ call, io, values }: Invocation) {
    const to = Array.isArray(values.to) ? values.to : [];
    const file = resolve(io.cwd ?? process.cwd(), String(values.out));
    const info = await call('bundles.export', {
      file,
      ...(to.length ? { to } : {}),
      ...(values.office === true ? { office: true as const } : {}),
      ...(typeof values.for === 'string' ? { for: values.for } : {}),
      ...passphraseFrom(values, io),
    });
    // The path as typed, not just the name the app shows.
    io.stdout(`Wrote and checked the bundle: ${count(info.eventCount, 'change')}.\n${describe({ ...info, file })}\n`);
  },
};

export const verifyBundleCommand: Command = {
  words: ['verify-bundle'],
  synopsis: 'verify-bundle FILE',
  summary: 'Check a bundle’s signature and contents without importing it',
  usage: ['grantpanel verify-bundle FILE [--passphrase-file F]'],
  options: { 'passphrase-file': { type: 'string' } },
  optionHelp: [['--passphrase-file F', 'For a bundle sealed with a passphrase (otherwise this laptop’s own key opens it)']],
  positionals: ['FILE'],
  notes: ['Exit 0: the bundle is whole and signed by the device it names. Exit 1: it is not, and why.'],
  examples: ['grantpanel verify-bundle /media/usb/coventry-panel.gpbundle'],
  async run({ call, io, positionals, values }: Invocation) {
    const file = resolve(io.cwd ?? process.cwd(), positionals[0] ?? '');
    const info = await call('bundles.verify', { file, ...passphraseFrom(values, io) });
    io.stdout(`The bundle is whole and its signature is good.\n${describe({ ...info, file })}\n`);
  },
};

export const deviceShowCommand: Command = {
  words: ['device', 'show'],
  synopsis: 'device show',
  summary: 'Show this laptop’s device id, key fingerprint and public key',
  usage: ['grantpanel device show'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: ['Anyone can check this laptop’s bundles with: minisign -V -P PUBLIC_KEY -m manifest.json'],
  examples: ['grantpanel device show'],
  async run({ call, io }: Invocation) {
    const { device, person } = await call('session.current', {});
    io.stdout(
      [
        `Device id: ${device.id}`,
        `Key fingerprint: ${device.fingerprint}`,
        `Public key (minisign): ${device.publicKey}`,
        `Office key for sealed bundles (age): ${device.sealRecipient}`,
        `Signed in: ${person?.name ?? 'nobody'}`,
      ].join('\n') + '\n',
    );
  },
};

export const importBundleCommand: Command = {
  words: ['import-bundle'],
  synopsis: 'import-bundle FILE',
  summary: 'Import a bundle from a trusted laptop: all of it or nothing',
  usage: ['grantpanel import-bundle FILE [--passphrase-file F]'],
  options: { 'passphrase-file': { type: 'string' } },
  optionHelp: [['--passphrase-file F', 'For a bundle sealed with a passphrase (otherwise this laptop’s own key opens it)']],
  positionals: ['FILE'],
  notes: [
    'The bundle must be signed by this laptop or by one trusted with "grantpanel trust".',
    'Changes already held are skipped, so importing the same bundle twice changes nothing.',
    'Exit 1 with the reason when the bundle is refused; then nothing was imported.',
  ],
  examples: ['grantpanel import-bundle /media/usb/coventry-panel.gpbundle'],
  async run({ call, io, positionals, values }: Invocation) {
    const file = resolve(io.cwd ?? process.cwd(), positionals[0] ?? '');
    const result = await call('bundles.import', { file, ...passphraseFrom(values, io) });
    io.stdout(
      [
        `Imported ${count(result.newEvents, 'new change')} from ${sender(result.bundle)}; ${result.knownEvents.toLocaleString('en-GB')} already here.`,
        ...(result.leftOut > 0
          ? [
              `Left out ${count(result.leftOut, 'change')} from laptops no longer trusted here, or from a version of a laptop’s log not accepted.`,
            ]
          : []),
        ...result.gaps.map((g) => `Missing: ${g}`),
        describe({ ...result.bundle, file }),
      ].join('\n') + '\n',
    );
  },
};

export const trustCommand: Command = {
  words: ['trust'],
  synopsis: 'trust DEVICE_PUBLIC_KEY [--name NAME]',
  summary: 'Trust another laptop’s bundles, after comparing its key fingerprint',
  usage: ['grantpanel trust DEVICE_PUBLIC_KEY [--name NAME]'],
  options: { name: { type: 'string' } },
  optionHelp: [['--name NAME', 'What to call that laptop, like "Coventry panel laptop"']],
  positionals: ['DEVICE_PUBLIC_KEY'],
  notes: ['Get the key from "grantpanel device show" on the other laptop, and check the fingerprint this prints matches the one it shows.'],
  examples: ['grantpanel trust RWS… --name "Coventry panel laptop"'],
  async run({ call, io, positionals, values }: Invocation) {
    const device = await call('devices.trust', {
      publicKey: positionals[0] ?? '',
      ...(typeof values.name === 'string' ? { name: values.name } : {}),
    });
    io.stdout(`Trusted ${printable(device.name)}: device ${device.deviceId}, key fingerprint ${device.fingerprint}.\n`);
  },
};
