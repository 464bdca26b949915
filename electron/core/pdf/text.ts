// What may be drawn: text from applications is the applicant's, so anything a PDF cannot show or
// that could disguise text is taken out before layout.

// C0 and C1 controls other than the line break; bidirectional overrides and isolates (they can
// make text read differently from how it was typed); byte-order marks.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text ready to draw: one kind of line break, tabs as spaces, no controls or broken characters,
 * composed accents. Characters the font lacks (emoji, scripts beyond Latin, Greek and Cyrillic)
 * still draw, as an empty box.
 */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(INVISIBLE, '').replace(LONE_SURROGATE, '').normalize('NFC');
}

/** One line: any run of spaces, tabs or line breaks becomes one space (names, titles, headings). */
export function oneLine(text: string): string {
  return printable(text).replace(/\s+/g, ' ').trim();
}
