// `--as NAME`: the person a command acts as, chosen from who can sign in on this laptop and
// signed in with their passphrase before the command runs (and signed out after it).
import { rolesText } from '../../../shared/domain/people';
import type { SessionState, SignedInPerson, SignInChoice } from '../../../shared/contract/session';
import { Rejected, UsageError, type Caller, type CliIo, type Command } from './command';
import { existingPassphrase } from './secrets';

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const quoted = (name: string) => (/[\s"'$`\\]/.test(name) ? `"${name.replace(/(["$`\\])/g, '\\$1')}"` : name);
const described = (c: SignInChoice) => `${c.name} (${rolesText(c.roles)})`;

/** What a laptop must be before anyone can sign in on it, said with the command that gets it there. */
export function notReady(state: SessionState): Rejected | null {
  if (state === 'set-up')
    return new Rejected('Nobody has been set up on this laptop yet.', [
      'Set it up with its first grants officer: grantpanel setup --name "YOUR NAME"',
      'or try GrantPanel with invented people and applications: grantpanel demo',
    ]);
  if (state === 'claim')
    return new Rejected('This data folder is from before people signed in: its grants officer needs a name and passphrase first.', [
      'grantpanel setup --name "YOUR NAME"',
    ]);
  return null;
}

/** The one person --as names: by name in any case, or by id. */
export function choosePerson(choices: SignInChoice[], text: string): SignInChoice {
  const byId = choices.filter((c) => c.id === text.trim());
  const matches = byId.length ? byId : choices.filter((c) => norm(c.name) === norm(text));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length === 0)
    return fail(`Nobody called "${text}" can sign in on this laptop.`, [
      choices.length ? 'People who can sign in here:' : 'Nobody can sign in here yet.',
      ...choices.map(described),
    ]);
  return fail(`${matches.length} people called "${text}" can sign in here: give the one you are by their id.`, [
    ...matches.map((c) => `--as ${c.id}  ${described(c)}`),
  ]);
}

function fail(message: string, lines: string[]): never {
  throw new Rejected(message, lines);
}

/** "Say who you are": a command that needs a person, run without --as. */
export async function sayWhoYouAre(call: Caller, command: Command, typed: string[]): Promise<UsageError> {
  const choices = await call('session.choices', {});
  const example = choices[0] ? quoted(choices[0].name) : 'NAME';
  return new UsageError(
    `Say who you are: grantpanel --as NAME ${typed.map(quoted).join(' ')} … (for example --as ${example}; people who can sign in here: ${choices.map((c) => c.name).join(', ')})`,
    command,
  );
}

/** Signs in as the person --as names, asking for or reading their passphrase. */
export async function signInAs(
  call: Caller,
  io: CliIo,
  as: string,
  passphraseFile: string | undefined,
): Promise<{ person: SignedInPerson; passphrase: string }> {
  const { state } = await call('session.current', {});
  const problem = notReady(state);
  if (problem) throw problem;
  const chosen = choosePerson(await call('session.choices', {}), as);
  const passphrase = await existingPassphrase(io, passphraseFile, '--passphrase-file', `Passphrase for ${chosen.name}: `);
  const info = await call('session.signIn', { personId: chosen.id, passphrase });
  if (!info.person) throw new Rejected(`${chosen.name} could not sign in.`);
  return { person: info.person, passphrase };
}

/** Someone given a first passphrase by a grants officer chooses their own before anything else. */
export function firstPassphraseFirst(person: SignedInPerson): Rejected {
  return new Rejected(`${person.name} must choose their own passphrase first: the one they were given was for their first sign-in only.`, [
    `grantpanel --as ${quoted(person.name)} set-passphrase`,
  ]);
}

export { quoted };
