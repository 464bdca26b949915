// Dates are YYYY-MM-DD strings; instants are UTC ISO-8601. Display is en-GB: 25 Nov 2026.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_INDEX = new Map(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap(
    (m, i) => [
      [m, i + 1],
      [m.slice(0, 3), i + 1],
    ],
  ),
);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && isRealDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Counted, not asked of a Date: it runs several times for every row of an import. */
function isRealDate(y: number, mo: number, d: number): boolean {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  const leapDay = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 1 : 0;
  return d <= (DAYS_IN_MONTH[mo - 1] ?? 0) + leapDay;
}

function iso(y: number, mo: number, d: number): string | null {
  if (!isRealDate(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Accepts 2026-11-25, 25/11/2026 (UK order, never US), 25-11-2026, 25 Nov 2026, 25 November 2026. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = MONTH_INDEX.get((m[2] ?? '').toLowerCase());
    return month ? iso(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

/** 25 Nov 2026 */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'Europe/London',
});

/** An instant's date and time as the UK clock showed them, or null when it is not an instant. */
function inLondon(instant: string): Record<string, string> | null {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(LONDON.formatToParts(d).map((p) => [p.type, p.value]));
}

/**
 * The UK day of an instant: 25 Nov 2026 (the UTC date alone would put 00:30 BST on the day before).
 * Month names are ours, because en-GB's short September is "Sept".
 */
export function formatInstantDay(instant: string): string {
  const p = inLondon(instant);
  return p ? formatDate(`${p.year}-${p.month}-${p.day}`) : instant;
}

/** 25 Nov 2026, 14:05 (UK time) */
export function formatInstant(instant: string): string {
  const p = inLondon(instant);
  return p ? `${formatInstantDay(instant)}, ${p.hour}:${p.minute}` : instant;
}

const HOUR = 3_600_000;

/** 01:00 UTC on the last Sunday of a month: when British Summer Time starts (March) or ends (October). */
function lastSundayAtOne(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * 24 * HOUR + HOUR;
}

/**
 * Whether British Summer Time was in force at an instant (the rule since 1996). Worked out, not
 * asked of Intl: it runs for every row of a 20,000-row import, where Intl cost seconds.
 */
function inBst(ms: number): boolean {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAtOne(year, 2) && ms < lastSundayAtOne(year, 9);
}

/** The last instant asked about as text, and its day: every row of an import asks about one instant. */
let lastInstant = '';
let lastDay = '';

/** The UK date of an instant, as YYYY-MM-DD: the day a person in the office would say it was. */
export function ukIsoDay(instant: string | Date): string {
  if (instant === lastInstant) return lastDay;
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const day = Number.isNaN(ms) ? '' : new Date(ms + (inBst(ms) ? HOUR : 0)).toISOString().slice(0, 10);
  if (typeof instant === 'string') [lastInstant, lastDay] = [instant, day];
  return day;
}

/** The instant a UK day began (midnight on the office clock), as UTC ISO-8601. */
export function startOfUkDay(isoDate: string): string {
  const utcMidnight = Date.parse(`${isoDate}T00:00:00.000Z`);
  // In British Summer Time the UK day began an hour before UTC midnight.
  return new Date(inBst(utcMidnight - HOUR) ? utcMidnight - HOUR : utcMidnight).toISOString();
}
