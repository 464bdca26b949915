import { expect, test } from 'vitest';
import fc from 'fast-check';
import { MAX_DRIFT_MS, checkEventClock, decodeHlc, encodeHlc, parseHlc, receive, tick } from '../../shared/events/hlc';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');

test('clock values that are no real time are refused', () => {
  for (const text of [
    '2026-11-27T99:99:99.999Z-0000',
    '2026-02-30T00:00:00.000Z-0000',
    '2026-11-27T24:00:00.000Z-0000',
    '2026-11-27T12:00:00.000Z-00000',
    '2026-11-27T12:00:00.000Z-00A0',
    '2026-11-27T12:00:00.000Z-000',
    '2026-11-27T12:00:00.000+00:00-0000',
    ' 2026-11-27T12:00:00.000Z-0000',
    '',
  ]) {
    expect(parseHlc(text), text).toBeNull();
    expect(() => decodeHlc(text), text).toThrow(/Not a clock value/);
  }
});

test('real clock values parse and give back the same text', () => {
  for (const text of ['2026-11-27T12:00:00.000Z-0000', '2028-02-29T23:59:59.999Z-ffff', '1970-01-01T00:00:00.000Z-00a1']) {
    const h = parseHlc(text);
    expect(h).not.toBeNull();
    expect(encodeHlc(h!)).toBe(text);
  }
  expect(parseHlc('2026-11-27T12:00:00.000Z-0010')).toEqual({ millis: NOW, counter: 16 });
});

test('every clock tick or receive makes parses and round-trips', () => {
  const millis = fc.integer({ min: 0, max: Date.parse('9999-12-31T23:59:59.000Z') });
  const clock = fc.record({ millis, counter: fc.integer({ min: 0, max: 0xffff }) });
  fc.assert(
    fc.property(fc.option(clock), clock, millis, (last, remote, now) => {
      for (const h of [tick(last, now), ...(remote.millis - now > MAX_DRIFT_MS ? [] : [receive(last, remote, now)])]) {
        const text = encodeHlc(h);
        expect(parseHlc(text)).toEqual(h);
      }
    }),
  );
});

test('an incoming clock must be real, not before its laptop’s previous event, and not a day ahead', () => {
  const at = (ms: number, counter = 0) => encodeHlc({ millis: ms, counter });
  expect(checkEventClock(at(NOW), null, NOW)).toBeNull();
  expect(checkEventClock(at(NOW, 1), at(NOW), NOW)).toBeNull();
  expect(checkEventClock(at(NOW), at(NOW), NOW)).toBeNull();
  expect(checkEventClock('2026-11-27T99:99:99.999Z-0000', null, NOW)).toMatch(/not a real time/);
  expect(checkEventClock(at(NOW), at(NOW, 1), NOW)).toMatch(/earlier than the same laptop's event before it/);
  expect(checkEventClock(at(NOW + MAX_DRIFT_MS), null, NOW)).toBeNull();
  expect(checkEventClock(at(NOW + MAX_DRIFT_MS + 1), null, NOW)).toMatch(/more than 24 hours ahead/);
  expect(checkEventClock(at(NOW + 60_000), null, NOW, 1000)).toMatch(/ahead/);
});

test('a clock value is read by arithmetic exactly as a Date would read it back', () => {
  const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((x) => String(x).padStart(n, '0'));
  const text = fc
    .tuple(fc.integer({ min: 1970, max: 9999 }), digits(2, 13), digits(2, 32), digits(2, 25), digits(2, 61), digits(2, 61), digits(3, 999))
    .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  fc.assert(
    fc.property(text, (instant) => {
      const millis = Date.parse(instant);
      const real = !Number.isNaN(millis) && new Date(millis).toISOString() === instant;
      expect(parseHlc(`${instant}-00ff`), instant).toEqual(real ? { millis, counter: 255 } : null);
    }),
    { numRuns: 5000 },
  );
  expect(parseHlc('1969-12-31T23:59:59.999Z-0000')).toBeNull();
});
