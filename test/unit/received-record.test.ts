import { expect, test } from 'vitest';
import { applicationDraftSchema } from '../../shared/domain/application';
import { canonicalJson } from '../../shared/events/canonical';
import { checkEventPayload } from '../../shared/events/payloads';
import { receivedRecord } from '../../electron/core/services/received-record';
import { validDraft } from '../support/drafts';

test('a received record holds every field of its draft, is one other laptops accept, and is canonical as built', () => {
  const draft = applicationDraftSchema.parse(
    validDraft('round-1', { reference: 'FRA/1', receivedOn: '2026-11-20', charityNumber: '1123456' }),
  );
  const { contactName, contactEmail, contactPhone, ...fields } = draft;
  expect([contactName, contactEmail, contactPhone].every(Boolean)).toBe(true);
  const id = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
  const facts = { id, receivedAt: '2026-11-27T10:15:00.000Z', receivedOn: '2026-11-20', contactDigest: 'ab'.repeat(32) };
  const record = receivedRecord(fields, facts);

  expect(record).toEqual({ ...fields, ...facts, status: 'received', withdrawnReason: null });
  expect(checkEventPayload('application.received', `application:${id}`, JSON.parse(canonicalJson(record)))).toBeNull();
  // Keys in sorted order at every level: JSON.stringify alone writes the canonical text.
  expect(JSON.stringify(record)).toBe(canonicalJson(record));
  expect(JSON.stringify(fields)).not.toBe(canonicalJson(fields));
});
