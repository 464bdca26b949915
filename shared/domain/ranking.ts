// Ranking a panel's applications, and normalisation beside it: each member's scores standardised
// against that member's own mean and spread across the round, so a harsh or generous scorer does
// not decide outcomes. Raw ranks are exact; normalisation needs a square root, so its floats are
// made deterministic (exact mean and variance first, z rounded to whole millionths, members in id
// order) and ranks never depend on the order the scores were read in. (Math.sqrt and division are
// correctly rounded in V8, which the app, the CLI and every laptop run; the rounding to millionths
// would absorb a last-bit difference anyway, short of one landing exactly on a rounding boundary.)
import type { RubricContent } from './rubric';
import {
  big,
  bigAdd,
  bigDecimalText,
  bigSub,
  bigToNumber,
  bigVariance,
  compare,
  decimalText,
  divideBy,
  fraction,
  type BigFraction,
  type Fraction,
} from './fraction';
import { scoreView, type ScoreView } from './scoring';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** z is kept as whole millionths: enough to separate any real difference, coarse enough to be the same on every machine. */
export const Z_UNITS = 1_000_000;

/** One member's complete weighted score for one application (incomplete sets are left out). */
export interface MemberTotal {
  applicationId: string;
  memberId: string;
  score: Fraction;
}

export interface MemberNormalisation {
  memberId: string;
  /** Applications this member completed in the round. */
  count: number;
  /** Their mean weighted percentage: "61.3%". */
  meanText: string;
  /** Their population standard deviation, in percentage points, for display: "12.4". */
  deviationText: string;
  /** Why this member's scores count as z = 0, if they do. */
  note: 'too-few-scores' | 'no-spread' | null;
  noteText: string | null;
  /** Each of their complete scores standardised, in application id order: z in whole millionths. */
  scores: { applicationId: string; zUnits: number; zText: string }[];
}

export interface NormalisedScore {
  applicationId: string;
  /** Mean of its members' z in millionths (a sum of whole millionths over the member count): exact, so ranks are too. */
  zUnits: Fraction;
  /** For JSON and CSV: 0.53 */
  zNumber: number;
  /** "+0.53", "-1.20", "0.00" */
  zText: string;
  memberCount: number;
}

export interface RoundNormalisation {
  members: MemberNormalisation[];
  /** In application id order. */
  applications: NormalisedScore[];
}

const NOTES = {
  'too-few-scores': 'Fewer than 2 completed applications in the round, so their scores are not normalised (counted as 0)',
  'no-spread': 'Gave every application the same score, so their scores are not normalised (counted as 0)',
} as const;

/** Normalise every member's complete scores across the round. */
export function normaliseRound(totals: readonly MemberTotal[]): RoundNormalisation {
  const byMember = new Map<string, MemberTotal[]>();
  const seen = new Set<string>();
  for (const t of totals) {
    const key = JSON.stringify([t.applicationId, t.memberId]);
    if (seen.has(key)) throw new RangeError('A member has two totals for one application');
    seen.add(key);
    const own = byMember.get(t.memberId);
    if (own) own.push(t);
    else byMember.set(t.memberId, [t]);
  }

  const members: MemberNormalisation[] = [];
  const zByApplication = new Map<string, number[]>();
  for (const memberId of [...byMember.keys()].sort(byText)) {
    const own = [...byMember.get(memberId)!].sort((a, b) => byText(a.applicationId, b.applicationId));
    const values = own.map((t) => big(t.score));
    const total = values.reduce(bigAdd, { n: 0n, d: 1n });
    const meanF: BigFraction = { n: total.n, d: total.d * BigInt(values.length) };
    const variance = bigVariance(values);
    const sd = Math.sqrt(bigToNumber(variance));
    const note = own.length < 2 ? 'too-few-scores' : variance.n === 0n ? 'no-spread' : null;
    const scores = own.map((t, i) => {
      // + 0 turns a rounded -0 into 0.
      const zUnits = note ? 0 : Math.round((bigToNumber(bigSub(values[i]!, meanF)) / sd) * Z_UNITS) + 0;
      const zs = zByApplication.get(t.applicationId);
      if (zs) zs.push(zUnits);
      else zByApplication.set(t.applicationId, [zUnits]);
      return { applicationId: t.applicationId, zUnits, zText: decimalText(fraction(zUnits, Z_UNITS), 2, true) };
    });
    members.push({
      memberId,
      count: own.length,
      meanText: `${bigDecimalText({ n: meanF.n * 100n, d: meanF.d }, 1)}%`,
      deviationText: (Math.round(sd * 1000) / 10).toFixed(1),
      note,
      noteText: note ? NOTES[note] : null,
      scores,
    });
  }

  const applications = [...zByApplication.keys()].sort(byText).map((applicationId) => {
    const zs = zByApplication.get(applicationId)!;
    // Kept in millionths over the count (not over count × a million) so comparing two stays well within exact range.
    const zUnits = fraction(
      zs.reduce((a, b) => a + b, 0),
      zs.length,
    );
    const z = divideBy(zUnits, Z_UNITS);
    return { applicationId, zUnits, zNumber: Number(decimalText(z, 2)), zText: decimalText(z, 2, true), memberCount: zs.length };
  });
  return { members, applications };
}

