// The passphrase policy (NCSC guidance): 12 characters or three words, not a common password, not
// just the person's name, and no composition rules.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadCommonPasswords, PASSPHRASE_RULE, passphraseProblem } from '../../electron/core/people/passphrase-policy';

beforeAll(loadCommonPasswords);

const COMMON = 'That passphrase is on a list of commonly used passwords; choose another.';
const PATTERN = 'That passphrase is a simple repeat or run of characters; choose another.';
const NAME = 'A passphrase must be more than your name; choose another.';

describe('length: at least 12 characters, or three words', () => {
  test('short passphrases are refused with a sentence saying what to do', () => {
    expect(PASSPHRASE_RULE).toBe('Choose a passphrase of at least 12 characters, or three words or more.');
    for (const short of ['a', 'tulipglass7', 'x9!Kq2#mZ0w', 'kettle lamp']) expect(passphraseProblem(short), short).toBe(PASSPHRASE_RULE);
    expect(passphraseProblem('')).toBe('Enter a passphrase.');
    expect(passphraseProblem('   \t ')).toBe('Enter a passphrase.');
  });

  test('12 characters are enough, 11 are not', () => {
    expect(passphraseProblem('tulipglass7q')).toBeNull();
    expect(passphraseProblem('tulipglass7')).toBe(PASSPHRASE_RULE);
  });

  test('no composition rules: all lower case, no digits, no symbols is fine when long enough', () => {
    expect(passphraseProblem('marmaladeskyline')).toBeNull();
    expect(passphraseProblem('kettle orchard lantern')).toBeNull();
    expect(passphraseProblem('MARMALADESKYLINE')).toBeNull();
  });

  test('three different words of three letters or more, separated by spaces or hyphens, are enough however short', () => {
    expect(passphraseProblem('cat owl bee')).toBeNull(); // 11 characters, three words
    expect(passphraseProblem('cat-owl-bee')).toBeNull();
    expect(passphraseProblem('cat–owl–bee')).toBeNull(); // en dashes
    expect(passphraseProblem('ox cat bee')).toBe(PASSPHRASE_RULE); // "ox" has two letters: two words
    expect(passphraseProblem('cat cat cat')).toBe(PASSPHRASE_RULE); // one word three times
    expect(passphraseProblem('Cat CAT cat')).toBe(PASSPHRASE_RULE);
    expect(passphraseProblem('cat.owl.bee')).toBe(PASSPHRASE_RULE); // dots do not separate words
  });

  test('spaces at the ends do not count, and a run of spaces counts once', () => {
    expect(passphraseProblem('  tulipglass7  ')).toBe(PASSPHRASE_RULE);
    expect(passphraseProblem('tulip      glass')).toBe(PASSPHRASE_RULE); // "tulip glass": 11
    expect(passphraseProblem('tulip      glass7')).toBeNull();
  });

  test('characters are counted as people see them (graphemes after NFC), not UTF-16 units or bytes', () => {
    const eAcuteDecomposed = 'e\u0301';
    // 11 visible characters, though 22 code units in NFD.
    expect(passphraseProblem(eAcuteDecomposed.repeat(5) + 'xyzqwk')).toBe(PASSPHRASE_RULE);
    expect(passphraseProblem('crème brûlée')).toBeNull(); // 12, as composed or decomposed
    expect(passphraseProblem('crème brûlée'.normalize('NFD'))).toBeNull();
    // Emoji: a family and a flag are one character each.
    expect(passphraseProblem('🇬🇧👨‍👩‍👧🎉🐝🦉🐈🌷🫖🏮🍊🍋')).toBe(PASSPHRASE_RULE); // 11
    expect(passphraseProblem('🇬🇧👨‍👩‍👧🎉🐝🦉🐈🌷🫖🏮🍊🍋🍎')).toBeNull(); // 12
    // Words in other scripts count as words.
    expect(passphraseProblem('чай кот мёд')).toBeNull();
    expect(passphraseProblem('Ζεύς άστρο βιβλίο')).toBeNull();
  });

  test('very long passphrases are welcome up to 256 characters', () => {
    expect(passphraseProblem('kettle orchard lantern '.repeat(11).slice(0, 256))).toBeNull();
    expect(passphraseProblem('q'.repeat(100) + 'w'.repeat(157))).toBe('Choose a passphrase of 256 characters or fewer.');
  });
});

describe('common passwords', () => {
  test('on the list, in any case, with digits or punctuation added at either end, or with spaces', () => {
    for (const common of [
      'password12345',
      'Password123!',
      'PASSWORD2024!!',
      'qwertyuiop12',
      'qwertyuiop12!',
      '123456789012',
      'iloveyou2024',
      '!!!letmein2024',
      'pass word 12345',
      'Iloveyou-iloveyou',
      'football football football',
      'monkey monkey monkey',
    ]) {
      expect(passphraseProblem(common), common).toBe(COMMON);
    }
  });

  test('repeats and runs of characters are refused', () => {
    for (const easy of [
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'xyxyxyxyxyxy',
      'abcdefghijklm',
      'zyxwvutsrqpo',
      '987654321098765',
      'aaaaaaaaaaaa1!',
    ]) {
      expect(passphraseProblem(easy), easy).toBe(PATTERN);
    }
  });

  test('a common word inside a longer passphrase is fine, as is a fragment left after stripping', () => {
    expect(passphraseProblem('password orchard lantern')).toBeNull();
    expect(passphraseProblem('my dragon eats marmalade')).toBeNull();
    expect(passphraseProblem('Xy 7#9!2$8%4&1')).toBeNull();
  });
});

describe("the person's name", () => {
  test('a passphrase that is only the name (parts in any order, any case, with digits) is refused', () => {
    for (const name of [
      'Priya Shah Patel',
      'priyashahpatel',
      'PATEL priya SHAH',
      'Priya Patel 2024!',
      'shahshahshahshah',
      'Priya-Shah-Patel',
    ])
      expect(passphraseProblem(name, 'Priya Shah-Patel'), name).toBe(NAME);
    expect(passphraseProblem('Zoe Ashworth-Brown', 'Zoë Ashworth-Brown')).toBe(NAME); // accents ignored
    expect(passphraseProblem('ZOË ASHWORTH!!', 'Zoe Ashworth')).toBe(NAME);
  });

  test('a passphrase with more than the name, or without a name given, is judged on its own', () => {
    expect(passphraseProblem('Priya Shah likes marmalade', 'Priya Shah')).toBeNull();
    expect(passphraseProblem('Priya Shah Patel')).toBeNull();
    expect(passphraseProblem('kettle orchard lantern', 'Priya Shah')).toBeNull();
    expect(passphraseProblem('123498765432', 'Priya Shah')).toBeNull(); // no letters: not a name
    expect(passphraseProblem('kettle orchard lantern', '')).toBeNull();
  });
});
