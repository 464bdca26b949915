// One application's scores against a rubric: each member's weighted score and band, the mean and
// median, the quorum, the spread flag and the gates. Pure and exact (see fraction.ts); everything a
// screen or CSV shows is in the answer, so the core and the renderer do no arithmetic of their own.
import type { Band, Criterion, RubricContent } from './rubric';
import {
  big,
  bigCompare,
  bigToNumber,
  bigVariance,
  fraction,
  mean,
  median,
  percentNumber,
  percentTenths,
  percentText,
  type Fraction,
} from './fraction';

/** A member's levels by criterion id: null (or absent) where not yet scored. */
export type Levels = Readonly<Record<string, number | null | undefined>>;
export type GateAnswer = 'pass' | 'fail' | null;
export type GateAnswers = Readonly<Record<string, GateAnswer | undefined>>;

function checkLevel(c: Criterion, level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > c.scale)
    throw new RangeError(`The score for “${c.name}” must be a whole number from 0 to ${c.scale}`);
}

/**
 * Σ weight × level / Σ weight × scale, or null when any criterion is unscored: a member's total
 * counts only when complete. Levels for criteria not in the rubric are ignored.
 */
export function weightedFraction(criteria: readonly Criterion[], levels: Levels): Fraction | null {
  if (criteria.length === 0) return null;
  let scored = 0;
  let possible = 0;
  for (const c of criteria) {
    const level = levels[c.id];
    if (level === null || level === undefined) return null;
    checkLevel(c, level);
    scored += c.weight * level;
    possible += c.weight * c.scale;
  }
  return fraction(scored, possible);
}

/** The band a weighted fraction falls in, exactly: at or above a band's fromPercent and below the band above. */
export function bandOf(rubric: Pick<RubricContent, 'bands'>, f: Fraction): Band {
  // f ≥ from/100 ⇔ 100·num ≥ from·den (den > 0).
  const band = rubric.bands.find((b) => f.num * 100 >= b.fromPercent * f.den) ?? rubric.bands.at(-1);
  if (!band) throw new RangeError('The rubric has no bands');
  return band;
}

/** What a screen or CSV shows for a score: the exact fraction, its percentage and its band. */
export interface ScoreView {
  fraction: Fraction;
  /** One decimal place, for JSON and CSV: 72.5 */
  percent: number;
  /** en-GB: "72.5%" — see bandedPercentText for why it can show two decimals. */
  percentText: string;
  band: { id: Band['id']; label: string };
}

/**
 * "72.5%", but never rounded up onto a band's threshold it is below: 69.96% shows as "69.96%" (with
 * two decimals, rounded down) rather than "70.0%" beside the word Refer.
 */
export function bandedPercentText(rubric: Pick<RubricContent, 'bands'>, f: Fraction): string {
  const shown = percentText(f);
  const crosses = rubric.bands.some((b) => f.num * 100 < b.fromPercent * f.den && percentTenths(f) >= b.fromPercent * 10);
  if (!crosses) return shown;
  const hundredths = Math.floor((f.num * 10000) / f.den);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}

export function scoreView(rubric: Pick<RubricContent, 'bands'>, f: Fraction): ScoreView {
  const band = bandOf(rubric, f);
  return { fraction: f, percent: percentNumber(f), percentText: bandedPercentText(rubric, f), band: { id: band.id, label: band.label } };
}

/** One member's scores and gate answers for one application. */
export interface MemberScores {
  memberId: string;
  levels: Levels;
  gates: GateAnswers;
}

export interface MemberResult {
  memberId: string;
  /** Criteria this member has scored, of the rubric's. */
  scoredCount: number;
  complete: boolean;
  /** Null until every criterion is scored. */
  score: ScoreView | null;
  /** The gates this member said fail, in the rubric's order. */
  failedGates: string[];
}

export interface CriterionSpread {
  criterionId: string;
  /** How many members have scored it. */
  scoredBy: number;
  min: number | null;
  max: number | null;
  /** max − min, 0 with fewer than two scores. */
  points: number;
  /** points ≥ the rubric's spreadPoints. */
  flagged: boolean;
}

export interface GateResult {
  gateId: string;
  name: string;
  failedBy: string[];
  passedBy: string[];
  /** 'fail' when any member says it fails; 'pass' when at least one says it passes and none fail; else null. */
  result: 'pass' | 'fail' | null;
}

