import { expect, test } from 'vitest';
import { applicationDraftSchema, type ApplicationRecord } from '../../shared/domain/application';
import { EVENT_TYPES, checkEventPayload, isKnownEventType, type EventType } from '../../shared/events/payloads';
import { SEED_AREAS, SEED_FUNDS, SEED_PLANS } from '../../electron/core/services/catalogue-seed';
import { validDraft } from '../support/drafts';
import { defaultRubric } from '../../shared/domain/rubric';
import { DEFAULT_LETTER_TEMPLATE } from '../../shared/domain/letters';

const ROUND_ID = '0b6c2f4e-5d1a-4c3b-9e8f-7a6b5c4d3e2f';
const APPLICATION_ID = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const DIGEST = 'c'.repeat(64);

const { contactName, contactEmail, contactPhone, ...draft } = applicationDraftSchema.parse(
  validDraft(ROUND_ID, { reference: 'ACF-2026-0001' }),
);
void [contactName, contactEmail, contactPhone];
/** As applications.receive writes it: the contact details replaced by their digest. */
const application: ApplicationRecord = {
  ...draft,
  id: APPLICATION_ID,
  status: 'received',
  receivedAt: '2026-11-25T18:30:00.000Z',
  withdrawnReason: null,
  contactDigest: DIGEST,
};
const round = {
  id: ROUND_ID,
  fundId: 'acf',
  planId: 'pcp-2025-2029',
  name: 'Active Citizens Fund winter 2026',
  opens: '2026-10-01',
  closes: '2026-12-18',
  status: 'open',
  budgets: [
    { areaId: 'coventry', amountPence: 4_500_000 },
    { areaId: 'dudley', amountPence: 4_500_000 },
  ],
};
const [acf, csf] = SEED_FUNDS;
const pcp2025 = SEED_PLANS[1]!;
const newPlan = {
  id: 'pcp-2029-2033',
  name: 'Police and Crime Plan 2029–2033',
  startYear: 2029,
  endYear: 2033,
  sections: [],
  priorities: [
    { id: 'pcp-2029-2033:SAFER', planId: 'pcp-2029-2033', code: 'SAFER', title: 'Safer streets' },
    { id: 'pcp-2029-2033:VICTIMS', planId: 'pcp-2029-2033', code: 'VICTIMS', title: 'Victims first' },
  ],
};
const coventry = SEED_AREAS[1]!;
const rubric = { id: ROUND_ID, version: 1, ...defaultRubric(['pcp-2025-2029:VIOLENCE']) };
const PANEL_ID = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c';
const panel = {
  id: PANEL_ID,
  roundId: ROUND_ID,
  name: 'Coventry NPU panel',
  chairId: 'person-1',
  quorum: 3,
  areaIds: ['coventry'],
  memberIds: ['person-1', 'person-2', 'person-3'],
};
const ownScore = (kind: string) => `${kind}:${APPLICATION_ID}:person-2`;

