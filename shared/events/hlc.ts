// Hybrid logical clock: wall time in ms plus a counter, so events order causally even when
// laptop clocks disagree. Encoded as a fixed-width string that sorts in time order.

export interface Hlc {
  millis: number;
  counter: number;
}

/** Refuse remote clocks more than a day ahead: a laptop with a wild clock must not drag others. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

/** The counter has four hex digits; past them, time moves on a millisecond so strings still sort. */
const MAX_COUNTER = 0xffff;

function bounded(h: Hlc): Hlc {
  return h.counter > MAX_COUNTER ? { millis: h.millis + 1, counter: 0 } : h;
}

export function tick(last: Hlc | null, now: number): Hlc {
  if (!last || now > last.millis) return { millis: now, counter: 0 };
  return bounded({ millis: last.millis, counter: last.counter + 1 });
}

export function receive(last: Hlc | null, remote: Hlc, now: number): Hlc {
  if (remote.millis - now > MAX_DRIFT_MS) throw new Error('Clock drift too large');
  const local = last ?? { millis: 0, counter: 0 };
  const millis = Math.max(local.millis, remote.millis, now);
  if (millis === local.millis && millis === remote.millis) return bounded({ millis, counter: Math.max(local.counter, remote.counter) + 1 });
  if (millis === local.millis) return bounded({ millis, counter: local.counter + 1 });
  if (millis === remote.millis) return bounded({ millis, counter: remote.counter + 1 });
  return { millis, counter: 0 };
}

/** 2026-11-25T18:30:00.000Z-0000 */
export function encodeHlc(h: Hlc): string {
  return `${new Date(h.millis).toISOString()}-${h.counter.toString(16).padStart(4, '0')}`;
}

/** The one form a clock value has: a UTC instant to the millisecond, then four lower-case hex digits. */
const HLC_FORM = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z-([0-9a-f]{4})$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A clock value, strictly: null unless the instant is real (each part in range, so 99:99:99 and
 * 30 February fail: the text is exactly what encodeHlc writes for it) and from 1970 on, and the
 * counter is the four digits encodeHlc writes — tick and receive never let it pass 0xffff, so a
 * longer counter was not made by GrantPanel. Checked by arithmetic, not by formatting a Date: an
 * import checks a million of these.
 */
export function parseHlc(text: string): Hlc | null {
  // An import reads each event's clock more than once in a row: the last answer is kept.
  if (text === last.text) return last.hlc && { ...last.hlc };
  const m = HLC_FORM.exec(text);
  let hlc: Hlc | null = null;
  if (m) {
    const [year, month, day, hour, minute, second] = [+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!];
    const real = year >= 1970 && month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59;
    if (real && (day <= 28 || day <= daysIn(year, month)))
      hlc = { millis: Date.UTC(year, month - 1, day, hour, minute, second, +m[7]!), counter: parseInt(m[8]!, 16) };
  }
  last = { text, hlc };
  return hlc && { ...hlc };
}

let last: { text: string; hlc: Hlc | null } = { text: '', hlc: null };

export function decodeHlc(text: string): Hlc {
  const h = parseHlc(text);
  if (!h) throw new Error(`Not a clock value: ${text.slice(0, 40)}`);
  return h;
}

/**
 * Why an incoming event's clock is refused, or null when it is fine: it must be a real clock value,
 * not earlier than the same device's event before it (a laptop's own clock never runs backwards in
 * its own log: each append ticks past the latest clock held), and not more than a day ahead of now.
 */
export function checkEventClock(hlc: string, previousOfDevice: string | null, now: number, maxDriftMs = MAX_DRIFT_MS): string | null {
  const h = parseHlc(hlc);
  if (!h) return `its clock value ${JSON.stringify(hlc.slice(0, 40))} is not a real time`;
  // The previous clock was checked when it arrived: text order is time order.
  if (previousOfDevice !== null && hlc < previousOfDevice)
    return `its clock (${hlc}) is earlier than the same laptop's event before it (${previousOfDevice})`;
  if (h.millis - now > maxDriftMs)
    return `its clock (${hlc}) is more than ${Math.round(maxDriftMs / 3_600_000)} hours ahead of this laptop's`;
  return null;
}
