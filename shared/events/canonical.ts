// RFC 8785 canonical JSON: the exact bytes that are hashed and signed, the same on every laptop.
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be encoded as canonical JSON');
  return text;
}