/** One event of each type as the services write it: [entity, payload]. */
const HEAD = {
  deviceId: '1b3ec0f6194134d1',
  publicKey: 'RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  seq: 12,
  signedAt: '2026-11-27T12:00:00.000Z',
  signature: 'untrusted comment: x',
};
const VALID: Record<EventType, [string, unknown]> = {
  'person.added': [
    'person:person-1',
    { id: 'person-1', name: 'Asha Patel', roles: ['panel-member', 'panel-chair'], areas: ['coventry'], active: true },
  ],
  'person.changed': [
    'person:person-1',
    { id: 'person-1', changes: { roles: { from: ['panel-member'], to: ['grants-officer'] }, active: { from: true, to: false } } },
  ],
  'session.signedIn': [
    'person:person-1',
    { personId: 'person-1', publicKey: 'RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', proof: 'A'.repeat(86) + '==' },
  ],
  'session.signedOut': ['person:person-1', { personId: 'person-1' }],
  'credential.issued': [
    'person:person-1',
    {
      personId: 'person-1',
      publicKey: 'RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      secret: 'ab'.repeat(32),
      mustChange: true,
    },
  ],
  'fund.seeded': ['fund:acf', acf],
  'fund.added': ['fund:parks', { id: 'parks', name: 'Parks Fund', code: 'PF', source: '', maxAwardPence: null, eligibility: '' }],
  'fund.changed': [
    'fund:acf',
    { id: 'acf', changes: { maxAwardPence: { from: 500_000, to: 400_000 }, name: { from: acf!.name, to: 'ACF' } } },
  ],
  'fund.saved': ['fund:csf', csf],
  'letterTemplate.changed': [
    'letterTemplate:acf',
    {
      id: 'acf',
      changes: {
        payments: { from: DEFAULT_LETTER_TEMPLATE.payments, to: [{ percent: 100, when: 'when we receive your signed acceptance slip' }] },
        conditions: { from: DEFAULT_LETTER_TEMPLATE.conditions, to: ['Spend the grant on the project only.'] },
      },
    },
  ],
  'area.seeded': ['area:coventry', coventry],
  'area.added': ['area:area-5', { id: 'area-5', name: 'Hills', onsCode: null, localAuthority: 'Somewhere' }],
  'area.changed': ['area:coventry', { id: 'coventry', changes: { onsCode: { from: 'E08000026', to: null } } }],
  'area.saved': ['area:coventry', coventry],
  'plan.seeded': ['plan:pcp-2021-2025', SEED_PLANS[0]],
  'plan.saved': ['plan:pcp-2025-2029', SEED_PLANS[1]],
  'plan.added': ['plan:pcp-2029-2033', newPlan],
  'plan.changed': [
    'plan:pcp-2025-2029',
    {
      id: 'pcp-2025-2029',
      changes: {
        endYear: { from: 2029, to: 2030 },
        priorities: { from: pcp2025.priorities, to: pcp2025.priorities.slice(0, 2).reverse() },
      },
    },
  ],
  'round.added': [`round:${ROUND_ID}`, round],
  'round.saved': [`round:${ROUND_ID}`, { ...round, budgets: [] }],
  'round.changed': [
    `round:${ROUND_ID}`,
    {
      id: ROUND_ID,
      changes: {
        closes: { from: '2026-12-18', to: '2027-01-08' },
        totalPence: { from: null, to: 30_000_000 },
        tolerancePercent: { from: 0, to: 10 },
        'budget:coventry': { from: 4_500_000, to: null },
        'budget:walsall': { from: null, to: 1_000_000 },
      },
    },
  ],
  'application.received': [`application:${APPLICATION_ID}`, application],
  'application.added': [`application:${APPLICATION_ID}`, application],
  'application.changed': [
    `application:${APPLICATION_ID}`,
    {
      id: APPLICATION_ID,
      changes: {
        status: { from: 'received', to: 'withdrawn' },
        withdrawnReason: { from: null, to: 'Group folded' },
        amountRequested: { from: 250_000, to: 200_000 },
        contactDigest: { from: DIGEST, to: 'd'.repeat(64) },
      },
    },
  ],
  'application.withdrawn': [`application:${APPLICATION_ID}`, { id: APPLICATION_ID, reason: 'Group folded' }],
  'application.reinstated': [`application:${APPLICATION_ID}`, { id: APPLICATION_ID, reason: 'Withdrawn by mistake' }],
  'conflict.resolved': [
    'fund:acf',
    {
      conflict: 'a'.repeat(64),
      kind: 'fund',
      id: 'acf',
      choices: { maxAwardPence: 'incoming', name: 'kept' },
      values: { maxAwardPence: 400_000, name: 'Active Citizens Fund' },
      changes: { maxAwardPence: { from: 500_000, to: 400_000 } },
    },
  ],
  'device.trusted': [
    'device:1b3ec0f6194134d1',
    {
      deviceId: '1b3ec0f6194134d1',
      publicKey: 'RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      fingerprint: '1B3E C0F6 1941 34D1 C052 F373',
      name: 'Coventry panel laptop',
    },
  ],
  'device.revoked': ['device:1b3ec0f6194134d1', { deviceId: '1b3ec0f6194134d1', reason: 'Reported stolen' }],
  'device.versionChosen': [
    'device:1b3ec0f6194134d1',
    {
      deviceId: '1b3ec0f6194134d1',
      chosen: { ...HEAD, hash: 'a'.repeat(64) },
      rejected: { ...HEAD, hash: 'b'.repeat(64) },
    },
  ],
  'screening.recorded': [
    `screening:${APPLICATION_ID}`,
    {
      applicationId: APPLICATION_ID,
      supersedes: ['c'.repeat(64)],
      result: 'ineligible',
      checks: [
        { id: 'amount', question: 'Amount within the fund’s limits', passed: true, overrideReason: null, failSentence: 'Too much.' },
        { id: 'constituted', question: 'Properly constituted', passed: true, overrideReason: null, failSentence: 'Not constituted.' },
        {
          id: 'bank',
          question: 'Bank account with two signatories',
          passed: false,
          overrideReason: 'An umbrella body holds the money',
          failSentence: 'No bank account.',
        },
        { id: 'organisationType', question: 'Type of organisation allowed', passed: true, overrideReason: null, failSentence: 'Type.' },
        { id: 'dates', question: 'Project dates inside the spending window', passed: true, overrideReason: null, failSentence: 'Dates.' },
        { id: 'officer:0', question: 'No salaries', passed: false, overrideReason: null, failSentence: 'Salaries are not funded.' },
      ],
      toldApplicant: 'Salaries are not funded.',
    },
  ],
  'importMapping.saved': [
    'importMapping:amount requested|notes|organisation name',
    {
      signature: 'amount requested|notes|organisation name',
      mapping: { 'Organisation name': 'organisationName', 'Amount requested': 'amountRequested', Notes: null },
    },
  ],
  'rubric.added': [`rubric:${ROUND_ID}`, rubric],
  'rubric.changed': [
    `rubric:${ROUND_ID}`,
    { id: ROUND_ID, changes: { version: { from: 1, to: 2 }, criteria: { from: rubric.criteria, to: rubric.criteria.slice(1) } } },
  ],
  'panel.added': [`panel:${PANEL_ID}`, panel],
  'panel.changed': [
    `panel:${PANEL_ID}`,
    {
      id: PANEL_ID,
      changes: { quorum: { from: 3, to: 2 }, 'member:person-4': { from: null, to: true }, 'member:person-3': { from: true, to: null } },
    },
  ],
  'panel.assigned': [`panelAssignment:${APPLICATION_ID}`, { applicationId: APPLICATION_ID, panelId: PANEL_ID, byArea: false }],
  'interest.declared': [
    ownScore('declaration'),
    {
      applicationId: APPLICATION_ID,
      memberId: 'person-2',
      interest: true,
      nature: 'My sister is the treasurer',
      supersedes: [DIGEST],
      fromPaper: false,
    },
  ],
  'score.entered': [
    ownScore('score'),
    {
      applicationId: APPLICATION_ID,
      memberId: 'person-2',
      roundId: ROUND_ID,
      criterionId: 'plan-fit',
      level: 4,
      comment: 'Clear link to the violence priority.',
      rubricVersion: 1,
      rubricShape: '0123456789abcdef',
      fromPaper: true,
    },
  ],
  'moderation.recorded': [
    `moderation:${APPLICATION_ID}`,
    {
      applicationId: APPLICATION_ID,
      panelId: PANEL_ID,
      rubricVersion: 1,
      levels: { 'plan-fit': 4, need: 3 },
      gates: { governance: 'pass' },
      rationales: { need: 'The chair read the evidence again' },
      recommendation: 'fund-lower',
      amountPence: 150_000,
      reason: 'The trip is not eligible',
      supersedes: [DIGEST],
    },
  ],
  'moderation.opened': [`moderationOpening:${PANEL_ID}`, { panelId: PANEL_ID }],
  'decision.signed': [
    `decision:${APPLICATION_ID}`,
    {
      applicationId: APPLICATION_ID,
      reference: 'ACF-2026-0001',
      organisation: 'Foleshill Residents’ Association',
      roundId: ROUND_ID,
      roundName: 'Active Citizens Fund winter 2026',
      decision: 'amend',
      amountPence: 150_000,
      reason: 'Match funding covers the rest',
      signerId: 'person-9',
      signerName: 'Sam Okoro',
      signedAt: '2026-11-28T10:00:00.000Z',
      publicKey: 'RWQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      signature: 'untrusted comment: x\nRWQ\ntrusted comment: y\nAA\n',
      supersedes: [DIGEST],
    },
  ],
  'allocation.set': [
    `allocation:${APPLICATION_ID}`,
    { applicationId: APPLICATION_ID, amountPence: 120_000, reason: 'The trip is not eligible' },
  ],
  'offer.sent': [`offer:${APPLICATION_ID}`, { applicationId: APPLICATION_ID, decisionId: 'a'.repeat(64), sentOn: '2026-11-27' }],
  'offer.accepted': [`offer:${APPLICATION_ID}`, { applicationId: APPLICATION_ID, decisionId: 'a'.repeat(64), acceptedOn: '2026-11-30' }],
  'score.submitted': [
    ownScore('score'),
    { applicationId: APPLICATION_ID, memberId: 'person-2', roundId: ROUND_ID, rubricVersion: 1, fromPaper: false },
  ],
};

