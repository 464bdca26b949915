// The laptops this one deals with, from the command line: `laptops` (trusted here, two versions of a
// log, trust on other laptops, changes from a newer GrantPanel), `revoke` and `choose-version`.
import type { EquivocationInfo, LogVersion } from '../../../shared/contract/bundles';
import { formatInstant } from '../../../shared/domain/dates';
import { printable } from '../../../shared/domain/text';
import { count, UsageError, type Command, type Invocation } from './command';

const version = (label: string, v: LogVersion) =>
  `    ${label}: ${v.change ? printable(v.change.what) : 'first differing change not seen here'}; changes up to ${v.seq.toLocaleString('en-GB')}, signed ${formatInstant(v.signedAt)}`;

function describeVersions(e: EquivocationInfo): string[] {
  const choice = e.choice ? `the office accepts the version ${e.choice === 'held' ? 'held here' : 'that arrived'}` : 'no choice made yet';
  return [
    `  ${printable(e.laptop)} (device ${e.deviceId}), from change ${e.seq.toLocaleString('en-GB')}, found ${formatInstant(e.foundAt)}: ${choice}`,
    version('held here', e.held),
    version('arrived', e.incoming),
  ];
}

export const laptopsCommand: Command = {
  words: ['laptops'],
  synopsis: 'laptops',
  summary: 'The laptops this one trusts, and anything about other laptops a person should know or decide',
  usage: ['grantpanel laptops'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: [
    'Only a person on this laptop (or a roster from a laptop trusted here) makes it trust another: trust on other laptops is listed as history.',
  ],
  examples: ['grantpanel laptops'],
  async run({ call, io }: Invocation) {
    const [devices, status] = await Promise.all([call('devices.list', {}), call('sync.status', {})]);
    const lines = [
      'Trusted here:',
      ...(devices.length
        ? devices.map((d) => `  ${printable(d.name)}: device ${d.deviceId}, key fingerprint ${d.fingerprint}`)
        : ['  none']),
    ];
    if (status.noLongerTrusted.length)
      lines.push(
        'No longer trusted here (their later bundles are refused; the changes that arrived before stay):',
        ...status.noLongerTrusted.map(
          (r) =>
            `  ${printable(r.name)}: stopped ${formatInstant(r.revokedAt)}${r.reason ? ` (${printable(r.reason)})` : ''}, ${count(r.changesKept, 'change')} kept; device ${r.deviceId}`,
        ),
      );
    if (status.equivocations.length)
      lines.push(
        'Laptops that signed two versions of their log (choose with "grantpanel choose-version"):',
        ...status.equivocations.flatMap(describeVersions),
      );
    if (status.unknownChanges.length)
      lines.push(
        'Changes from a newer GrantPanel, kept but not applied until this laptop is updated:',
        ...status.unknownChanges.map((u) => `  ${u.count.toLocaleString('en-GB')} × ${printable(u.type)}`),
      );
    if (status.notApplied.length)
      lines.push(
        'Changes kept but not applied (not signed in on that laptop, or beyond the role; check the laptop):',
        ...status.notApplied.map(
          (n) =>
            `  ${printable(n.laptop)}, in the name of ${printable(n.person)}: ${n.count.toLocaleString('en-GB')} ${printable(n.reason)}`,
        ),
      );
    if (status.trustElsewhere.length)
      lines.push(
        'Trusted by other laptops (history only, not trust here):',
        ...status.trustElsewhere.map(
          (t) => `  ${printable(t.trustedBy)} trusts ${printable(t.name)}${t.revoked ? ', since revoked' : ''}; device ${t.deviceId}`,
        ),
      );
    io.stdout(`${lines.join('\n')}\n`);
  },
};

export const revokeCommand: Command = {
  words: ['revoke'],
  synopsis: 'revoke DEVICE --reason TEXT',
  summary: 'Stop trusting a laptop: its later bundles are refused, its new changes relayed by others left out',
  usage: ['grantpanel revoke DEVICE --reason TEXT'],
  options: { reason: { type: 'string' } },
  optionHelp: [['--reason TEXT', 'Why, recorded with the revocation: "reported stolen"']],
  positionals: ['DEVICE'],
  examples: ['grantpanel revoke 1a2b3c4d5e6f7a8b --reason "Reported stolen"'],
  check(values) {
    if (typeof values.reason !== 'string' || values.reason.trim() === '')
      throw new UsageError('Give the reason with --reason TEXT', revokeCommand);
  },
  async run({ call, io, positionals, values }: Invocation) {
    const r = await call('devices.revoke', { deviceId: positionals[0] ?? '', reason: String(values.reason) });
    io.stdout(
      `This laptop no longer trusts ${printable(r.name)} (device ${r.deviceId}): its later bundles are refused here. ` +
        `The ${count(r.changesKept, 'change')} that arrived from it before ${r.changesKept === 1 ? 'stays' : 'stay'}.\n`,
    );
  },
};

export const chooseVersionCommand: Command = {
  words: ['choose-version'],
  synopsis: 'choose-version DEVICE SEQ (--held | --arrived)',
  summary: 'Choose which of two signed versions of a laptop’s log the office accepts',
  usage: ['grantpanel choose-version DEVICE SEQ (--held | --arrived)'],
  options: { held: { type: 'boolean' }, arrived: { type: 'boolean' } },
  optionHelp: [
    ['--held', 'Accept the version this laptop holds: bundles carrying the other are imported without it'],
    ['--arrived', 'Accept the version that arrived: importing that bundle again replaces the one held'],
  ],
  positionals: ['DEVICE', 'SEQ'],
  notes: ['"grantpanel laptops" lists the two versions, from the change where they part. The choice travels in bundles.'],
  examples: ['grantpanel choose-version 1a2b3c4d5e6f7a8b 16 --arrived'],
  check(values, positionals) {
    if (Boolean(values.held) === Boolean(values.arrived)) throw new UsageError('Give one of --held or --arrived', chooseVersionCommand);
    if (!/^[1-9]\d{0,9}$/.test(positionals[1] ?? ''))
      throw new UsageError('SEQ is the change number "laptops" shows, like 16', chooseVersionCommand);
  },
  async run({ call, io, positionals, values }: Invocation) {
    const e = await call('devices.chooseVersion', {
      deviceId: positionals[0] ?? '',
      seq: Number(positionals[1]),
      version: values.held ? 'held' : 'incoming',
    });
    io.stdout(`${describeVersions(e).join('\n')}\nThe choice goes to other laptops in this laptop’s next bundle.\n`);
  },
};
