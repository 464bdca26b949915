// What passphrase a person may choose, after the NCSC's password guidance: long enough (12
// characters, or three words or more), not on a list of commonly used passwords, not just their
// name, and no composition rules (no "must contain a digit"): those make passphrases harder to
// remember and no harder to guess.
//
// Characters are counted as a person sees them (grapheme clusters, after NFC normalisation), with
// runs of spaces counted as one and spaces at the ends not counted: "é" typed either way, or a flag
// emoji, is one character. A word is a piece between spaces or hyphens holding at least three
// letters; three different words are enough ("cat owl bee", "kettle-orchard-lantern"), however short
// the whole, because three words a person chose at random are as hard to guess as 12 characters.
//
// The common-password list is zxcvbn's (49,000 passwords from leaked password lists, all lower
// case), compared case-insensitively, also with digits, punctuation and symbols stripped from
// either end ("Password123!" is "password") and with spaces and hyphens removed; what is left must
// be 4 characters or more to count. A passphrase that is one short piece repeated ("aaaaaaaaaaaa",
// "abcabcabcabc") or a run ("abcdefghijkl", "987654321098") is refused too.

const MIN_CHARACTERS = 12;
const MIN_WORDS = 3;
const MIN_WORD_LETTERS = 3;
// Long passphrases are welcome; a limit only stops a pasted document being taken for one.
const MAX_CHARACTERS = 256;
const MIN_CANDIDATE = 4;

export const PASSPHRASE_RULE = 'Choose a passphrase of at least 12 characters, or three words or more.';

let commonPasswords: Set<string> | undefined;
/**
 * Loads the list (the package unpacks it as it loads: tens of megabytes and most of a tenth of a
 * second, which opening the core or a CLI command should not pay). Call before passphraseProblem.
 */
export async function loadCommonPasswords(): Promise<void> {
  if (commonPasswords) return;
  const { dictionary } = await import('@zxcvbn-ts/language-common');
  commonPasswords ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
}

function isCommon(candidate: string): boolean {
  if (!commonPasswords) throw new Error('loadCommonPasswords() must finish before a passphrase is checked');
  return commonPasswords.has(candidate);
}

const graphemes = new Intl.Segmenter('en-GB', { granularity: 'grapheme' });
const characterCount = (text: string): number => {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
};

/** Lower case without accents, so "Zoë" and "zoe" compare equal. */
const folded = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const SEPARATORS = /[\s\-\u2010-\u2015]+/u;
const ENDS = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;

function wordCount(text: string): number {
  const words = text
    .split(SEPARATORS)
    .filter((word) => (word.match(/\p{L}/gu)?.length ?? 0) >= MIN_WORD_LETTERS)
    .map((word) => folded(word));
  return new Set(words).size;
}

/** The shortest piece the text is a repetition of ("abcabcabc" → "abc"), or the text itself. */
function repeatedUnit(text: string): string {
  const chars = [...text];
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join('');
    if (unit.repeat(chars.length / size) === text) return unit;
  }
  return text;
}

/** A run along the alphabet or the digits, up or down ("abcdefghijkl", "987654321098"). */
function isRun(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
  if (codes.length < 4) return false;
  const step = (a: number, b: number) => {
    const isDigit = (x: number) => x >= 48 && x <= 57;
    return isDigit(a) && isDigit(b) ? (((b - a) % 10) + 10) % 10 : b - a;
  };
  const first = step(codes[0] ?? 0, codes[1] ?? 0);
  if (first !== 1 && first !== -1 && first !== 9) return false;
  return codes.every((c, i) => i === 0 || step(codes[i - 1] ?? 0, c) === first);
}

function tooEasy(text: string): 'common' | 'pattern' | null {
  const lower = text.toLowerCase();
  const squeezed = lower.split(SEPARATORS).join('');
  const candidates = new Set([lower, squeezed, lower.replace(ENDS, ''), squeezed.replace(ENDS, '')]);
  for (const candidate of candidates) {
    // What is left after stripping may be a fragment ("Xy" of "Xy 7#9!2$8%4&1"), not a choice.
    if (characterCount(candidate) < MIN_CANDIDATE) continue;
    const unit = repeatedUnit(candidate);
    if (isCommon(candidate) || isCommon(unit)) return 'common';
    if ([...unit].length <= 3 || isRun(unit)) return 'pattern';
  }
  return null;
}

/** True when the passphrase's letters are only the person's name (its parts in any order, repeated
 * or not): "Priya Shah", "shahpriya2024!", "PRIYA priya". A passphrase with no letters is not a name. */
function isOnlyName(text: string, personName: string): boolean {
  const parts = [...new Set(folded(personName).match(/\p{L}+/gu) ?? [])];
  const letters = (folded(text).match(/\p{L}+/gu) ?? []).join('');
  if (parts.length === 0 || letters.length === 0) return false;
  // reachable[i]: the first i letters are made of name parts.
  const reachable = [true, ...Array.from({ length: letters.length }, () => false)];
  for (let i = 0; i < letters.length; i++) {
    if (!reachable[i]) continue;
    for (const part of parts) if (letters.startsWith(part, i)) reachable[i + part.length] = true;
  }
  return reachable[letters.length] === true;
}

/** Null when the passphrase may be used; otherwise one sentence saying what to change. */
export function passphraseProblem(passphrase: string, personName?: string): string | null {
  const text = passphrase.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (text.length === 0) return 'Enter a passphrase.';
  const characters = characterCount(text);
  if (characters > MAX_CHARACTERS) return `Choose a passphrase of ${MAX_CHARACTERS} characters or fewer.`;
  if (characters < MIN_CHARACTERS && wordCount(text) < MIN_WORDS) return PASSPHRASE_RULE;
  if (personName !== undefined && isOnlyName(text, personName)) return 'A passphrase must be more than your name; choose another.';
  const easy = tooEasy(text);
  if (easy === 'common') return 'That passphrase is on a list of commonly used passwords; choose another.';
  if (easy === 'pattern') return 'That passphrase is a simple repeat or run of characters; choose another.';
  return null;
}
