// The benchmarks' applications: `rows` generated rows in the CSV template's format, varied
// across areas, amounts and plan priorities, so filters and sorts have something to do.
import { writeFileSync } from 'node:fs';
import { openCore, type Core } from '../electron/core/app';
import { APPLICATION_COLUMNS } from '../shared/formats/applications-csv';

const AREAS = ['Birmingham', 'Coventry', 'Dudley', 'Sandwell', 'Solihull', 'Walsall', 'Wolverhampton'];
const PRIORITIES = ['COMMUNITY', 'VIOLENCE', 'ROADS', 'NEIGHBOURHOOD', 'VICTIMS', 'EQUAL', 'PREVENTION'];

/** `blank`: every reference left for GrantPanel to number, as the template invites. */
export function generateCsv(rows: number, blank: boolean): { csv: string; cells: string[][] } {
  const cells: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const pounds = 500 + (i % 4500);
    cells.push([
      blank ? '' : `BENCH-${String(i).padStart(6, '0')}`,
      `Community group ${i}`,
      'Constituted community group',
      '',
      '',
      'Yes',
      'Yes',
      `Contact ${i}`,
      `contact${i}@example.org`,
      '0121 496 0000',
      `Project number ${i} for safer streets`,
      'A project that brings residents together to make the neighbourhood safer, with volunteers and the local policing team.',
      AREAS[i % AREAS.length] as string,
      i % 3 === 0 ? 'Yes' : 'No',
      `£${pounds.toLocaleString('en-GB')}`,
      `Equipment: £${pounds - 100}; Publicity: £100`,
      '01/02/2027',
      '30/06/2027',
      `${PRIORITIES[i % PRIORITIES.length]}; ${PRIORITIES[(i + 3) % PRIORITIES.length]}`,
      'young-people; general-community',
      String(20 + (i % 300)),
      'Fewer incidents | Police data each quarter',
      'Volunteers will continue the work.',
      // Half received earlier on paper, half left for the day of the import.
      i % 2 === 0 ? '02/11/2026' : '',
    ]);
  }
  const quote = (v: string) => (/[",\n;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const csv = [APPLICATION_COLUMNS.map((c) => c.header), ...cells].map((r) => r.map(quote).join(',')).join('\r\n');
  return { csv, cells };
}

/** The benchmarks' grants officer: set up on a new data folder, signed in on one already set up. */
export const BENCH_OFFICER = { name: 'Bench officer', passphrase: 'bench officer passphrase' };

/** Opens a data folder as the CLI does and signs its grants officer in (set up on first use). */
export async function openSignedIn(dataDir: string): Promise<Core> {
  const core = openCore({ dataDir });
  await signIn(core);
  return core;
}

export async function signIn(core: Core): Promise<void> {
  const { state } = (await call(core, 'session.current', {})) as { state: string };
  if (state === 'set-up') await call(core, 'session.setUp', BENCH_OFFICER);
  else await call(core, 'session.signIn', { personId: `officer-${core.ctx.device.id}`, passphrase: BENCH_OFFICER.passphrase });
}

/** A data folder holding `rows` generated applications in one round, imported through the core. */
export async function fillDataFolder(dataDir: string, rows: number): Promise<void> {
  const core = await openSignedIn(dataDir);
  try {
    const round = await call(core, 'rounds.create', {
      fundId: 'acf',
      planId: 'pcp-2025-2029',
      name: 'Bench round',
      opens: '2026-11-01',
      closes: '2026-12-31',
    });
    const { csv } = generateCsv(rows, false);
    // The CSV file as the CLI chooses one typed at the terminal; the core reads it itself.
    const csvPath = `${dataDir}.csv`;
    writeFileSync(csvPath, csv);
    await call(core, 'imports.commit', { roundId: round.id, file: core.ctx.files.choose(csvPath, 'read', 'csv', 'terminal').id });
  } finally {
    core.close();
  }
}

export async function call(core: Core, method: string, input: unknown) {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.details?.slice(0, 3))}`);
  return r.value as Record<string, unknown>;
}
