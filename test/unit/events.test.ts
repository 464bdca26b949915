import { expect, test } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../shared/events/canonical';
import canonicalize from 'canonicalize';
import { GENESIS_HASH, canonicalEvent, eventHash, sealEvent, sha256Hex } from '../../shared/events/event';
import { decodeHlc, encodeHlc, receive, tick } from '../../shared/events/hlc';
import { personalDigest, personalRecordIsIntact } from '../../shared/events/personal';

test('canonical JSON sorts keys and is independent of insertion order', () => {
  expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":1}],"b":1}');
  expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
});

test('an event hash covers every field and the previous hash', () => {
  const body = { deviceId: 'd1', seq: 1, hlc: encodeHlc({ millis: 0, counter: 0 }), actor: 'p', type: 't', entity: 'e', payload: { x: 1 } };
  const sealed = sealEvent(body, GENESIS_HASH);
  expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
  for (const change of [{ seq: 2 }, { actor: 'q' }, { type: 'u' }, { entity: 'f' }, { payload: { x: 2 } }, { deviceId: 'd2' }]) {
    expect(eventHash({ ...body, ...change }, GENESIS_HASH)).not.toBe(sealed.hash);
  }
  expect(eventHash(body, '1'.repeat(64))).not.toBe(sealed.hash);
});

test('HLC ticks are strictly increasing and sort as strings', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }), { minLength: 2, maxLength: 50 }), (times) => {
      let last = null;
      const encoded: string[] = [];
      for (const t of times) {
        last = tick(last, t);
        encoded.push(encodeHlc(last));
      }
      return encoded.every((e, i) => i === 0 || e > (encoded[i - 1] as string));
    }),
  );
});

test('HLC receive moves past both clocks and refuses wild drift', () => {
  const now = 1_800_000_000_000;
  const merged = receive({ millis: now, counter: 3 }, { millis: now, counter: 7 }, now - 5);
  expect(merged).toEqual({ millis: now, counter: 8 });
  expect(decodeHlc(encodeHlc(merged))).toEqual(merged);
  expect(() => receive(null, { millis: now + 2 * 86_400_000, counter: 0 }, now)).toThrow(/drift/);
});

test('the hand-ordered canonical event equals RFC 8785 canonicalisation of the whole event', () => {
  fc.assert(
    fc.property(fc.string(), fc.nat(), fc.string(), fc.string(), fc.jsonValue(), (actor, seq, type, entity, payload) => {
      const body = {
        deviceId: 'dev',
        seq,
        hlc: '2026-11-25T00:00:00.000Z-0000',
        actor,
        type,
        entity,
        payload: JSON.parse(canonicalJson(payload ?? null)) as unknown,
      };
      const prevHash = GENESIS_HASH;
      const whole = canonicalJson({ ...body, prevHash });
      return canonicalEvent(body, prevHash) === whole;
    }),
  );
});

test('a personal record is intact only with its own salt and details', () => {
  const salt = '00112233445566778899aabbccddeeff';
  const body = { contactName: 'Amira Khan', contactEmail: 'amira@example.org', contactPhone: '' };
  const digest = personalDigest(salt, body);
  expect(personalRecordIsIntact({ digest, salt, body })).toBe(true);
  expect(personalRecordIsIntact({ digest, salt, body: { ...body, contactEmail: 'other@example.org' } })).toBe(false);
  expect(personalRecordIsIntact({ digest, salt: salt.replace('0', '1'), body })).toBe(false);
  expect(personalRecordIsIntact({ digest, salt: 'short', body })).toBe(false);
});

test('the native hash the core uses gives exactly the shared pure-JS hash', async () => {
  const { nativeSha256Hex } = await import('../../electron/core/events/hash');
  fc.assert(fc.property(fc.string(), (text) => nativeSha256Hex(text) === sha256Hex(text)));
});

test('the native personal digest the core uses gives exactly the shared pure-JS digest', async () => {
  const { nativePersonalDigest } = await import('../../electron/core/personal-data');
  const salt = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));
  const details = fc.record({ contactName: fc.string({ unit: 'grapheme' }), contactEmail: fc.string(), contactPhone: fc.string() });
  fc.assert(
    fc.property(salt, details, (s, body) => {
      const digest = (f: typeof personalDigest) => {
        try {
          return f(s, body);
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      };
      return digest(nativePersonalDigest) === digest(personalDigest);
    }),
  );
});

test('past 65,535 events in one millisecond the clock moves on, so stamps keep sorting as strings', () => {
  let h = { millis: 1_800_000_000_000, counter: 0xfffe };
  const stamps = [encodeHlc(h)];
  for (let i = 0; i < 3; i++) {
    h = tick(h, 1_800_000_000_000);
    stamps.push(encodeHlc(h));
  }
  expect(stamps).toEqual([...stamps].sort());
  expect(new Set(stamps).size).toBe(4);
  expect(h).toEqual({ millis: 1_800_000_000_001, counter: 1 });
});

test('canonical JSON takes the quick path only where it gives exactly what RFC 8785 (the canonicalize library) gives', () => {
  const shuffled = fc.dictionary(
    fc.oneof(fc.string(), fc.constantFrom('10', '9', 'a', 'B', '\u00e9', '\ud83d\ude00', '__proto__', 'constructor', 'toJSON')),
    fc.jsonValue(),
  );
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue(), shuffled, fc.string({ unit: 'binary' })), (value) => {
      const expected = (() => {
        try {
          return canonicalize(value);
        } catch {
          return 'refused';
        }
      })();
      const actual = (() => {
        try {
          return canonicalJson(value);
        } catch {
          return 'refused';
        }
      })();
      expect(actual).toBe(expected);
      // Read back from canonical text, a value takes the quick path and gives the same text.
      if (typeof expected === 'string' && expected !== 'refused') expect(canonicalJson(JSON.parse(expected))).toBe(expected);
    }),
    // A fixed seed: the same values every run (a key named "__proto__" was found this way).
    { numRuns: 3000, seed: 20261127 },
  );
  expect(canonicalJson(JSON.parse('{"b":1,"__proto__":[],"a":2}'))).toBe('{"__proto__":[],"a":2,"b":1}');
  expect(() => canonicalJson({ a: '\ud800' })).toThrow();
  expect(canonicalJson({ 10: 1, 9: 2, b: [-0, 1e21, 0.1] })).toBe('{"10":1,"9":2,"b":[0,1e+21,0.1]}');
});
