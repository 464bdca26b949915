// RFC 8785 canonical JSON: the exact bytes that are hashed and signed, the same on every laptop.
import canonicalize from 'canonicalize';

/** A UTF-16 surrogate without its other half: RFC 8785 refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys an object keeps in numeric order whatever order they are set in, so no copy can sort them as text. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

const sorted = (keys: string[]) => keys.every((k, i) => i === 0 || (keys[i - 1] as string) < k);

/**
 * RFC 8785 serialises strings and numbers exactly as ECMAScript's JSON.stringify does, so only key
 * order (and lone surrogates, which it refuses) can differ. The native JSON.stringify is used, with
 * each plain object's keys put in sorted order on the way; anything else — a lone surrogate, a
 * number JSON cannot hold, an object that is not plain, index-like keys out of order — takes the
 * canonicalize library's path, which refuses or writes it exactly. A property test holds the two equal.
 */
export function canonicalJson(value: unknown): string {
  // The envelope's fields (ids, clocks, types) are strings and numbers: no replacer needed.
  if (typeof value === 'string' && !LONE_SURROGATE.test(value)) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return JSON.stringify(value);
  let unusual = false;
  const text = JSON.stringify(value, (key: string, v: unknown) => {
    if (unusual) return v;
    if (LONE_SURROGATE.test(key)) unusual = true;
    if (typeof v === 'string') unusual ||= LONE_SURROGATE.test(v);
    else if (typeof v === 'number') unusual ||= !Number.isFinite(v);
    else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) unusual = true;
      else {
        const keys = Object.keys(v);
        if (sorted(keys)) return v;
        if (keys.some((k) => INDEX_KEY.test(k))) unusual = true;
        else return Object.fromEntries(keys.sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
      }
    }
    return v;
  });
  if (!unusual && text !== undefined) return text;
  const exact = canonicalize(value);
  if (exact === undefined) throw new Error('Value cannot be encoded as canonical JSON');
  return exact;
}
