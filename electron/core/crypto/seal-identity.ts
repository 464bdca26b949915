// This laptop's age key for opening sealed bundles: others seal to its recipient ("age1…").
// Made on first use and kept beside the device key, readable by the owner only.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityToRecipient } from 'age-encryption';
import { createSealIdentity } from './seal';

const FILE = 'seal-key.txt';

export async function loadOrCreateSealIdentity(dataDir: string): Promise<{ identity: string; recipient: string }> {
  const file = join(dataDir, FILE);
  if (existsSync(file)) {
    const identity = readFileSync(file, 'utf8').trim();
    return { identity, recipient: await identityToRecipient(identity) };
  }
  const made = await createSealIdentity();
  writeFileSync(`${file}.tmp`, `${made.identity}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return made;
}
