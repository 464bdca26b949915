// The laptops this one trusts — only because a person here trusted them — with a way to stop
// trusting one (lost, stolen, or handed on); and, as history only, whom other laptops trust.
import { useEffect, useState, type FormEvent } from 'react';
import type { NoLongerTrusted, SyncStatus, TrustedDeviceInfo } from '../../../shared/contract/bundles';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { readableChange } from './change-words';

function RevokeForm({ device, onDone }: { device: TrustedDeviceInfo; onDone: (revoked: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const id = `revoke-${device.deviceId}`;
  // Opened from the table: the person goes straight to the reason.
  useEffect(() => document.getElementById(id)?.focus(), [id]);

  const revoke = async (e: FormEvent) => {
    e.preventDefault();
    const result = await call('devices.revoke', { deviceId: device.deviceId, reason }, { quiet: true });
    if (!result.ok)
      return setProblems(
        (result.error.details ?? [{ field: 'reason', message: result.error.message }]).map((p) => ({ ...p, field: 'reason' })),
      );
    const { changesKept } = result.value;
    useNotifications
      .getState()
      .push(
        'success',
        `${device.name} is no longer trusted: its later bundles are refused here. The ${changesKept.toLocaleString('en-GB')} ${changesKept === 1 ? 'change' : 'changes'} that arrived from it before ${changesKept === 1 ? 'stays' : 'stay'}.`,
      );
    onDone(true);
  };

  return (
    <form className="panel sync-form" onSubmit={(e) => void revoke(e)} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Stop trusting {device.name}</h3>
      <ErrorSummary problems={problems} idFor={() => id} />
      <TextField
        id={id}
        label="Reason"
        hint="Recorded with your name, like “reported stolen” or “handed to another team”. Its later bundles are refused here, and its new changes are left out of bundles from other laptops. What already arrived from it stays."
        value={reason}
        error={problems[0]?.message}
        onChange={setReason}
      />
      <div className="button-row">
        <button type="submit" className="button danger">
          Stop trusting
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function TrustedLaptops({ devices, noLongerTrusted }: { devices: TrustedDeviceInfo[]; noLongerTrusted: NoLongerTrusted[] }) {
  const [revoking, setRevoking] = useState<TrustedDeviceInfo | null>(null);
  return (
    <section aria-labelledby="trusted-title">
      <h2 id="trusted-title">Laptops this one trusts</h2>
      <p className="section-lede">
        This laptop imports bundles only from itself and from these laptops. To stop trusting one — lost, stolen or handed on — choose “Stop
        trusting”: its later bundles are refused, and what already arrived from it stays.
      </p>
      {devices.length === 0 ? (
        <p>None yet. When a bundle arrives from another laptop, you are asked to check its fingerprint and trust it.</p>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Laptops this one trusts">
            <table className="detail-table">
              <thead>
                <tr>
                  <th scope="col">Laptop</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {devices.map((d) => (
                  <tr key={d.deviceId}>
                    <td>{d.name}</td>
                    <td>
                      <button type="button" className="link-button" onClick={() => setRevoking(d)}>
                        Stop trusting<span className="visually-hidden"> {d.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <details className="technical-details">
            <summary>Show technical details</summary>
            <ul>
              {devices.map((d) => (
                <li key={d.deviceId}>
                  {/* The device id is the fingerprint's first sixteen characters: not shown twice. */}
                  {d.name}: key fingerprint <code className="fingerprint">{d.fingerprint}</code>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
      {revoking ? <RevokeForm key={revoking.deviceId} device={revoking} onDone={() => setRevoking(null)} /> : null}
      {noLongerTrusted.length > 0 ? <NoLongerTrustedList laptops={noLongerTrusted} /> : null}
    </section>
  );
}

/** Laptops a person here stopped trusting: why and when, and that what arrived from each before stays. */
function NoLongerTrustedList({ laptops }: { laptops: NoLongerTrusted[] }) {
  return (
    <section aria-labelledby="no-longer-trusted-title">
      <h3 id="no-longer-trusted-title">Laptops no longer trusted</h3>
      <p>Bundles from these laptops are refused here. The changes that arrived from them before they stopped being trusted stay.</p>
      <ul>
        {laptops.map((r) => (
          <li key={r.deviceId}>
            <strong>{r.name}</strong>: stopped {formatInstant(r.revokedAt)}
            {r.reason ? ` — ${r.reason}` : ''}.{' '}
            {r.changesKept === 0
              ? 'Nothing had arrived from it.'
              : `${r.changesKept.toLocaleString('en-GB')} ${r.changesKept === 1 ? 'change' : 'changes'} from it ${r.changesKept === 1 ? 'stays' : 'stay'}.`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Other laptops' trust, and changes of kinds this version does not know: to know, not to act on. */
export function SyncHistory({ status }: { status: SyncStatus }) {
  return (
    <>
      {status.notApplied.length > 0 ? (
        <section aria-labelledby="not-applied-title">
          <h2 id="not-applied-title">Changes not applied</h2>
          <p>
            Some changes in the log were made in the name of someone who was not signed in on that laptop, or went beyond what their role
            allows. They are kept, as the laptop sent them, but do not change the register here or on any other laptop. A laptop sending
            these may be lost, stolen or faulty: check with whoever holds it.
          </p>
          <ul>
            {status.notApplied.map((n) => (
              <li key={`${n.laptop} ${n.person} ${n.reason}`}>
                {n.laptop}, in the name of {n.person}: {n.count.toLocaleString('en-GB')} {n.count === 1 ? 'change' : 'changes'} {n.reason}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {status.unknownChanges.length > 0 ? (
        <section aria-labelledby="unknown-title">
          <h2 id="unknown-title">Changes from a newer GrantPanel</h2>
          <p>
            Some bundles carried kinds of change this version of GrantPanel does not know. They are kept, unchanged, and take effect once
            this laptop is updated:
          </p>
          <ul>
            {status.unknownChanges.map((u) => (
              <li key={u.type}>
                {readableChange(u.type)}: {u.count.toLocaleString('en-GB')} {u.count === 1 ? 'change' : 'changes'}
              </li>
            ))}
          </ul>
          <details className="technical-details">
            <summary>Technical details: kinds of change</summary>
            <ul>
              {status.unknownChanges.map((u) => (
                <li key={u.type}>
                  <code>{u.type}</code>
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
      {status.trustElsewhere.length > 0 ? (
        <details className="panel">
          <summary>Laptops other laptops trust ({status.trustElsewhere.length.toLocaleString('en-GB')})</summary>
          <p className="hint">
            History only: a laptop is trusted here only when a person here trusts it, or imports a roster from one it trusts.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Laptops other laptops trust">
            <table className="detail-table">
              <thead>
                <tr>
                  <th scope="col">Trusted by</th>
                  <th scope="col">Laptop</th>
                  <th scope="col">Key fingerprint</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {status.trustElsewhere.map((t) => (
                  <tr key={`${t.trustedBy}-${t.deviceId}`}>
                    <td>{t.trustedBy}</td>
                    <td>
                      {t.name}
                      {t.revoked ? ' (no longer trusted)' : ''}
                    </td>
                    <td>
                      <code className="fingerprint">{t.fingerprint}</code>
                    </td>
                    <td>{formatInstant(t.trustedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </>
  );
}
