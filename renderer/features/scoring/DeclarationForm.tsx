// Before a member reads an application in full they say whether they have an interest in it.
// No interest opens the sheet; an interest (with what it is) means they take no part.
import { useState } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError } from '../../components/fields';

const FIELD_IDS: Record<string, string> = { interest: 'declare-no', nature: 'declare-nature' };

export function DeclarationForm({ applicationId }: { applicationId: string }) {
  const [interest, setInterest] = useState<boolean | null>(null);
  const [nature, setNature] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const found: FieldProblem[] = [];
    if (interest === null) found.push({ field: 'interest', message: 'Say whether you have an interest in this application' });
    if (interest && !nature.trim()) found.push({ field: 'nature', message: 'Say what the interest is' });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    const result = await call(
      'scoring.declare',
      { applicationId, interest: interest === true, nature: interest ? nature : '' },
      { quiet: true },
    );
    setBusy(false);
    if (!result.ok)
      setProblems(result.error.details?.length ? result.error.details : [{ field: 'interest', message: result.error.message }]);
  };

  const interestError = errorOf('interest');
  const natureError = errorOf('nature');
  return (
    <form className="declaration" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="declare-legend">
      <ErrorSummary problems={problems} idFor={(f) => FIELD_IDS[f] ?? 'declare-no'} />
      <fieldset
        className={`field radios${interestError ? ' invalid' : ''}`}
        aria-describedby={interestError ? 'declare-hint declare-error' : 'declare-hint'}
      >
        <legend id="declare-legend">Do you have an interest in this application?</legend>
        <HintAndError
          id="declare"
          hint="For example, you are a member, trustee or employee of the organisation, or a close friend or relative is. You see the application in full only once you have said there is none. What you say here is kept in the panel’s register of interests."
          error={interestError}
        />
        <div className="radio-option">
          <input type="radio" name="interest" id="declare-no" checked={interest === false} onChange={() => setInterest(false)} />
          <label htmlFor="declare-no">No, I have no interest in it</label>
        </div>
        <div className="radio-option">
          <input type="radio" name="interest" id="declare-yes" checked={interest === true} onChange={() => setInterest(true)} />
          <label htmlFor="declare-yes">Yes, I have an interest</label>
        </div>
        {interest ? (
          <div className={`field conditional${natureError ? ' invalid' : ''}`}>
            <label htmlFor="declare-nature">What is the interest?</label>
            <HintAndError id="declare-nature" hint="A few words: for example, “I am a trustee of the organisation”." error={natureError} />
            <textarea
              id="declare-nature"
              rows={3}
              value={nature}
              aria-required="true"
              aria-invalid={natureError ? true : undefined}
              aria-describedby={['declare-nature-hint', natureError ? 'declare-nature-error' : ''].filter(Boolean).join(' ')}
              onChange={(e) => setNature(e.target.value)}
            />
          </div>
        ) : null}
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save my declaration'}
        </button>
      </div>
    </form>
  );
}
