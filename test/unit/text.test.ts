// Control characters: printed as harmless text, refused in names, allowed as line breaks in free text.
import { expect, test } from 'vitest';
import { printable, printableLines } from '../../shared/domain/text';
import { applicationDraftSchema, problemsFromZod } from '../../shared/domain/application';
import { areaSchema } from '../../shared/domain/catalogue';
import { sync } from '../../shared/contract/bundles';
import { rosterDeviceSchema } from '../../shared/formats/roster';
import { validDraft } from '../support/drafts';

test('printable: escapes, C1 and bidi overrides become U+FFFD; line breaks and tabs a space', () => {
  expect(printable('Eve\u001b[31m\u0000\u009b\u202egnp.exe')).toBe('Eve\uFFFD[31m\uFFFD\uFFFD\uFFFDgnp.exe');
  expect(printable('two\r\nlines\tand tab')).toBe('two lines and tab');
  expect(printable('Birmingham – Ladywood, £1,250.00 ✓')).toBe('Birmingham – Ladywood, £1,250.00 ✓');
});

test('printableLines keeps lines, tabs and Windows line endings, and nothing else', () => {
  expect(printableLines('a,b\r\n1\t2\n\u001b[2K\rX')).toBe('a,b\r\n1\t2\n\uFFFD[2K\uFFFDX');
});

const problems = (schema: { safeParse(x: unknown): { success: boolean; error?: unknown } }, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : problemsFromZod(parsed.error as never);
};

test('names refuse control characters with a message naming the field; free text keeps its line breaks', () => {
  const draft = validDraft('round-1');
  expect(problems(applicationDraftSchema, { ...draft, organisationName: 'Good\nGroup' })).toEqual([
    { field: 'organisationName', message: 'Organisation name must not contain control characters (such as a line break, a tab or NUL)' },
  ]);
  expect(problems(applicationDraftSchema, { ...draft, projectTitle: 'Youth\u0000club' })[0]?.message).toMatch(/^Project title must not/);
  expect(problems(applicationDraftSchema, { ...draft, summary: 'Line one.\nLine two.\tTabbed.' })).toEqual([]);
  expect(problems(applicationDraftSchema, { ...draft, summary: 'Bell\u0007' })[0]?.message).toBe(
    'Project summary must not contain control characters (line breaks and tabs are fine)',
  );
  expect(problems(areaSchema, { id: 'x', name: 'X', onsCode: null, localAuthority: 'A\u202eB' })[0]).toMatchObject({
    field: 'localAuthority',
  });
  expect(problems(sync['devices.trust'].input, { publicKey: 'RW…', name: 'Panel\u001b[0m' })[0]).toMatchObject({
    field: 'name',
    message: expect.stringMatching(/must not contain control characters/),
  });
  expect(
    problems(rosterDeviceSchema, {
      deviceId: '0123456789abcdef',
      publicKey: 'A'.repeat(56),
      fingerprint: '0123 4567 89AB CDEF 0123 4567',
      name: 'Panel\nlaptop',
      personName: null,
    })[0],
  ).toMatchObject({ field: 'name' });
});
