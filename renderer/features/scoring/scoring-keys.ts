// The scoring page's keys, decided apart from the DOM so they can be tested: one score is one
// digit and one key. A digit sets the level of the criterion that has focus; Enter or Tab moves
// on, Shift+Tab back; C writes a comment; Delete clears the level; N and P open the next and previous application. Nothing
// fires inside a text field (a comment's digits are the comment's) or with Ctrl, Alt or Cmd held.

export const scoringPath = (applicationId: string) => `/score/${encodeURIComponent(applicationId)}`;

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

/** Where focus was when the key was pressed. */
export interface KeyPlace {
  /** In a text field (the comment box): its keys are its own, but for Tab. */
  inText: boolean;
  /** In a criterion's or gate's level choice; null when focus is elsewhere on the page. */
  inLevels: { top: number } | null;
  /** Whether Tab from the level choice goes into this criterion's comment (needed, or already written). */
  commentInPath: boolean;
}

export type KeyAction =
  | { do: 'level'; level: number }
  | { do: 'next-criterion' }
  | { do: 'previous-criterion' }
  | { do: 'clear' }
  | { do: 'comment' }
  | { do: 'next-application' }
  | { do: 'previous-application' }
  | null;

/** What a key press does on the scoring page; null leaves it to the browser. */
export function scoringKeyAction(press: KeyPress, place: KeyPlace): KeyAction {
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  if (place.inText) return null;
  const { key } = press;
  if (place.inLevels) {
    if (/^[0-9]$/.test(key)) {
      const level = Number(key);
      return level <= place.inLevels.top ? { do: 'level', level } : null;
    }
    if (key === 'Enter' && !press.shiftKey) return { do: 'next-criterion' };
    // Tab goes through the comment only where one is needed or already written; otherwise on.
    if (key === 'Tab' && !press.shiftKey) return place.commentInPath ? null : { do: 'next-criterion' };
    if (key === 'Tab' && press.shiftKey) return { do: 'previous-criterion' };
    if (key === 'c' || key === 'C') return { do: 'comment' };
    if (key === 'Backspace' || key === 'Delete') return { do: 'clear' };
  }
  if (key === 'n' || key === 'N') return { do: 'next-application' };
  if (key === 'p' || key === 'P') return { do: 'previous-application' };
  return null;
}

/** Whether a key press came from somewhere its letters are typed: a text field or a select. */
export function typedInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}