test('every event type has a payload schema, and what the services write passes it', () => {
  expect([...EVENT_TYPES].sort()).toEqual(Object.keys(VALID).sort());
  for (const [type, [entity, payload]] of Object.entries(VALID)) {
    expect(isKnownEventType(type)).toBe(true);
    expect(checkEventPayload(type, entity, payload), type).toBeNull();
  }
});

const check = (type: EventType, change: (payload: Record<string, unknown>) => unknown, entity = VALID[type][0]) =>
  checkEventPayload(type, entity, change(structuredClone(VALID[type][1]) as Record<string, unknown>));

test('a wrong-typed field is refused, naming the field', () => {
  expect(check('fund.changed', () => ({ id: 'acf', changes: { maxAwardPence: { from: 500_000, to: 'lots of money' } } }))).toBe(
    'fund.changed: maxAwardPence must be a whole number of pence',
  );
  expect(check('fund.changed', () => ({ id: 'acf', changes: { maxAwardPence: { from: 500_000, to: 12.5 } } }))).toBe(
    'fund.changed: maxAwardPence must be a whole number of pence',
  );
  expect(check('fund.added', (f) => ({ ...f, maxAwardPence: 'lots of money' }))).toBe(
    'fund.added: maxAwardPence must be a whole number of pence',
  );
  expect(check('round.changed', () => ({ id: ROUND_ID, changes: { 'budget:coventry': { from: 4_500_000, to: '£45,000' } } }))).toBe(
    'round.changed: budget:coventry must be a whole number of pence',
  );
  expect(check('round.changed', () => ({ id: ROUND_ID, changes: { 'budget:coventry': { from: 4_500_000, to: -1 } } }))).toBe(
    'round.changed: budget:coventry must be at least 0 pence',
  );
  expect(check('round.changed', () => ({ id: ROUND_ID, changes: { tolerancePercent: { from: 0, to: 99 } } }))).toBe(
    'round.changed: tolerancePercent must be at most 50',
  );
  expect(check('decision.signed', (d) => ({ ...d, decision: 'decline', amountPence: 150_000 }))).toBe(
    'decision.signed: amountPence must award nothing exactly when declining',
  );
  expect(check('decision.signed', (d) => ({ ...d, reason: ' ' }))).toBe('decision.signed: reason must give a reason to decline or amend');
  expect(check('round.added', (r) => ({ ...r, totalPence: 1.5 }))).toBe('round.added: totalPence must be a whole number of pence');
  expect(check('round.added', (r) => ({ ...r, budgets: [{ areaId: 'coventry', amountPence: '100' }] }))).toBe(
    'round.added: budgets.0.amountPence must be a whole number of pence',
  );
  expect(check('application.received', (a) => ({ ...a, amountRequested: -250_000 }))).toBe(
    'application.received: amountRequested must be more than 0 pence',
  );
  expect(check('application.changed', () => ({ id: APPLICATION_ID, changes: { amountRequested: { from: 250_000, to: -5 } } }))).toBe(
    'application.changed: amountRequested must be more than 0 pence',
  );
  expect(check('application.changed', () => ({ id: APPLICATION_ID, changes: { status: { from: 'received', to: 'lost' } } }))).toBe(
    'application.changed: status must be one of "received", "withdrawn"',
  );
  expect(check('application.changed', () => ({ id: APPLICATION_ID, changes: { amountRequested: { from: 'x', to: 5 } } }))).toBe(
    'application.changed: amountRequested (the value it replaces) must be a whole number of pence',
  );
  expect(check('area.changed', () => ({ id: 'coventry', changes: { name: { from: 'Coventry', to: null } } }))).toBe(
    'area.changed: name must be text',
  );
  expect(check('person.added', (p) => ({ ...p, roles: ['admin'] }))).toMatch(/^person\.added: roles\.0 must be one of "grants-officer"/);
  // The shape written before people signed in is still read, and checked as such.
  expect(check('person.added', () => ({ id: 'officer-abc', name: 'Grants officer', role: 'admin' }))).toBe(
    'person.added: role must be "officer"',
  );
  expect(check('person.added', () => ({ id: 'person-1', name: 'Grants officer', role: 'officer' }))).toBeNull();
  expect(check('application.received', (a) => ({ ...a, receivedAt: 'yesterday' }))).toBe(
    'application.received: receivedAt must be a UTC time like 2026-11-25T18:30:00.000Z',
  );
  // A lying laptop's date received from the future would top the register for ever.
  expect(check('application.received', (a) => ({ ...a, receivedOn: '2099-01-01' }))).toMatch(
    /^application\.received: its date received \(2099-01-01\) is after the day it was entered \(\d{4}-\d\d-\d\d\)$/,
  );
  expect(check('application.received', (a) => ({ ...a, receivedOn: '2026-02-30' }))).toMatch(/^application\.received: receivedOn /);
  expect(check('conflict.resolved', (c) => ({ ...c, values: { maxAwardPence: 'lots' } }))).toBe(
    'conflict.resolved: maxAwardPence must be a whole number of pence',
  );
});

