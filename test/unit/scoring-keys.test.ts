// The scoring page's keys: one score is one digit and one key, and nothing fires while a member
// types a comment or holds a modifier.
import { describe, expect, test } from 'vitest';
import { scoringKeyAction, type KeyPlace, type KeyPress } from '../../renderer/features/scoring/scoring-keys';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...extra,
});
const inLevels = (top = 5, commentInPath = false): KeyPlace => ({ inText: false, inLevels: { top }, commentInPath });
const elsewhere: KeyPlace = { inText: false, inLevels: null, commentInPath: false };
const inComment: KeyPlace = { inText: true, inLevels: null, commentInPath: true };

describe('in a criterion’s levels', () => {
  test('a digit sets the level, up to the top of the scale', () => {
    expect(scoringKeyAction(press('0'), inLevels())).toEqual({ do: 'level', level: 0 });
    expect(scoringKeyAction(press('5'), inLevels())).toEqual({ do: 'level', level: 5 });
    expect(scoringKeyAction(press('5'), inLevels(4))).toBeNull();
    expect(scoringKeyAction(press('2'), inLevels(1))).toBeNull();
  });

  test('Enter moves on; Tab moves on unless the comment is needed or written; Shift+Tab goes back', () => {
    expect(scoringKeyAction(press('Enter'), inLevels())).toEqual({ do: 'next-criterion' });
    expect(scoringKeyAction(press('Tab'), inLevels())).toEqual({ do: 'next-criterion' });
    expect(scoringKeyAction(press('Tab'), inLevels(5, true))).toBeNull();
    expect(scoringKeyAction(press('Tab', { shiftKey: true }), inLevels())).toEqual({ do: 'previous-criterion' });
  });

  test('C opens the comment, Delete or Backspace clears the level', () => {
    expect(scoringKeyAction(press('c'), inLevels())).toEqual({ do: 'comment' });
    expect(scoringKeyAction(press('Delete'), inLevels())).toEqual({ do: 'clear' });
    expect(scoringKeyAction(press('Backspace'), inLevels())).toEqual({ do: 'clear' });
  });
});

test('N and P move between applications anywhere but in a text field', () => {
  expect(scoringKeyAction(press('n'), elsewhere)).toEqual({ do: 'next-application' });
  expect(scoringKeyAction(press('P'), elsewhere)).toEqual({ do: 'previous-application' });
  expect(scoringKeyAction(press('n'), inLevels())).toEqual({ do: 'next-application' });
  expect(scoringKeyAction(press('3'), elsewhere)).toBeNull();
});

test('in a comment, every key is the comment’s own, Tab included', () => {
  for (const key of ['3', 'n', 'p', 'c', 'Enter', 'Tab', 'Delete']) expect(scoringKeyAction(press(key), inComment)).toBeNull();
});

test('with Ctrl, Alt or Cmd held nothing fires: the browser’s and the system’s own shortcuts stay theirs', () => {
  for (const modifier of ['ctrlKey', 'altKey', 'metaKey'] as const) {
    expect(scoringKeyAction(press('3', { [modifier]: true }), inLevels())).toBeNull();
    expect(scoringKeyAction(press('n', { [modifier]: true }), elsewhere)).toBeNull();
  }
});
