// Letters from the Chief Executive's decisions: an offer (with its acceptance slip) for an
// approved or amended decision, a decline letter for a declined one, in the words of the round's
// fund's letter template. Made by the core, so the app, the CLI and the tests make the same file.
// Only a standing decision whose signature holds gets a letter: nobody is told of a decision that
// was superseded or does not verify. Writing letters records nothing: they change no record.
import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedInput } from '../../../shared/contract';
import type { LetterJob } from '../../../shared/contract/letters';
import { DomainError } from '../../../shared/contract/result';
import { letterFileName } from '../../../shared/domain/letters';
import { authorise } from '../authorise';
import type { CoreContext, Handlers } from '../context';
import { decisionsOf, signatureProblem } from '../decisions/decisions';
import { letterPdf } from '../pdf/letter';
import { getDetail } from './applications';
import { save } from './documents';
import { statement } from '../db/statements';
import { templateOf } from './letter-templates';
import { writeZip } from '../bundles/zip';
import { problemOf } from '../problems';

/** The letter a decision calls for, as PDF bytes, and the file name it is given. */
export async function letterFor(ctx: CoreContext, decisionId: string): Promise<{ name: string; pdf: Uint8Array; declined: boolean }> {
  const row = statement<[string], { application_id: string }>(ctx.db, 'SELECT application_id FROM decisions WHERE id = ?').get(decisionId);
  if (!row) throw new DomainError('NOT_FOUND', 'That decision is not on this laptop');
  const d = decisionsOf(ctx.db, row.application_id).standing.find((s) => s.id === decisionId);
  if (!d) throw new DomainError('FORBIDDEN', 'A later decision supersedes this one: write the letter from the standing decision');
  if (signatureProblem(d)) throw new DomainError('FORBIDDEN', `The decision on ${d.reference} does not verify, so no letter is written`);
  const a = getDetail(ctx.db, d.applicationId, true);
  const fundId = statement<[string], { fund_id: string }>(ctx.db, 'SELECT fund_id FROM rounds WHERE id = ?').get(a.roundId)?.fund_id ?? '';
  const declined = d.decision === 'decline';
  const pdf = await letterPdf({
    reference: d.reference,
    organisation: d.organisation,
    projectTitle: a.projectTitle,
    contactName: a.contactName ?? '',
    contactEmail: a.contactEmail ?? '',
    fundName: a.fundName,
    roundName: d.roundName,
    amountRequestedPence: a.amountRequested,
    amountPence: d.amountPence,
    declined,
    reason: d.reason,
    startDate: a.startDate,
    endDate: a.endDate,
    signerName: d.signerName,
    signedAt: d.signedAt,
    decisionId: d.id,
    template: templateOf(ctx.db, fundId),
    now: ctx.now().toISOString(),
  });
  return { name: letterFileName(d.reference, declined), pdf, declined };
}

/** Every standing decision that verifies on a round's applications in an area, in reference order. */
export function lettersDue(ctx: CoreContext, roundId: string, areaId: string): { id: string; name: string; declined: boolean }[] {
  const applications = statement<[string, string], { id: string }>(
    ctx.db,
    'SELECT a.id FROM applications a WHERE a.round_id = ? AND a.area_id = ? AND EXISTS (SELECT 1 FROM decisions d WHERE d.application_id = a.id) ORDER BY a.reference',
  ).all(roundId, areaId);
  return applications.flatMap(({ id }) =>
    decisionsOf(ctx.db, id)
      .standing.filter((d) => signatureProblem(d) === null)
      // Two standing decisions on one application (two laptops at once) are for a person to settle: no letter.
      .filter((_, __, standing) => standing.length === 1)
      .map((d) => ({ id: d.id, name: letterFileName(d.reference, d.decision === 'decline'), declined: d.decision === 'decline' })),
  );
}

type RunningLetters = LetterJob & { cancelRequested: boolean };
/** Each core's jobs are its own. */
const jobsOf = new WeakMap<CoreContext, Map<string, RunningLetters>>();
const KEEP_FINISHED = 10;

function jobs(ctx: CoreContext): Map<string, RunningLetters> {
  let found = jobsOf.get(ctx);
  if (!found) jobsOf.set(ctx, (found = new Map()));
  return found;
}

