// Text from people and from other laptops' files, made safe to show and checked on the way in.
// Control characters in a name can rewrite a terminal (ANSI escapes start with ESC), fake a line
// of output (a newline), or reverse what is shown (bidi overrides like U+202E); NUL cuts text short
// in other programs. Names refuse them all; longer free text allows line breaks and tabs.
import { z } from 'zod';

/* eslint-disable no-control-regex -- finding control characters is what this module is for */

/** C0 controls, DEL, C1 controls, and the invisible marks that reorder text (bidi embeddings, overrides, isolates). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const ANY_CONTROL = new RegExp(CONTROL.source, 'u');
/** The same, but line breaks and tabs: what free text such as a project summary may hold. */
const CONTROL_IN_FREE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Output a terminal shows as written: lines, tabs and Windows line endings (CSV) stay. */
const CONTROL_IN_OUTPUT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/gu;
/* eslint-enable no-control-regex */

/** Shown where a control character was: visible, so a tampered name looks tampered. */
export const REPLACEMENT = '\uFFFD';

/**
 * A name or other text as it is safe to print on one line: line breaks and tabs become a space, so
 * no name can start a line of its own, and every other control character becomes U+FFFD.
 */
export function printable(text: string): string {
  return text.replace(/[\t\n\r]+/g, ' ').replace(CONTROL, REPLACEMENT);
}

/** Output of many lines as it is safe to write to a terminal: control characters replaced, line breaks and tabs kept. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_IN_OUTPUT, REPLACEMENT);
}

export function hasControlCharacters(text: string, { freeText = false } = {}): boolean {
  return (freeText ? CONTROL_IN_FREE_TEXT : ANY_CONTROL).test(text);
}

/** The rule for a one-line field such as a name: `Round name must not contain control characters…`. */
export function singleLine<T extends z.ZodString>(schema: T, label: string): T {
  return schema.refine(
    (s) => !hasControlCharacters(s),
    `${label} must not contain control characters (such as a line break, a tab or NUL)`,
  ) as T;
}

/** The rule for free text such as a summary: line breaks and tabs are fine, other control characters are not. */
export function freeText<T extends z.ZodString>(schema: T, label: string): T {
  return schema.refine(
    (s) => !hasControlCharacters(s, { freeText: true }),
    `${label} must not contain control characters (line breaks and tabs are fine)`,
  ) as T;
}