test('a reinstatement names its application, with a reason of 500 characters or fewer and nothing else', () => {
  expect(check('application.reinstated', (p) => ({ ...p, reason: 'x'.repeat(501) }))).toBe(
    'application.reinstated: reason must be at most 500 characters',
  );
  expect(check('application.reinstated', (p) => ({ ...p, reason: '' }))).toMatch(/^application\.reinstated: reason /);
  expect(check('application.reinstated', (p) => ({ ...p, status: 'received' }))).toBe(
    'application.reinstated: the payload has a field it should not: "status"',
  );
  expect(check('application.reinstated', (p) => p, 'application:someone-else')).toMatch(/is filed under "application:someone-else"/);
});

test('a field the kind does not have, or an extra key on a record, is refused', () => {
  expect(check('fund.changed', () => ({ id: 'acf', changes: { colour: { from: null, to: 'red' } } }))).toBe(
    'fund.changed: "colour" is not a field of a fund that can change',
  );
  // Fixed once added: an application keeps its reference.
  expect(check('application.changed', () => ({ id: APPLICATION_ID, changes: { reference: { from: 'A', to: 'B' } } }))).toBe(
    'application.changed: "reference" is not a field of an application that can change',
  );
  expect(check('round.changed', () => ({ id: ROUND_ID, changes: { 'budget:': { from: null, to: 5 } } }))).toMatch(
    /"budget:" is not a field/,
  );
  expect(check('conflict.resolved', (c) => ({ ...c, choices: { colour: 'kept' } }))).toMatch(/"colour" is not a field of a fund/);
  expect(check('fund.seeded', (f) => ({ ...f, colour: 'red' }))).toBe('fund.seeded: the payload has a field it should not: "colour"');
  expect(check('application.received', (a) => ({ ...a, contactEmail: 'amira@example.org' }))).toBe(
    'application.received: the payload has a field it should not: "contactEmail"',
  );
  expect(check('fund.changed', (p) => ({ ...p, changes: { name: { from: 'a', to: 'b', by: 'me' } } }))).toBe(
    'fund.changed: the change to name has a field it should not: "by"',
  );
});

