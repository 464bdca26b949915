// Exact fractions for panel scores, so ranks never depend on float drift.
//
// Why safe integers and not BigInt: a Fraction travels to the screen and the CLI as JSON (browser
// mode is JSON over HTTP, and JSON.stringify throws on a BigInt), and every number in scoring is
// small — a member's weighted total is at most 20 criteria × weight 100 × level 5 = 10,000, a mean
// divides that by the member count — so cross-multiplying two scores stays below 2^53 by orders
// of magnitude. Every operation still checks that it stayed exact and throws rather than drift.
// The one sum that can grow (a variance over a whole round) is done in BigInt where it is needed.

/** num/den in lowest terms with den > 0; a plain object so it survives JSON and IPC unchanged. */
export interface Fraction {
  readonly num: number;
  readonly den: number;
}

function exact(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`A score calculation went out of exact range (${what})`);
  return n;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** n/d in lowest terms; d must be a non-zero whole number. */
export function fraction(n: number, d = 1): Fraction {
  exact(n, 'numerator');
  exact(d, 'denominator');
  if (d === 0) throw new RangeError('A score fraction cannot have a zero denominator');
  const g = gcd(n, d) || 1;
  const sign = d < 0 ? -1 : 1;
  // `+ 0` turns a -0 into 0, so equal fractions are deep-equal too.
  return { num: (sign * n) / g + 0, den: (sign * d) / g };
}

export const ZERO = fraction(0);

export function add(a: Fraction, b: Fraction): Fraction {
  // Over the least common multiple: members' totals share one denominator, so sums stay small.
  const g = gcd(a.den, b.den);
  const l = exact((a.den / g) * b.den, 'sum');
  return fraction(exact(exact(a.num * (l / a.den), 'sum') + exact(b.num * (l / b.den), 'sum'), 'sum'), l);
}

export function subtract(a: Fraction, b: Fraction): Fraction {
  return add(a, { num: -b.num, den: b.den });
}

export function divideBy(a: Fraction, k: number): Fraction {
  if (!Number.isSafeInteger(k) || k === 0) throw new RangeError('A score can only be divided by a non-zero whole number');
  return fraction(a.num, exact(a.den * k, 'quotient'));
}

/** -1, 0 or 1, exactly. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = exact(a.num * b.den, 'comparison');
  const right = exact(b.num * a.den, 'comparison');
  return left < right ? -1 : left > right ? 1 : 0;
}

export function sum(fs: readonly Fraction[]): Fraction {
  return fs.reduce(add, ZERO);
}

/** The mean, or null for none. */
export function mean(fs: readonly Fraction[]): Fraction | null {
  return fs.length === 0 ? null : divideBy(sum(fs), fs.length);
}

/** The median, exact: the middle value, or halfway between the two middle values of an even count. */
export function median(fs: readonly Fraction[]): Fraction | null {
  if (fs.length === 0) return null;
  const sorted = [...fs].sort(compare);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : divideBy(add(sorted[mid - 1]!, sorted[mid]!), 2);
}

/** Tenths of a percent, rounded half away from zero exactly: 29/40 (72.5%) → 725. */
export function percentTenths(f: Fraction): number {
  const scaled = Math.abs(f.num) * 1000;
  exact(scaled * 2 + f.den, 'percentage');
  const tenths = Math.floor((scaled * 2 + f.den) / (2 * f.den));
  return f.num < 0 ? -tenths : tenths;
}

/** The percentage as a number with one decimal place, for JSON and CSV: 29/40 → 72.5. */
export function percentNumber(f: Fraction): number {
  return percentTenths(f) / 10;
}

/** en-GB, one decimal place, exact half-up: 29/40 → "72.5%", 3/2000 → "0.2%" (floats say 0.1%). */
export function percentText(f: Fraction): string {
  const tenths = percentTenths(f);
  const whole = Math.trunc(Math.abs(tenths) / 10);
  return `${tenths < 0 ? '-' : ''}${whole}.${Math.abs(tenths) % 10}%`;
}

/** f to `places` decimal places, rounded half away from zero exactly, with a sign when asked: "+0.53". */
export function decimalText(f: Fraction, places: number, signed = false): string {
  return bigDecimalText(big(f), places, signed);
}

/** A float, for display only (never compare or rank with it). */
export function toNumber(f: Fraction): number {
  return f.num / f.den;
}

// ---- BigInt fractions, for sums that can outgrow safe integers (variances over a whole round) ----

/** n/d in BigInt, d > 0 (not necessarily in lowest terms until reduced). */
export interface BigFraction {
  readonly n: bigint;
  readonly d: bigint;
}

function bigGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function big(f: Fraction): BigFraction {
  return { n: BigInt(f.num), d: BigInt(f.den) };
}

export function bigReduce(f: BigFraction): BigFraction {
  const g = bigGcd(f.n, f.d) || 1n;
  return { n: f.n / g, d: f.d / g };
}

export function bigAdd(a: BigFraction, b: BigFraction): BigFraction {
  return bigReduce({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
}

export function bigSub(a: BigFraction, b: BigFraction): BigFraction {
  return bigAdd(a, { n: -b.n, d: b.d });
}

export function bigMul(a: BigFraction, b: BigFraction): BigFraction {
  return bigReduce({ n: a.n * b.n, d: a.d * b.d });
}

/** The population variance of the values, exactly: Σ(x − mean)² / n. */
export function bigVariance(xs: readonly BigFraction[]): BigFraction {
  if (xs.length === 0) return { n: 0n, d: 1n };
  const count = BigInt(xs.length);
  const total = xs.reduce(bigAdd, { n: 0n, d: 1n });
  const m = bigReduce({ n: total.n, d: total.d * count });
  const squares = xs.map((x) => {
    const dev = bigSub(x, m);
    return bigMul(dev, dev);
  });
  const s = squares.reduce(bigAdd, { n: 0n, d: 1n });
  return bigReduce({ n: s.n, d: s.d * count });
}

/** a − b's sign, exactly. */
export function bigCompare(a: BigFraction, b: BigFraction): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** As decimalText, for a BigFraction. */
export function bigDecimalText(f: BigFraction, places: number, signed = false): string {
  const negative = f.n < 0n !== f.d < 0n;
  const n = f.n < 0n ? -f.n : f.n;
  const d = f.d < 0n ? -f.d : f.d;
  const units = (n * 10n ** BigInt(places) * 2n + d) / (2n * d);
  const digits = units.toString().padStart(places + 1, '0');
  const text = places > 0 ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  if (units === 0n) return text;
  return negative ? `-${text}` : signed ? `+${text}` : text;
}

/**
 * A float as close as a double allows, the same on every machine: the division is done on
 * integers scaled to 2^60 first, so huge numerators and denominators don't overflow to Infinity.
 */
export function bigToNumber(f: BigFraction): number {
  const reduced = bigReduce(f);
  const scale = 1n << 60n;
  return Number((reduced.n * scale) / reduced.d) / 2 ** 60;
}
