// The people who use GrantPanel: a grants officer adds them with a first passphrase, changes their
// roles and areas, deactivates them (what they did stays theirs) and resets forgotten passphrases.
import { randomUUID } from 'node:crypto';
import type { PersonSummary } from '../../../shared/contract/people';
import { DomainError } from '../../../shared/contract/result';
import type { PersonRecord } from '../../../shared/domain/people';
import { write, type CoreContext, type Handlers } from '../context';
import { statement } from '../db/statements';
import { changesBetween } from '../merge/editable';
import { minisignPublicKeyFile } from '../crypto/minisign';
import { allPeople, canSignInHere, credentialOf, people, readPerson } from '../people/records';
import { checkNewPassphrase, issueCredential, newCredential } from '../people/credentials';
import { failuresOf } from '../people/attempts';

function summary(ctx: CoreContext, p: PersonRecord): PersonSummary {
  const credential = credentialOf(ctx.db, p.id);
  return {
    ...p,
    canSignInHere: canSignInHere(ctx.db, p),
    mustChangePassphrase: credential?.must_change === 1,
    wrongPassphrases: failuresOf(ctx, p.id),
    publicKey: credential?.public_key ?? null,
  };
}

function existing(ctx: CoreContext, id: string): PersonRecord {
  const person = readPerson(ctx.db, id);
  if (!person) throw new DomainError('NOT_FOUND', 'That person is not on this laptop — they may not have arrived here yet.');
  return person;
}

function checkAreas(ctx: CoreContext, areas: readonly string[]): void {
  const unknown = areas.filter((a) => !statement(ctx.db, 'SELECT 1 FROM areas WHERE id = ?').get(a));
  if (unknown.length > 0)
    throw new DomainError('VALIDATION', 'Choose areas from the list', [{ field: 'areas', message: `Unknown area: ${unknown.join(', ')}` }]);
}

/** An office must keep someone who can manage people: the last active grants officer stays one. */
function checkOfficerRemains(ctx: CoreContext, next: PersonRecord): void {
  const officers = allPeople(ctx.db).filter((p) => p.active && p.roles.includes('grants-officer'));
  const remaining = officers.filter((p) => p.id !== next.id);
  if (remaining.length === 0 && !(next.active && next.roles.includes('grants-officer')))
    throw new DomainError('VALIDATION', `${next.name} is the last active grants officer, so they must stay one.`, [
      { field: next.active ? 'roles' : 'active', message: `${next.name} is the last active grants officer` },
    ]);
}

export const peopleHandlers: Handlers<'people.list' | 'people.add' | 'people.change' | 'people.resetPassphrase' | 'people.publicKey'> = {
  'people.list': (_, ctx) => allPeople(ctx.db).map((p) => summary(ctx, p)),
  'people.add': async ({ name, roles, areas, passphrase }, ctx) => {
    checkAreas(ctx, areas);
    await checkNewPassphrase(passphrase, name);
    const credential = await newCredential(ctx, passphrase);
    const record: PersonRecord = {
      id: `person-${randomUUID()}`,
      name,
      roles: [...new Set(roles)],
      areas: [...new Set(areas)],
      active: true,
    };
    write(ctx, () => {
      ctx.log.append(ctx.person.id, 'person.added', `person:${record.id}`, record);
      issueCredential(ctx, ctx.person.id, record.id, credential, true);
    });
    return summary(ctx, existing(ctx, record.id));
  },
  'people.change': ({ id, ...fields }, ctx) => {
    const held = existing(ctx, id);
    const next: PersonRecord = {
      ...held,
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.roles ? { roles: [...new Set(fields.roles)] } : {}),
      ...(fields.areas ? { areas: [...new Set(fields.areas)] } : {}),
      ...(fields.active !== undefined ? { active: fields.active } : {}),
    };
    if (fields.areas) checkAreas(ctx, fields.areas);
    if (id === ctx.person.id && !next.active)
      throw new DomainError('VALIDATION', 'You cannot deactivate yourself. Another grants officer can.');
    checkOfficerRemains(ctx, next);
    const changes = changesBetween(people, held, next);
    if (Object.keys(changes).length > 0) write(ctx, () => ctx.log.append(ctx.person.id, 'person.changed', `person:${id}`, { id, changes }));
    return summary(ctx, existing(ctx, id));
  },
  'people.resetPassphrase': async ({ id, passphrase }, ctx) => {
    const person = existing(ctx, id);
    if (id === ctx.person.id) throw new DomainError('VALIDATION', 'To change your own passphrase, use Change passphrase.');
    await checkNewPassphrase(passphrase, person.name);
    // A new key: the old secret is sealed under the passphrase they forgot. Old signatures keep the old key.
    const credential = await newCredential(ctx, passphrase);
    write(ctx, () => issueCredential(ctx, ctx.person.id, id, credential, true));
    return summary(ctx, existing(ctx, id));
  },
  'people.publicKey': ({ id }, ctx) => {
    const person = existing(ctx, id);
    const credential = credentialOf(ctx.db, id);
    if (!credential) throw new DomainError('NOT_FOUND', `${person.name} has no key on this laptop yet.`);
    const raw = new Uint8Array(Buffer.from(credential.public_key, 'base64')).slice(10);
    const slug =
      person.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'person';
    return { fileName: `${slug}.pub`, text: minisignPublicKeyFile(raw, `GrantPanel public key of ${person.name.replace(/[\r\n]/g, ' ')}`) };
  },
};