test('a missing id or field is refused', () => {
  const byDevice: EventType[] = ['device.trusted', 'device.revoked', 'device.versionChosen'];
  const byApplication: EventType[] = [
    'panel.assigned',
    'interest.declared',
    'score.entered',
    'score.submitted',
    'moderation.recorded',
    'decision.signed',
    'allocation.set',
    'offer.sent',
    'offer.accepted',
  ];
  for (const type of EVENT_TYPES.filter(
    (t) =>
      !byDevice.includes(t) &&
      !byApplication.includes(t) &&
      t !== 'importMapping.saved' &&
      t !== 'moderation.opened' &&
      !['credential.issued', 'session.signedIn', 'session.signedOut', 'screening.recorded'].includes(t),
  )) {
    expect(
      check(type, ({ id, ...rest }) => (void id, rest)),
      type,
    ).toBe(`${type}: id is missing`);
  }
  expect(check('credential.issued', ({ personId, ...rest }) => (void personId, rest))).toBe('credential.issued: personId is missing');
  expect(check('screening.recorded', ({ applicationId, ...rest }) => (void applicationId, rest))).toBe(
    'screening.recorded: applicationId is missing',
  );
  for (const type of byDevice) expect(check(type, ({ deviceId, ...rest }) => (void deviceId, rest))).toBe(`${type}: deviceId is missing`);
  for (const type of byApplication)
    expect(check(type, ({ applicationId, ...rest }) => (void applicationId, rest))).toBe(`${type}: applicationId is missing`);
  expect(check('device.versionChosen', (p) => ({ ...p, rejected: p.chosen }))).toBe('device.versionChosen: the two versions must differ');
  expect(check('importMapping.saved', ({ signature, ...rest }) => (void signature, rest))).toBe(
    'importMapping.saved: signature is missing',
  );
  expect(check('application.received', ({ sustainability, ...rest }) => (void sustainability, rest))).toBe(
    'application.received: sustainability is missing',
  );
  expect(check('fund.changed', () => ({ id: 'acf', changes: { name: { from: 'ACF' } } }))).toBe('fund.changed: name is missing');
  expect(check('fund.changed', () => null)).toBe('fund.changed: must be a record of fields');
});