/** One application as the ranking sees it. */
export interface RankingEntry {
  applicationId: string;
  reference: string;
  /** The moderated score, else the members' mean once the quorum is met (see rankingScore); null if neither. */
  score: Fraction | null;
  /** false excludes the application whatever its score; null means not yet answered. */
  gatesPassed: boolean | null;
}

export type RankStatus = 'ranked' | 'excluded' | 'not-ranked';

export interface RankedRow {
  applicationId: string;
  reference: string;
  status: RankStatus;
  statusText: string;
  /** Standard competition ranking: 1, 2, 2, 4. Null unless ranked. */
  rank: number | null;
  /** "1", "=2" for a tie, "" unless ranked. */
  rankText: string;
  score: ScoreView | null;
  gatesPassed: boolean | null;
  /** Present when the ranking was asked for with normalisation. */
  normalised: {
    score: NormalisedScore | null;
    rank: number | null;
    rankText: string;
    /** raw rank − normalised rank: positive when normalisation moves it up. */
    places: number | null;
    /** |raw − normalised| > the rubric's rankShiftPlaces. */
    shifted: boolean;
    shiftText: string | null;
  } | null;
}

const STATUS_TEXT: Record<RankStatus, string> = {
  ranked: 'Ranked',
  excluded: 'Excluded: failed a gate',
  'not-ranked': 'Not ranked: no score yet',
};

/** Standard competition ranks (1, 2, 2, 4) for items already sorted best first, with "=" on ties. */
function competitionRanks<T>(sorted: readonly T[], same: (a: T, b: T) => boolean): { rank: number; text: string }[] {
  const ranks: number[] = [];
  sorted.forEach((item, i) => ranks.push(i > 0 && same(sorted[i - 1]!, item) ? ranks[i - 1]! : i + 1));
  return ranks.map((rank, i) => ({ rank, text: ranks[i - 1] === rank || ranks[i + 1] === rank ? `=${rank}` : String(rank) }));
}

const placesText = (n: number) => `${n} ${n === 1 ? 'place' : 'places'}`;

/**
 * Rank a panel's applications: highest score first, ties sharing a rank and listed by reference
 * then id; then those excluded by a failed gate; then those with no score. With a round's
 * normalisation, each ranked application also gets its normalised rank and a shift flag.
 */
export function rankApplications(
  rubric: Pick<RubricContent, 'bands' | 'rankShiftPlaces'>,
  entries: readonly RankingEntry[],
  normalisation?: RoundNormalisation,
): RankedRow[] {
  const ids = new Set<string>();
  for (const e of entries) {
    if (ids.has(e.applicationId)) throw new RangeError('An application appears twice in one ranking');
    ids.add(e.applicationId);
  }
  const byReference = (a: RankingEntry, b: RankingEntry) => byText(a.reference, b.reference) || byText(a.applicationId, b.applicationId);
  const status = (e: RankingEntry): RankStatus => (e.gatesPassed === false ? 'excluded' : e.score ? 'ranked' : 'not-ranked');

  const ranked = entries.filter((e) => status(e) === 'ranked').sort((a, b) => compare(b.score!, a.score!) || byReference(a, b));
  const rawRanks = competitionRanks(ranked, (a, b) => compare(a.score!, b.score!) === 0);

  const zOf = new Map(normalisation?.applications.map((n) => [n.applicationId, n]));
  const withZ = ranked
    .filter((e) => zOf.has(e.applicationId))
    .sort((a, b) => compare(zOf.get(b.applicationId)!.zUnits, zOf.get(a.applicationId)!.zUnits));
  const zRanks = competitionRanks(withZ, (a, b) => compare(zOf.get(a.applicationId)!.zUnits, zOf.get(b.applicationId)!.zUnits) === 0);
  const normalisedRank = new Map(withZ.map((e, i) => [e.applicationId, zRanks[i]!]));

  const row = (e: RankingEntry, raw: { rank: number; text: string } | null): RankedRow => {
    const s = status(e);
    const n = normalisedRank.get(e.applicationId) ?? null;
    const places = raw && n ? raw.rank - n.rank : null;
    const shifted = places !== null && Math.abs(places) > rubric.rankShiftPlaces;
    return {
      applicationId: e.applicationId,
      reference: e.reference,
      status: s,
      statusText: STATUS_TEXT[s],
      rank: raw?.rank ?? null,
      rankText: raw?.text ?? '',
      score: e.score ? scoreView(rubric, e.score) : null,
      gatesPassed: e.gatesPassed,
      normalised: normalisation
        ? {
            score: zOf.get(e.applicationId) ?? null,
            rank: n?.rank ?? null,
            rankText: n?.text ?? '',
            places,
            shifted,
            shiftText: shifted ? `Normalisation moves it ${places! > 0 ? 'up' : 'down'} ${placesText(Math.abs(places!))}` : null,
          }
        : null,
    };
  };

  return [
    ...ranked.map((e, i) => row(e, rawRanks[i]!)),
    ...entries
      .filter((e) => status(e) === 'excluded')
      .sort(byReference)
      .map((e) => row(e, null)),
    ...entries
      .filter((e) => status(e) === 'not-ranked')
      .sort(byReference)
      .map((e) => row(e, null)),
  ];
}
