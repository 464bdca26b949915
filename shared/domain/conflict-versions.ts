// How a person reads the two versions in a conflict: by person, laptop and time, the same words on
// the Conflicts screen and from the command line.
import type { ConflictVersion } from '../contract/conflicts';
import { formatInstant } from './dates';

/** "Your change on this laptop" / "Amira Khan on Coventry panel laptop", and when. */
export function versionMade(v: ConflictVersion): string {
  return `${v.yours ? 'Your change' : v.by} on ${v.on}, ${formatInstant(v.at)}`;
}

/**
 * The version as a choice names it: "your change on this laptop" / "Amira Khan's version (Coventry
 * panel laptop)"; "the version in the register now" when no change in this laptop's log made it.
 */
export function versionName(v: ConflictVersion | null): string {
  if (!v) return 'the version in the register now';
  return v.yours ? `your change on ${v.on}` : `${v.by}'s version (${v.on})`;
}