test('an event filed under another entity than its payload is about is refused', () => {
  for (const type of EVENT_TYPES) {
    expect(checkEventPayload(type, 'fund:someone-else', VALID[type][1]), type).toMatch(
      new RegExp(`^${type.replace('.', '\\.')}: it is filed under "fund:someone-else" but its payload is about "`),
    );
  }
  expect(check('conflict.resolved', (c) => c, 'area:acf')).toBe(
    'conflict.resolved: it is filed under "area:acf" but its payload is about "fund:acf"',
  );
});

test('records that would break a table are refused: a priority or a budget named twice', () => {
  expect(check('application.received', (a) => ({ ...a, priorityIds: ['p:1', 'p:1'] }))).toBe(
    'application.received: priorityIds is not right: Choose each priority once',
  );
  expect(
    check('round.added', (r) => ({
      ...r,
      budgets: [
        { areaId: 'coventry', amountPence: 1 },
        { areaId: 'coventry', amountPence: 2 },
      ],
    })),
  ).toBe('round.added: budgets must not give one area two budgets');
  expect(check('plan.seeded', (p) => ({ ...p, priorities: [{ id: 'other:X', planId: 'other', code: 'X', title: 'X' }] }))).toMatch(
    /^plan\.seeded: priorities must each belong to this plan/,
  );
});

test('a type from a newer GrantPanel is not known, and its payload is not judged', () => {
  expect(isKnownEventType('score.added')).toBe(false);
  expect(isKnownEventType('toString')).toBe(false);
  expect(checkEventPayload('score.added', 'score:1', { anything: true })).toBeNull();
});

test('a plan’s priorities are refused when they would break its table or pass the limits: too many, an id or code twice, another plan’s, none', () => {
  const priorities = (to: unknown) => () => ({ id: 'pcp-2025-2029', changes: { priorities: { from: pcp2025.priorities, to } } });
  const [first, second] = pcp2025.priorities;
  const many = Array.from({ length: 201 }, (_, i) => ({
    id: `pcp-2025-2029:P${i}`,
    planId: 'pcp-2025-2029',
    code: `P${i}`,
    title: `P${i}`,
  }));
  expect(check('plan.changed', priorities(many))).toBe('plan.changed: priorities must have at most 200 entries');
  expect(check('plan.changed', priorities([first, { ...second!, id: first!.id }]))).toBe(
    'plan.changed: priorities must not list a priority id twice',
  );
  expect(check('plan.changed', priorities([first, { ...second!, code: first!.code.toLowerCase() }]))).toBe(
    'plan.changed: priorities must not give two priorities one code',
  );
  expect(check('plan.changed', priorities([first, { ...second!, id: 'pcp-2021-2025:VAWG', planId: 'pcp-2021-2025' }]))).toMatch(
    /^plan\.changed: priorities must each belong to this plan/,
  );
  expect(check('plan.changed', priorities([]))).toBe('plan.changed: priorities must have at least 1 entry');
  expect(check('plan.changed', priorities([{ ...first!, title: 'x'.repeat(301) }]))).toBe(
    'plan.changed: priorities.0.title must be at most 300 characters',
  );
  expect(check('plan.changed', () => ({ id: 'pcp-2025-2029', changes: { sections: { from: [], to: [] } } }))).toBe(
    'plan.changed: "sections" is not a field of a plan that can change',
  );
  expect(check('plan.added', (p) => ({ ...p, priorities: [] }))).toBe('plan.added: priorities must have at least 1 entry');
  // A conflict's resolution may not slip another plan's priority in either.
  expect(
    checkEventPayload('conflict.resolved', 'plan:pcp-2025-2029', {
      conflict: 'a'.repeat(64),
      kind: 'plan',
      id: 'pcp-2025-2029',
      choices: { priorities: 'incoming' },
      values: { priorities: [{ id: 'pcp-2021-2025:VAWG', planId: 'pcp-2021-2025', code: 'VAWG', title: 'VAWG' }] },
      changes: {},
    }),
  ).toMatch(/^conflict\.resolved: priorities must each belong to this plan/);
});