export interface ApplicationScores {
  members: MemberResult[];
  /** Members with every criterion scored: only their totals count. */
  completeCount: number;
  quorum: number;
  quorumMet: boolean;
  /** Over complete members; null when there are none. */
  mean: ScoreView | null;
  median: ScoreView | null;
  spread: {
    criteria: CriterionSpread[];
    /** Criterion ids whose spread is flagged, in the rubric's order. */
    flaggedCriteria: string[];
    /** Population standard deviation of complete members' weighted percentages, in percentage points, for display: 16.2 */
    deviation: number;
    deviationText: string;
    /** The deviation is greater than the rubric's spreadDeviation (decided exactly, not from the rounded figure). */
    deviationFlagged: boolean;
    /** Either kind of spread: the chair should look at this application. */
    flagged: boolean;
  };
  gates: GateResult[];
  /** false when any gate failed; true when every gate passed; null while any is unanswered. */
  gatesPassed: boolean | null;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Summarise one application's scores. Members are reported in id order whatever order they come
 * in, so the answer never depends on the order the core read them.
 */
export function summariseApplication(rubric: RubricContent, memberScores: readonly MemberScores[], quorum: number): ApplicationScores {
  if (!Number.isInteger(quorum) || quorum < 1) throw new RangeError('The quorum must be a whole number from 1');
  const seen = new Set<string>();
  for (const m of memberScores) {
    if (seen.has(m.memberId)) throw new RangeError('A member appears twice in one application’s scores');
    seen.add(m.memberId);
  }
  const sorted = [...memberScores].sort((a, b) => byId(a.memberId, b.memberId));

  const members: MemberResult[] = sorted.map((m) => {
    const scoredCount = rubric.criteria.filter((c) => {
      const level = m.levels[c.id];
      if (level === null || level === undefined) return false;
      checkLevel(c, level);
      return true;
    }).length;
    const f = weightedFraction(rubric.criteria, m.levels);
    return {
      memberId: m.memberId,
      scoredCount,
      complete: f !== null,
      score: f ? scoreView(rubric, f) : null,
      failedGates: rubric.gates.filter((g) => m.gates[g.id] === 'fail').map((g) => g.id),
    };
  });

  const totals = members.flatMap((m) => (m.score ? [m.score.fraction] : []));
  const meanF = mean(totals);
  const medianF = median(totals);

  const criteria: CriterionSpread[] = rubric.criteria.map((c) => {
    const levels = sorted.flatMap((m) => {
      const level = m.levels[c.id];
      return level === null || level === undefined ? [] : [level];
    });
    const min = levels.length ? Math.min(...levels) : null;
    const max = levels.length ? Math.max(...levels) : null;
    const points = min === null || max === null ? 0 : max - min;
    return { criterionId: c.id, scoredBy: levels.length, min, max, points, flagged: levels.length >= 2 && points >= rubric.spreadPoints };
  });

  // Variance of the percentages (100·f) compared with threshold² exactly: no square root decides the flag.
  const variance = bigVariance(totals.map((f) => big(fraction(f.num * 100, f.den))));
  const threshold = BigInt(rubric.spreadDeviation);
  const deviationFlagged = bigCompare(variance, { n: threshold * threshold, d: 1n }) > 0;
  const deviation = Math.round(Math.sqrt(bigToNumber(variance)) * 10) / 10;

  const gates: GateResult[] = rubric.gates.map((g) => {
    const failedBy = sorted.filter((m) => m.gates[g.id] === 'fail').map((m) => m.memberId);
    const passedBy = sorted.filter((m) => m.gates[g.id] === 'pass').map((m) => m.memberId);
    return { gateId: g.id, name: g.name, failedBy, passedBy, result: failedBy.length ? 'fail' : passedBy.length ? 'pass' : null };
  });
  const gatesPassed = gates.some((g) => g.result === 'fail') ? false : gates.every((g) => g.result === 'pass') ? true : null;

  const flaggedCriteria = criteria.filter((c) => c.flagged).map((c) => c.criterionId);
  return {
    members,
    completeCount: totals.length,
    quorum,
    quorumMet: totals.length >= quorum,
    mean: meanF ? scoreView(rubric, meanF) : null,
    median: medianF ? scoreView(rubric, medianF) : null,
    spread: {
      criteria,
      flaggedCriteria,
      deviation,
      deviationText: deviation.toFixed(1),
      deviationFlagged,
      flagged: deviationFlagged || flaggedCriteria.length > 0,
    },
    gates,
    gatesPassed,
  };
}

/**
 * The score an application is ranked by: the chair's moderated score where there is one, else the
 * members' mean once the quorum is met, else none (not ranked yet).
 */
export function rankingScore(scores: Pick<ApplicationScores, 'mean' | 'quorumMet'>, moderated: Fraction | null): Fraction | null {
  if (moderated) return moderated;
  return scores.quorumMet && scores.mean ? scores.mean.fraction : null;
}
