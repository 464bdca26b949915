// RFC 8785 canonical JSON: the exact bytes that are hashed and signed, the same on every laptop.
import canonicalize from 'canonicalize';

/** A UTF-16 surrogate without its other half: RFC 8785 refuses it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Keys an object keeps in numeric order whatever order they are set in, so no copy can sort them as text. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/**
 * True when JSON.stringify, unaided, already writes `value` canonically: plain objects with their
 * keys in sorted order (as JSON.parse gives them back from canonical text), finite numbers, no lone
 * surrogates. The common case, read back from the log, is written without a copy.
 */
function alreadyCanonical(value: unknown): boolean {
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
        for (const item of value) if (!alreadyCanonical(item)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      const record = value as Record<string, unknown>;
      let previous: string | undefined;
      for (const key in record) {
        if ((previous !== undefined && previous >= key) || LONE_SURROGATE.test(key) || !alreadyCanonical(record[key])) return false;
        previous = key;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Marks a value only the canonicalize library can write exactly (or refuse). */
const UNUSUAL = Symbol('unusual');

/** A copy with every plain object's keys inserted in sorted order, for the native JSON.stringify. */
function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return LONE_SURROGATE.test(value) ? UNUSUAL : value;
    case 'number':
      return Number.isFinite(value) ? value : UNUSUAL;
    case 'boolean':
    case 'undefined':
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items = value.map(sortedCopy);
        return items.includes(UNUSUAL) ? UNUSUAL : items;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return UNUSUAL;
      const keys = Object.keys(value);
      // Index-like keys stay in numeric order whatever order they are set in: no copy can sort them as text.
      if (keys.some((k) => INDEX_KEY.test(k) || LONE_SURROGATE.test(k))) return UNUSUAL;
      // No prototype: a key named "__proto__" is then an own key like any other, not a setter.
      const copy = Object.create(null) as Record<string, unknown>;
      for (const key of keys.sort()) {
        const item = sortedCopy((value as Record<string, unknown>)[key]);
        if (item === UNUSUAL) return UNUSUAL;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return UNUSUAL;
  }
}

/**
 * RFC 8785 serialises strings and numbers exactly as ECMAScript's JSON.stringify does, so only key
 * order (and lone surrogates, which it refuses) can differ. Values already in canonical order (as
 * read back from the log) go straight to the native JSON.stringify; others through a sorted copy;
 * anything unusual — a lone surrogate, a number JSON cannot hold, an object that is not plain,
 * index-like keys — to the canonicalize library, which writes or refuses it exactly. A property
 * test holds all three equal.
 */
export function canonicalJson(value: unknown): string {
  if (alreadyCanonical(value)) return JSON.stringify(value);
  const copy = sortedCopy(value);
  if (copy !== UNUSUAL) {
    const text = JSON.stringify(copy) as string | undefined;
    if (text !== undefined) return text;
  }
  const exact = canonicalize(value);
  if (exact === undefined) throw new Error('Value cannot be encoded as canonical JSON');
  return exact;
}