test('panels’ events from a lying laptop: out-of-range scores, rubrics that break their own rules, members filed under another', () => {
  expect(check('score.entered', (p) => ({ ...p, level: 9 }))).toMatch(/^score\.entered: level/);
  expect(check('score.entered', (p) => ({ ...p, level: 2.5 }))).toMatch(/^score\.entered: level/);
  expect(check('score.entered', (p) => ({ ...p, memberId: 'person-3' }))).toMatch(/filed under/);
  expect(check('interest.declared', (p) => ({ ...p, nature: '' }))).toMatch(/nature/);
  expect(check('interest.declared', (p) => ({ ...p, nature: 'a\u202eb' }))).toMatch(/control characters/);
  const [first, ...rest] = rubric.criteria;
  expect(
    check('rubric.changed', () => ({ id: ROUND_ID, changes: { criteria: { from: rubric.criteria, to: [first, first, ...rest] } } })),
  ).toMatch(/own id/);
  expect(
    check('rubric.changed', () => ({
      id: ROUND_ID,
      changes: { criteria: { from: rubric.criteria, to: [{ ...first!, scale: 4 }] } },
    })),
  ).toMatch(/Describe each of the 5 levels/);
  expect(
    check('rubric.changed', () => ({ id: ROUND_ID, changes: { bands: { from: rubric.bands, to: [...rubric.bands].reverse() } } })),
  ).toMatch(/band/);
  expect(check('panel.added', (p) => ({ ...p, memberIds: ['person-1', 'person-1'] }))).toMatch(/twice/);
  expect(check('moderation.recorded', (p) => ({ ...p, amountPence: null }))).toMatch(/amountPence/);
  expect(check('moderation.recorded', (p) => ({ ...p, recommendation: 'decline', amountPence: null, reason: '' }))).toMatch(/reason/);
  expect(check('moderation.recorded', (p) => ({ ...p, levels: { need: 7 } }))).toMatch(/levels/);
  // An allocation is whole pence, never negative, and names no round or area of its own.
  expect(check('allocation.set', (p) => ({ ...p, amountPence: -100 }))).toMatch(/amountPence/);
  expect(check('allocation.set', (p) => ({ ...p, amountPence: 100.5 }))).toMatch(/amountPence/);
  expect(check('allocation.set', (p) => ({ ...p, amountPence: '100' }))).toMatch(/amountPence/);
  expect(check('allocation.set', (p) => ({ ...p, areaId: 'dudley' }))).toMatch(/areaId/);
  expect(check('allocation.set', (p) => ({ ...p, reason: 'a\u0000b' }))).toMatch(/reason/);
  // An offer names a decision by its hash and a real day; nothing about who signed the slip.
  expect(check('offer.sent', (p) => ({ ...p, sentOn: '2026-02-30' }))).toBe('offer.sent: sentOn must be a real date, YYYY-MM-DD');
  expect(check('offer.sent', (p) => ({ ...p, decisionId: 'not-a-hash' }))).toMatch(/decisionId/);
  expect(check('offer.accepted', (p) => ({ ...p, signedBy: 'Jo Bloggs' }))).toMatch(/signedBy/);
  expect(check('offer.accepted', (p) => ({ ...p, acceptedOn: '30/11/2026' }))).toMatch(/acceptedOn/);
  expect(check('panel.changed', () => ({ id: PANEL_ID, changes: { 'member:person-4': { from: null, to: 'yes' } } }))).toMatch(
    /member:person-4/,
  );
});

