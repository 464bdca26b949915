// A person's credential: an Ed25519 key whose secret half is sealed under their passphrase. The
// sealed secret is personal data (it travels only in sealed bundles); its digest, with the public
// key, is what the `credential.issued` event carries everywhere.
import { DomainError } from '../../../shared/contract/result';
import type { CoreContext } from '../context';
import { holdPersonalData, personalData } from '../personal-data';
import { newPersonKey, openSecret, publicKeyOf, sealedSecretSchema, sealSecret, type SealedSecret } from '../crypto/credential';
import { equalBytes } from '@noble/curves/utils.js';
import { rawPublicKey } from './vouching';
import { minisignPublicKey } from '../crypto/minisign';
import { loadCommonPasswords, passphraseProblem } from './passphrase-policy';
import type { CredentialIssued, CredentialRow } from './records';

/** Refused, with the field named, unless the passphrase meets the policy (docs/people.md). */
export async function checkNewPassphrase(passphrase: string, personName: string, field = 'passphrase'): Promise<void> {
  await loadCommonPasswords();
  const problem = passphraseProblem(passphrase, personName);
  if (problem) throw new DomainError('VALIDATION', problem, [{ field, message: problem }]);
}

/** Seals a secret key under a passphrase (the slow part, before any write). */
export async function sealFor(ctx: CoreContext, secretKey: Uint8Array, passphrase: string): Promise<SealedSecret> {
  return sealSecret(secretKey, passphrase, { logN: ctx.passphraseLogN });
}

export async function newCredential(ctx: CoreContext, passphrase: string): Promise<{ publicKey: string; sealed: SealedSecret }> {
  const key = newPersonKey();
  try {
    return { publicKey: minisignPublicKey(key.publicKey), sealed: await sealFor(ctx, key.secretKey, passphrase) };
  } finally {
    key.secretKey.fill(0);
  }
}

/** Inside a write: keeps the sealed secret beside the log and appends the event naming its digest. */
export function issueCredential(
  ctx: CoreContext,
  actor: string,
  personId: string,
  credential: { publicKey: string; sealed: SealedSecret },
  mustChange: boolean,
): void {
  const body = Object.fromEntries(Object.entries(credential.sealed).map(([k, v]) => [k, String(v)]));
  const payload: CredentialIssued = { personId, publicKey: credential.publicKey, secret: holdPersonalData(ctx.db, body), mustChange };
  ctx.log.append(actor, 'credential.issued', `person:${personId}`, payload);
}

/**
 * The person's secret key if the passphrase opens their sealed secret; null if it does not. Throws
 * when this laptop does not hold their secret (it came in an open bundle) or it is damaged.
 */
export async function openCredential(
  ctx: CoreContext,
  credential: CredentialRow,
  name: string,
  passphrase: string,
): Promise<Uint8Array | null> {
  const body = personalData(ctx.db, credential.secret);
  if (!body)
    throw new DomainError(
      'VALIDATION',
      `${name}’s sign-in has not reached this laptop yet. Import a protected bundle from the office (it carries sign-ins), then try again.`,
    );
  const parsed = sealedSecretSchema.safeParse({ ...body, logN: Number(body.logN), r: Number(body.r), p: Number(body.p) });
  if (!parsed.success)
    throw new DomainError('VALIDATION', `${name}’s sign-in on this laptop is damaged. A grants officer can reset their passphrase.`);
  const secretKey = await openSecret(parsed.data, passphrase);
  // The secret must be the half of the key the record names: a lying laptop could seal another.
  if (secretKey && !equalBytes(publicKeyOf(secretKey), rawPublicKey(credential.public_key))) {
    secretKey.fill(0);
    throw new DomainError(
      'VALIDATION',
      `${name}’s sign-in on this laptop does not match their key. A grants officer can reset their passphrase.`,
    );
  }
  return secretKey;
}
