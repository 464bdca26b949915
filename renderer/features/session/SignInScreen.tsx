// Choose who you are, then your passphrase. On a demo laptop the demo's people are listed with
// their passphrases, marked as demo data.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SessionInfo } from '../../../shared/contract/session';
import { rolesText } from '../../../shared/domain/people';
import { readQuery } from '../../app/read-query';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, TextField } from '../../components/fields';
import { DemoPeople } from './DemoPeople';
import { SessionFrame } from './SessionFrame';
import { useSessionForm } from './session-form';

export const choicesQuery = readQuery('session.choices', ['people', 'credentials']);

export function SignInScreen({ session }: { session: SessionInfo }) {
  const choices = useQuery(choicesQuery({}));
  const [personId, setPersonId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const people = choices.data ?? [];
  const form = useSessionForm('session.signIn', 'passphrase', () => {
    if (!personId) return [{ field: 'personId', message: 'Choose your name' }];
    return { personId, passphrase };
  });
  const idFor = (f: string) =>
    f === 'personId' ? (people[0] ? `person-${people[0].id}` : 'signin-save') : f === 'passphrase' ? 'signin-passphrase' : 'signin-save';
  const personError = form.errorOf('personId');

  return (
    <SessionFrame title="Sign in" lede="Choose your name, then type your passphrase.">
      <ErrorSummary problems={form.problems} idFor={idFor} />
      {choices.isPending ? (
        <p role="status">Loading who can sign in here…</p>
      ) : people.length === 0 ? (
        <p>Nobody can sign in on this laptop yet. Their sign-in arrives in a protected bundle from the office.</p>
      ) : (
        <form noValidate onSubmit={(e) => void form.submit(e)} aria-label="Sign in">
          <fieldset className={`field radios${personError ? ' invalid' : ''}`} aria-describedby={personError ? 'person-error' : undefined}>
            <legend>Who are you?</legend>
            <HintAndError id="person" error={personError} />
            {people.map((p) => (
              <div className="radio-option" key={p.id}>
                <input
                  type="radio"
                  name="person"
                  id={`person-${p.id}`}
                  value={p.id}
                  checked={personId === p.id}
                  aria-describedby={`person-${p.id}-role`}
                  onChange={() => setPersonId(p.id)}
                />
                <label htmlFor={`person-${p.id}`}>{p.name}</label>
                <span className="hint" id={`person-${p.id}-role`}>
                  {rolesText(p.roles)}
                </span>
              </div>
            ))}
          </fieldset>
          <TextField
            id="signin-passphrase"
            label="Passphrase"
            type="password"
            value={passphrase}
            error={form.errorOf('passphrase')}
            autoComplete="current-password"
            onChange={setPassphrase}
          />
          <div className="button-row">
            <button type="submit" className="button" id="signin-save" disabled={form.busy}>
              {form.busy ? 'Signing in…' : 'Sign in'}
            </button>
          </div>
        </form>
      )}
      {session.demo ? <DemoPeople demo={session.demo} /> : null}
    </SessionFrame>
  );
}
