// RFC 8785 canonical JSON: the exact bytes that are hashed and signed, the same on every laptop.
import canonicalize from 'canonicalize';

/** A UTF-16 surrogate without its other half: RFC 8785 refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when JSON.stringify already writes `value` canonically: RFC 8785 serialises strings and
 * numbers exactly as ECMAScript's JSON.stringify does, so only key order (and lone surrogates)
 * can differ. Plain objects whose keys are in sorted order, as JSON.parse gives them back from
 * canonical text, qualify; anything else takes the library's full path.
 */
function stringifiesCanonically(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return !LONE_SURROGATE.test(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!stringifiesCanonically(value[i])) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      let previous: string | undefined;
      for (const key of Object.keys(record)) {
        if ((previous !== undefined && previous >= key) || LONE_SURROGATE.test(key) || !stringifiesCanonically(record[key])) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

export function canonicalJson(value: unknown): string {
  if (stringifiesCanonically(value)) return JSON.stringify(value);
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be encoded as canonical JSON');
  return text;
}
