import { z } from 'zod';
import { method } from './method';
import { passphraseSchema, personNameSchema, ROLE_IDS, type PersonRecord } from '../domain/people';

export interface PersonSummary extends PersonRecord {
  /** Whether they can sign in here: their credential has reached this laptop. */
  canSignInHere: boolean;
  mustChangePassphrase: boolean;
  /** Wrong passphrases in a row on this laptop since they last signed in (the passphrases are never kept). */
  wrongPassphrases: number;
  /** minisign public key, or null before a credential reached this laptop. */
  publicKey: string | null;
}

const roles = z.array(z.enum(ROLE_IDS)).min(1, 'Choose at least one role').max(ROLE_IDS.length);
const areas = z.array(z.string().max(100)).max(50);

export const people = {
  'people.list': method<PersonSummary[]>()(z.object({})),
  /** A new person with a first passphrase the officer gives them; they choose their own at first sign-in. */
  'people.add': method<PersonSummary>()(
    z.object({ name: personNameSchema, roles, areas: areas.default([]), passphrase: passphraseSchema }),
  ),
  'people.change': method<PersonSummary>()(
    z.object({
      id: z.string().max(100),
      name: personNameSchema.optional(),
      roles: roles.optional(),
      areas: areas.optional(),
      active: z.boolean().optional(),
    }),
  ),
  /** A new credential with a passphrase the officer gives them; they choose their own at next sign-in. */
  'people.resetPassphrase': method<PersonSummary>()(z.object({ id: z.string().max(100), passphrase: passphraseSchema })),
  /** The person's public key as a minisign .pub file's text. */
  'people.publicKey': method<{ fileName: string; text: string }>()(z.object({ id: z.string().max(100) })),
};
