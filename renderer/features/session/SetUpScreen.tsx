// A new laptop's first screen: set up its first grants officer, or try the demo. The same form names
// the grants officer of a data folder from before people signed in (claim).
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useState } from 'react';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { SessionFrame } from './SessionFrame';
import { JoinOffice } from './JoinOffice';
import { showSession } from './session-cache';
import { NOT_MATCHING, problemsOf, useSessionForm } from './session-form';

const FIELD_IDS: Record<string, string> = { name: 'setup-name', passphrase: 'setup-passphrase', confirm: 'setup-passphrase-confirm' };

export function SetUpScreen({ claiming }: { claiming: boolean }) {
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useSessionForm(claiming ? 'session.claim' : 'session.setUp', 'passphrase', () =>
    passphrase && confirm !== passphrase ? [{ field: 'confirm', message: NOT_MATCHING }] : { name, passphrase },
  );
  const [demoBusy, setDemoBusy] = useState(false);
  const [joining, setJoining] = useState(false);

  async function tryDemo() {
    setDemoBusy(true);
    const result = await call('session.setUpDemo', {}, { quiet: true });
    setDemoBusy(false);
    if (!result.ok) return form.setProblems(problemsOf(result, 'demo'));
    showSession(result.value);
  }

  if (joining)
    return (
      <SessionFrame title="Join an office" lede="This laptop joins the office’s laptops: nobody is set up on it yet.">
        <JoinOffice onCancel={() => setJoining(false)} />
      </SessionFrame>
    );

  return (
    <SessionFrame
      title={claiming ? 'Choose your name and passphrase' : 'Set up this laptop'}
      lede={
        claiming
          ? 'People now sign in to GrantPanel. This laptop’s data is from before then: its grants officer chooses a name and passphrase, and everything done here so far stays theirs.'
          : 'Nobody uses GrantPanel on this laptop yet. Set yourself up as its first grants officer; you add the other people afterwards.'
      }
    >
      <ErrorSummary problems={form.problems} idFor={(f) => FIELD_IDS[f] ?? (f === 'demo' ? 'try-demo' : 'setup-save')} />
      <form noValidate onSubmit={(e) => void form.submit(e)} aria-label={claiming ? 'Your name and passphrase' : 'Set up this laptop'}>
        <TextField
          id="setup-name"
          label="Your name"
          hint="As the people you work with know you. It is shown on everything you do."
          value={name}
          error={form.errorOf('name')}
          autoComplete="name"
          onChange={setName}
        />
        <NewPassphraseFields
          id="setup-passphrase"
          label="Passphrase"
          value={passphrase}
          confirm={confirm}
          error={form.errorOf('passphrase')}
          confirmError={form.errorOf('confirm')}
          onChange={setPassphrase}
          onConfirm={setConfirm}
        />
        <div className="button-row">
          <button type="submit" className="button" id="setup-save" disabled={form.busy || demoBusy}>
            {form.busy ? 'Setting up…' : claiming ? 'Save and sign in' : 'Set up this laptop'}
          </button>
        </div>
      </form>
      {claiming ? null : (
        <>
          <section aria-labelledby="join-office-title" className="try-demo">
            <h2 id="join-office-title">Joining an office?</h2>
            <p>If the office already uses GrantPanel, join it with its roster and a protected bundle: its people then sign in here.</p>
            <button
              type="button"
              className="button secondary"
              id="join-office"
              disabled={form.busy || demoBusy}
              onClick={() => setJoining(true)}
            >
              Join an office
            </button>
          </section>
          <section aria-labelledby="demo-title" className="try-demo">
            <h2 id="demo-title">Just looking?</h2>
            <p>
              Try GrantPanel with invented people, rounds and applications instead. Nothing in the demo is real, and a demo laptop stays a
              demo: to use GrantPanel for real afterwards, start it with a new data folder.
            </p>
            <button
              type="button"
              className="button secondary"
              id="try-demo"
              disabled={form.busy || demoBusy}
              onClick={() => void tryDemo()}
            >
              {demoBusy ? 'Setting up the demo…' : 'Try the demo instead'}
            </button>
          </section>
        </>
      )}
    </SessionFrame>
  );
}
