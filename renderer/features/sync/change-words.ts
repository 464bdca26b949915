// A kind of change this version does not know (from a newer GrantPanel), in words a person reads.

/** "grant.offerMade" → "Grant: offer made": a newer version's kind of change, in words. */
export function readableChange(type: string): string {
  const [noun = '', ...rest] = type.split('.');
  const words = (text: string) =>
    text
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/[-_]+/g, ' ')
      .toLowerCase()
      .trim();
  const what = words(noun);
  const done = words(rest.join(' '));
  const head = what.charAt(0).toUpperCase() + what.slice(1);
  return done ? `${head}: ${done}` : head || 'Another kind of change';
}
