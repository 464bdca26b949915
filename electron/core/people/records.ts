// People and their credentials as every laptop projects them from the log. Who wrote an event is
// checked here, in clock order, so every laptop reaches the same people whatever order bundles
// arrive in: only a grants officer (as the log stood then) adds or changes people or resets a
// passphrase; a person sets their own; and only a laptop itself creates its setting-up officer.
import type { Db } from '../db/open';
import { statement } from '../db/statements';
import type { StoredEvent } from '../../../shared/events/event';
import { capabilitiesOf, rolesText, ROLES, type Capability, type PersonRecord, type Role } from '../../../shared/domain/people';
import { describePlain, editableProjectors, type Editable } from '../merge/editable';
import { madeBy, type CoreKinds, type Projector } from '../events/project';
import { officerOf } from '../context';
import { personalData, releasePersonalData } from '../personal-data';

interface PersonRow {
  id: string;
  name: string;
  roles: string;
  areas: string;
  active: number;
}

const fromRow = (r: PersonRow): PersonRecord => ({
  id: r.id,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  areas: JSON.parse(r.areas) as string[],
  active: r.active === 1,
});

export function readPerson(db: Db, id: string): PersonRecord | undefined {
  const row = statement<[string], PersonRow>(db, 'SELECT id, name, roles, areas, active FROM people WHERE id = ?').get(id);
  return row && fromRow(row);
}

export function allPeople(db: Db): PersonRecord[] {
  return statement<[], PersonRow>(db, 'SELECT id, name, roles, areas, active FROM people ORDER BY name COLLATE NOCASE, id')
    .all()
    .map(fromRow);
}

/** Whether, as the log stands now (in a projection: at this event), this person is active and may do this. */
export function actorCan(db: Db, actor: string, capability: Capability): boolean {
  const person = readPerson(db, actor);
  return person !== undefined && person.active && capabilitiesOf(person.roles).includes(capability);
}

const LABELS: Record<string, string> = { name: 'Name', roles: 'Roles', areas: 'Areas served', active: 'Can sign in' };

export const people: Editable<PersonRecord, 'person'> = {
  kind: 'person',
  noun: 'person',
  fields: Object.keys(LABELS),
  read: readPerson,
  write: (db, p) => {
    statement(db, 'INSERT OR REPLACE INTO people (id, name, roles, areas, active) VALUES (?, ?, ?, ?, ?)').run(
      p.id,
      p.name,
      JSON.stringify(p.roles),
      JSON.stringify(p.areas),
      p.active ? 1 : 0,
    );
  },
  label: (p) => p.name,
  fieldLabel: (_, field) => LABELS[field] ?? field,
  describe: (db, field, value) => {
    if (field === 'roles' && Array.isArray(value)) return rolesText(value.filter((r): r is Role => r in ROLES));
    if (field === 'areas' && Array.isArray(value)) return value.length === 0 ? 'Every area' : value.map((a) => areaName(db, a)).join(', ');
    if (field === 'active') return value === false ? 'No (deactivated)' : 'Yes';
    return describePlain(value);
  },
};

function areaName(db: Db, id: unknown): string {
  return statement<[string], { name: string }>(db, 'SELECT name FROM areas WHERE id = ?').get(String(id))?.name ?? String(id);
}

/** A `person.added` from before people signed in: a laptop's one implicit grants officer. */
interface LaptopOfficer {
  id: string;
  name: string;
  role: 'officer';
}

function asRecord(p: PersonRecord | LaptopOfficer): PersonRecord {
  return 'role' in p ? { id: p.id, name: p.name, roles: ['grants-officer'], areas: [], active: true } : p;
}

/** A laptop's own officer is created only by that laptop, as themselves; anyone else needs a grants officer. */
function mayAdd(db: Db, event: StoredEvent, id: string): boolean {
  if (id === officerOf(event.deviceId) && event.actor === id) return true;
  return !id.startsWith('officer-') && actorCan(db, event.actor, 'manage-people');
}

const generic = editableProjectors(people);

const added: Projector = madeBy('fields-person-resolves', (db, event, projection) => {
  const record = asRecord(event.payload as PersonRecord | LaptopOfficer);
  if (!mayAdd(db, event, record.id)) return;
  generic['person.added'](db, { ...event, payload: record }, projection);
});

const changed: Projector = madeBy('fields-person-resolves', (db, event, projection) => {
  if (actorCan(db, event.actor, 'manage-people')) generic['person.changed'](db, event, projection);
});

export interface CredentialIssued {
  personId: string;
  publicKey: string;
  /** The digest of their sealed secret in personal_data: held only where a sealed bundle brought it. */
  secret: string;
  mustChange: boolean;
}

/** A passphrase set by its person, or set or reset by a grants officer: the latest stands. */
const issued: Projector = (db, event) => {
  const c = event.payload as CredentialIssued;
  if (!readPerson(db, c.personId)) return;
  if (event.actor !== c.personId && !actorCan(db, event.actor, 'manage-people')) return;
  const before = statement<[string], { secret: string }>(db, 'SELECT secret FROM credentials WHERE person_id = ?').get(c.personId);
  statement(
    db,
    'INSERT OR REPLACE INTO credentials (person_id, public_key, secret, must_change, issued_hlc, issued_by) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(c.personId, c.publicKey, c.secret, c.mustChange ? 1 : 0, event.hlc, event.actor);
  statement(db, 'INSERT OR IGNORE INTO person_keys (person_id, public_key, from_hlc) VALUES (?, ?, ?)').run(
    c.personId,
    c.publicKey,
    event.hlc,
  );
  if (before && before.secret !== c.secret) releasePersonalData(db, before.secret);
};

export const personKind: CoreKinds['person'] = {
  editable: people,
  projectors: { 'person.added': added, 'person.changed': changed },
};

export const credentialKind: CoreKinds['credential'] = { projectors: { 'credential.issued': issued } };

export interface CredentialRow {
  person_id: string;
  public_key: string;
  secret: string;
  must_change: number;
}

export function credentialOf(db: Db, personId: string): CredentialRow | undefined {
  return statement<[string], CredentialRow>(
    db,
    'SELECT person_id, public_key, secret, must_change FROM credentials WHERE person_id = ?',
  ).get(personId);
}

/** Active, and their sealed secret is held here (a sealed bundle brought it, or it was made here). */
export function canSignInHere(db: Db, person: PersonRecord): boolean {
  const credential = credentialOf(db, person.id);
  return person.active && credential !== undefined && personalData(db, credential.secret) !== null;
}