function snapshot(job: RunningLetters): LetterJob {
  const { cancelRequested: _, ...rest } = job;
  return { ...rest, written: [...rest.written] };
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/** A letter into a folder: whole or not at all, and never over a file of its name (even one that appeared since the check). */
function writeNew(folder: string, name: string, pdf: Uint8Array): void {
  const final = join(folder, name);
  const temp = join(folder, `.${name}.${process.pid}.part`);
  writeFileSync(temp, pdf, { flag: 'wx' });
  try {
    linkSync(temp, final);
  } catch {
    throw new DomainError('CONFLICT', `${name} appeared in the folder while the letters were written — it was left as it was`);
  } finally {
    rmSync(temp, { force: true });
  }
}

async function run(ctx: CoreContext, job: RunningLetters, due: ReturnType<typeof lettersDue>, target: { path: string; zip: boolean }) {
  const made: { name: string; content: Buffer }[] = [];
  try {
    for (const letter of due) {
      if (job.cancelRequested) return void (job.state = 'cancelled');
      const { pdf, declined } = await letterFor(ctx, letter.id);
      if (target.zip) made.push({ name: letter.name, content: Buffer.from(pdf) });
      else writeNew(target.path, letter.name, pdf);
      job.written.push(letter.name);
      job.done += 1;
      if (declined) job.declines += 1;
      else job.offers += 1;
    }
    if (job.cancelRequested && target.zip) return void (job.state = 'cancelled');
    if (target.zip) await writeZip(target.path, made);
    job.state = 'done';
  } catch (error) {
    Object.assign(job, { state: 'failed', error: problemOf(error, ctx.readOnly, ctx.logError, 'letters.batch') });
  }
}

function find(ctx: CoreContext, jobId: string): RunningLetters {
  const job = jobs(ctx).get(jobId);
  if (!job) throw new DomainError('NOT_FOUND', 'Those letters are no longer being written — start again');
  return job;
}

export const letterHandlers: Handlers<'letters.write' | 'letters.batch' | 'letters.batchProgress' | 'letters.batchCancel'> = {
  'letters.write': async ({ decisionId, file }: ParsedInput<'letters.write'>, ctx) => {
    const { pdf } = await letterFor(ctx, decisionId);
    return save(ctx, file, 'pdf', pdf);
  },
  'letters.batch': ({ roundId, areaId, file }, ctx) => {
    authorise(ctx, 'read-personal-data');
    const round = statement<[string], { name: string }>(ctx.db, 'SELECT name FROM rounds WHERE id = ?').get(roundId);
    if (!round) throw new DomainError('NOT_FOUND', 'That round is not on this laptop');
    const area = statement<[string], { name: string }>(ctx.db, 'SELECT name FROM areas WHERE id = ?').get(areaId);
    if (!area) throw new DomainError('NOT_FOUND', 'That area is not on this laptop');
    const chosen = ctx.files.use(file, 'write', 'letters');
    const due = lettersDue(ctx, roundId, areaId);
    if (due.length === 0)
      throw new DomainError('VALIDATION', `No signed decisions stand in ${area.name} yet, so there are no letters to write`, [
        { field: 'letters', message: `No signed decisions stand in ${area.name} yet, so there are no letters to write` },
      ]);
    // Browser mode downloads one zip; elsewhere a folder a person chose (or typed at the terminal).
    const zip = chosen.origin === 'outgoing';
    if (!zip) {
      if (!existsSync(chosen.path) || !statSync(chosen.path).isDirectory())
        throw new DomainError('VALIDATION', 'Choose a folder to write the letters into', [
          { field: 'file', message: 'Choose a folder to write the letters into' },
        ]);
      const held = new Set(readdirSync(chosen.path));
      const clashes = due.filter((l) => held.has(l.name)).map((l) => l.name);
      if (clashes.length > 0)
        throw new DomainError(
          'CONFLICT',
          `${clashes[0]}${clashes.length > 1 ? ` and ${plural(clashes.length - 1, 'other letter')}` : ''} ${clashes.length > 1 ? 'are' : 'is'} already in ${chosen.name} — choose another folder, or move them first. Nothing was written.`,
          [{ field: 'file', message: `${clashes[0]} is already in ${chosen.name}: choose another folder` }],
        );
    }
    const job: RunningLetters = {
      jobId: randomUUID(),
      state: 'writing',
      done: 0,
      total: due.length,
      offers: 0,
      declines: 0,
      written: [],
      destination: zip ? chosen.name : chosen.path,
      error: null,
      cancelRequested: false,
    };
    const held = jobs(ctx);
    held.set(job.jobId, job);
    for (const [id, old] of [...held].slice(0, Math.max(0, held.size - KEEP_FINISHED))) if (old.state !== 'writing') held.delete(id);
    void run(ctx, job, due, { path: chosen.path, zip });
    return snapshot(job);
  },
  'letters.batchProgress': ({ jobId }, ctx) => {
    authorise(ctx, 'read-personal-data');
    return snapshot(find(ctx, jobId));
  },
  'letters.batchCancel': ({ jobId }, ctx) => {
    authorise(ctx, 'read-personal-data');
    const job = find(ctx, jobId);
    if (job.state === 'writing') job.cancelRequested = true;
    return snapshot(job);
  },
};
