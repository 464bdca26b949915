// A new laptop joining an office: the office's roster (its fingerprint checked with the office), then
// its protected bundle, which brings the people who then sign in here.
import { useState, type FormEvent } from 'react';
import type { ChosenFileInfo } from '../../../shared/contract/files';
import type { FieldProblem } from '../../../shared/contract/result';
import type { JoinCheck } from '../../../shared/contract/session';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FileField } from '../../components/FileField';
import { HintAndError, TextField } from '../../components/fields';
import { showSession } from './session-cache';
import { problemsOf } from './session-form';

const FIELD_IDS: Record<string, string> = {
  roster: 'join-roster',
  fingerprint: 'join-checked',
  bundle: 'join-bundle',
  passphrase: 'join-passphrase',
};

export function JoinOffice({ onCancel }: { onCancel: () => void }) {
  const [roster, setRoster] = useState<ChosenFileInfo | null>(null);
  const [check, setCheck] = useState<JoinCheck | null>(null);
  const [checked, setChecked] = useState(false);
  const [bundle, setBundle] = useState<ChosenFileInfo | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const error = (field: string) => problems.find((p) => p.field === field)?.message;
  const sealed = bundle?.name.endsWith('.age') ?? false;

  async function chooseRoster(file: ChosenFileInfo | null) {
    setRoster(file);
    setCheck(null);
    setChecked(false);
    if (!file) return;
    const result = await call('session.checkJoin', { roster: file.file }, { quiet: true });
    if (!result.ok) return setProblems(problemsOf(result, 'roster'));
    setProblems([]);
    setCheck(result.value);
  }

  async function join(e: FormEvent) {
    e.preventDefault();
    const missing: FieldProblem[] = [
      ...(roster && check ? [] : [{ field: 'roster', message: 'Choose the office’s roster file' }]),
      ...(check && !checked ? [{ field: 'fingerprint', message: 'Compare the fingerprint with the office, then tick the box' }] : []),
      ...(bundle ? [] : [{ field: 'bundle', message: 'Choose the office’s protected bundle file' }]),
      ...(sealed && !passphrase ? [{ field: 'passphrase', message: 'Enter the password the office protected the bundle with' }] : []),
    ];
    if (missing.length > 0 || !roster || !check || !bundle) return setProblems(missing);
    setBusy(true);
    const result = await call(
      'session.join',
      { roster: roster.file, fingerprint: check.office.fingerprint, bundle: bundle.file, ...(sealed ? { passphrase } : {}) },
      { quiet: true },
    );
    if (!result.ok) {
      setBusy(false);
      return setProblems(problemsOf(result, 'bundle'));
    }
    if (result.value.people === 0) {
      setBusy(false);
      return setProblems([
        {
          field: 'bundle',
          message: 'That bundle brought nobody’s sign-in: ask the office for a protected bundle (with a password), and choose it here',
        },
      ]);
    }
    const session = await call('session.current', {}, { quiet: true });
    setBusy(false);
    if (session.ok) showSession(session.value);
  }

  return (
    <section aria-labelledby="join-title">
      <h2 id="join-title">Join an office</h2>
      <p>
        The office gives you two files, for example on a USB stick: its <strong>roster</strong> (the laptops it trusts) and a{' '}
        <strong>protected bundle</strong> with its people, and tells you the bundle’s password. Everyone in it can then sign in here with
        their own passphrase.
      </p>
      <ErrorSummary problems={problems} idFor={(f) => FIELD_IDS[f] ?? 'join-roster'} />
      <form noValidate onSubmit={(e) => void join(e)} aria-label="Join an office">
        <FileField
          id="join-roster"
          label="The office’s roster"
          hint="A .gproster file."
          purpose="roster"
          chosen={roster}
          error={error('roster')}
          onChosen={(f) => void chooseRoster(f)}
          onProblem={(message) => setProblems([{ field: 'roster', message }])}
          disabled={busy}
        />
        {check ? (
          <div className={`field checks${error('fingerprint') ? ' invalid' : ''}`}>
            <p>
              Signed by {check.office.personName}’s laptop, which lists {check.laptops} laptop{check.laptops === 1 ? '' : 's'}. Its
              fingerprint: <code className="fingerprint">{check.office.fingerprint}</code>. Ask the office to read theirs out (Settings,
              This device) and compare.
            </p>
            <HintAndError id="join-checked" error={error('fingerprint')} />
            <label>
              <input
                type="checkbox"
                id="join-checked"
                checked={checked}
                aria-describedby={error('fingerprint') ? 'join-checked-error' : undefined}
                onChange={(e) => setChecked(e.target.checked)}
              />{' '}
              I have compared the fingerprint and it matches
            </label>
          </div>
        ) : null}
        <FileField
          id="join-bundle"
          label="The office’s protected bundle"
          hint="A .gpbundle.age file."
          purpose="bundle"
          chosen={bundle}
          error={error('bundle')}
          onChosen={setBundle}
          onProblem={(message) => setProblems([{ field: 'bundle', message }])}
          disabled={busy}
        />
        {sealed ? (
          <TextField
            id="join-passphrase"
            label="The bundle’s password"
            type="password"
            value={passphrase}
            error={error('passphrase')}
            autoComplete="off"
            onChange={setPassphrase}
          />
        ) : null}
        <div className="button-row">
          <button type="submit" className="button" id="join-save" disabled={busy}>
            {busy ? 'Joining…' : 'Join the office'}
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={onCancel}>
            Back
          </button>
        </div>
      </form>
    </section>
  );
}
