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

export function decodeHlc(text: string): Hlc {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4,})$/.exec(text);
  if (!m) throw new Error(`Not a clock value: ${text}`);
  return { millis: Date.parse(m[1] ?? ''), counter: parseInt(m[2] ?? '0', 16) };
}
