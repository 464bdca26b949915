// `grantpanel audit verify`: every laptop's hash chain, every signed head this laptop keeps and
// every decision's signature; prints OK or the first broken link (and exits 1).
import type { AuditCheck } from '../../../shared/contract/audit';
import { Rejected, count, type Command, type Invocation } from './command';

const checked = (a: AuditCheck) =>
  `${count(a.events, 'event')} from ${count(a.laptops, 'laptop')}, ${count(a.heads, 'signed head')} and ${count(a.decisions, 'signed decision')}`;

export const auditVerifyCommand: Command = {
  words: ['audit', 'verify'],
  synopsis: 'audit verify',
  summary: 'Check every laptop’s hash chain, every signed head and every decision’s signature',
  usage: ['grantpanel audit verify'],
  options: {},
  optionHelp: [],
  positionals: [],
  notes: ['Prints OK and what was checked, or the first broken link and how many problems in all (exit 1).'],
  examples: ['grantpanel --as "Jo Auditor" audit verify'],
  async run({ call, io }: Invocation) {
    const a = await call('audit.verify', {});
    if (!a.ok)
      throw new Rejected(
        `Broken: ${a.firstProblem ?? 'a problem'}${a.problems > 1 ? ` (and ${count(a.problems - 1, 'more problem')})` : ''}. Checked ${checked(a)}.`,
      );
    io.stdout(`OK: ${checked(a)} checked.\n`);
  },
};