test('a screening whose result does not follow from its checks, or that sets aside what it may not, is refused', () => {
  type Check = { id: string; passed: boolean; overrideReason: string | null };
  const withChecks = (edit: (checks: Check[]) => void) => (p: Record<string, unknown>) => {
    edit(p.checks as Check[]);
    return p;
  };
  // A lying laptop calling an application eligible that its own checks fail.
  expect(check('screening.recorded', (p) => ({ ...p, result: 'eligible', toldApplicant: '' }))).toBe(
    'screening.recorded: result must be ineligible, as its checks say',
  );
  expect(check('screening.recorded', (p) => ({ ...p, toldApplicant: '  ' }))).toBe(
    'screening.recorded: toldApplicant must say why an ineligible application fails',
  );
  // Setting aside an officer's check, or one that passed, is not a thing a person can do.
  expect(
    check(
      'screening.recorded',
      withChecks((c) => (c[5]!.overrideReason = 'Because')),
    ),
  ).toBe('screening.recorded: checks: officer:0 can be set aside only when it is an automatic check that failed');
  expect(
    check(
      'screening.recorded',
      withChecks((c) => (c[0]!.overrideReason = 'Because')),
    ),
  ).toBe('screening.recorded: checks: amount can be set aside only when it is an automatic check that failed');
  expect(
    check(
      'screening.recorded',
      withChecks((c) => void c.splice(4, 1)),
    ),
  ).toBe('screening.recorded: checks must include every automatic check (dates missing)');
  expect(
    check(
      'screening.recorded',
      withChecks((c) => void c.push({ ...c[0]! })),
    ),
  ).toBe('screening.recorded: checks must not name a check twice');
  expect(check('screening.recorded', (p) => ({ ...p, result: 'maybe' }))).toMatch(/^screening\.recorded: result must be one of/);
  expect(check('screening.recorded', (p) => ({ ...p, supersedes: ['not a hash'] }))).toMatch(/^screening\.recorded: supersedes\.0 /);
  expect(check('screening.recorded', (p) => ({ ...p, toldApplicant: 'x'.repeat(2001) }))).toMatch(/^screening\.recorded: toldApplicant /);
  expect(
    check(
      'screening.recorded',
      withChecks((c) => (c[0]!.id = 'officer:x')),
    ),
  ).toMatch(/^screening\.recorded: checks\.0\.id /);
});

test('a letter template whose payments do not add up to 100%, or with an empty condition, is refused naming the field', () => {
  const payments = (to: unknown) => () => ({ id: 'acf', changes: { payments: { from: DEFAULT_LETTER_TEMPLATE.payments, to } } });
  expect(
    check(
      'letterTemplate.changed',
      payments([
        { percent: 50, when: 'on acceptance' },
        { percent: 40, when: 'later' },
      ]),
    ),
  ).toBe('letterTemplate.changed: payments is not right: The payments add up to 90%: make them add up to 100%');
  expect(check('letterTemplate.changed', payments([{ percent: 100.5, when: 'on acceptance' }]))).toMatch(
    /^letterTemplate.changed: .*percent/,
  );
  expect(
    check('letterTemplate.changed', () => ({
      id: 'acf',
      changes: { conditions: { from: DEFAULT_LETTER_TEMPLATE.conditions, to: ['Fine', '  '] } },
    })),
  ).toBe('letterTemplate.changed: conditions.1 must not be blank');
  expect(check('letterTemplate.changed', () => ({ id: 'acf', changes: { signOff: { from: 'x', to: '<b>Boss</b>\u202e' } } }))).toMatch(
    /signOff.*control characters/,
  );
  // A condition may run over lines; a sign-off line may not.
  const conditions = (to: string[]) => () => ({ id: 'acf', changes: { conditions: { from: DEFAULT_LETTER_TEMPLATE.conditions, to } } });
  expect(check('letterTemplate.changed', conditions(['First,\nthen.']))).toBeNull();
  expect(check('letterTemplate.changed', () => ({ id: 'acf', changes: { signOff: { from: 'x', to: 'Chief\nExecutive' } } }))).toMatch(
    /signOff/,
  );
  expect(check('letterTemplate.changed', () => ({ id: 'acf', changes: { letterhead: { from: null, to: 'x' } } }))).toBe(
    'letterTemplate.changed: "letterhead" is not a field of a letterTemplate that can change',
  );
});
