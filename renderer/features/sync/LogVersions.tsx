// Two versions of one laptop's log, both signed by it (a laptop restored from an old backup, or
// copied): the evidence, and a grants officer's choice of the version the office accepts. The
// choice travels in bundles, so one bad bundle never cuts a laptop off for good.
import { useState, type FormEvent } from 'react';
import type { EquivocationInfo, LogVersion } from '../../../shared/contract/bundles';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError } from '../../components/fields';

type Version = 'held' | 'incoming';

const describe = (v: LogVersion) => `Changes up to number ${v.seq.toLocaleString('en-GB')}, signed ${formatInstant(v.signedAt)}`;

function VersionDetail({ v }: { v: LogVersion }) {
  return (
    <>
      <span className="conflict-value">
        {v.change ? `${v.change.what.charAt(0).toUpperCase()}${v.change.what.slice(1)}` : 'Not seen here'}
      </span>
      <span className="hint">
        {v.change?.at ? `Made ${formatInstant(v.change.at)}. ` : ''}
        {describe(v)}.
      </span>
    </>
  );
}

function LogVersionCard({ e }: { e: EquivocationInfo }) {
  const [version, setVersion] = useState<Version | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const name = `versions-${e.deviceId}-${e.seq}`;
  const titleId = `${name}-title`;

  const choose = async (event: FormEvent) => {
    event.preventDefault();
    if (!version) return setProblems([{ field: 'version', message: 'Choose which version the office accepts' }]);
    setBusy(true);
    const result = await call('devices.chooseVersion', { deviceId: e.deviceId, seq: e.seq, version }, { quiet: true });
    setBusy(false);
    if (!result.ok) return setProblems([{ field: 'version', message: result.error.message }]);
    useNotifications.getState().push('success', `Your choice for ${e.laptop} goes to other laptops in your next bundle`);
  };

  const error = problems[0]?.message;
  return (
    <article className="panel conflict" aria-labelledby={titleId}>
      <h3 id={titleId}>Two versions of {e.laptop}’s changes</h3>
      <p className="hint">
        Found {formatInstant(e.foundAt)}: they differ from change number {e.seq.toLocaleString('en-GB')}, shown below in each. Both are
        signed with that laptop’s own key, so another laptop did not forge them — it was most likely restored from an old backup or copied.
        Ask whoever holds it which version carries the work people did.
      </p>
      {e.choice ? (
        <p>
          The office accepts {e.choice === 'held' ? 'the version held here' : 'the version that arrived'}: {describe(e[e.choice])}. Bundles
          carrying the other version are imported without it.
        </p>
      ) : (
        <form onSubmit={(event) => void choose(event)} noValidate>
          <ErrorSummary problems={problems} idFor={() => name} />
          <fieldset
            className={`field radios conflict-field${error ? ' invalid' : ''}`}
            aria-describedby={error ? `${name}-error` : undefined}
          >
            <legend>Which version does the office accept?</legend>
            <HintAndError id={name} error={error} />
            <div className="conflict-versions">
              {(['held', 'incoming'] as const).map((which) => {
                const id = which === 'held' ? name : `${name}-incoming`;
                return (
                  <div className="radio-option conflict-version" key={which}>
                    <input type="radio" id={id} name={name} checked={version === which} onChange={() => setVersion(which)} />
                    <label htmlFor={id}>
                      <span className="label-aside">{which === 'held' ? 'The version held here' : 'The version that arrived'}</span>
                      <VersionDetail v={e[which]} />
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              Accept this version
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

export function LogVersions({ equivocations }: { equivocations: EquivocationInfo[] }) {
  if (equivocations.length === 0) return null;
  return (
    <section aria-labelledby="log-versions-title">
      <h2 id="log-versions-title">Laptops with two versions of their changes</h2>
      {equivocations.map((e) => (
        <LogVersionCard key={`${e.deviceId}-${e.seq}-${e.foundAt}`} e={e} />
      ))}
    </section>
  );
}
