// Sync: the only way work moves between laptops is a bundle file. This page sends and brings in
// bundles, shows this laptop's identity and the laptops it trusts, and asks a person to decide
// when a laptop has signed two versions of its log.
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../app/queries';
import { Page } from '../../components/Page';
import { ExportForm } from './ExportForm';
import { ImportForm } from './ImportForm';
import { RosterSection } from './RosterSection';
import { LogVersions } from './LogVersions';
import { SyncHistory, TrustedLaptops } from './TrustedLaptops';
import { bundlesFolderQuery, devicesQuery, syncStatusQuery } from './queries';

const NO_DEVICES: never[] = [];

export function SyncPage() {
  const session = useSession();
  const folder = useQuery(bundlesFolderQuery({})).data ?? null;
  const devices = useQuery(devicesQuery({})).data ?? NO_DEVICES;
  const status = useQuery(syncStatusQuery({})).data ?? null;

  return (
    <Page
      title="Sync"
      lede="Laptops share work only as bundle files — on a USB stick, by e-mail or on a shared drive. Every bundle is signed, checked on arrival, and imported whole or not at all."
    >
      {status ? <LogVersions equivocations={status.equivocations} /> : null}
      {folder ? (
        <>
          <section className="panel sync-form">
            <ExportForm suggestedName={folder.suggestedName} devices={devices} />
          </section>
          <section className="panel sync-form">
            <ImportForm folder={folder} />
          </section>
        </>
      ) : (
        <p role="status">Loading…</p>
      )}

      <RosterSection />

      <section aria-labelledby="this-laptop-title">
        <h2 id="this-laptop-title">This laptop</h2>
        {session ? (
          <>
            <p>
              Every bundle this laptop saves is signed with its key. Another laptop trusts it only after a person there has compared its key
              fingerprint with this one — read it out when they ask:
            </p>
            <p>
              Key fingerprint: <code className="fingerprint">{session.device.fingerprint}</code>
            </p>
            <details className="technical-details">
              <summary>Show technical details</summary>
              <dl className="summary-list">
                <dt>Device id</dt>
                <dd>
                  <code>{session.device.id}</code>
                </dd>
                <dt>Public key</dt>
                <dd>
                  <code className="long-code">{session.device.publicKey}</code>
                </dd>
                <dt>Office key (for protecting bundles)</dt>
                <dd>
                  <code className="long-code">{session.device.sealRecipient}</code>
                  <span className="hint">
                    On the office laptop, give this to panels: bundles protected with it only this laptop can open.
                  </span>
                </dd>
              </dl>
            </details>
          </>
        ) : null}
      </section>

      <TrustedLaptops devices={devices} noLongerTrusted={status?.noLongerTrusted ?? []} />
      {status ? <SyncHistory status={status} /> : null}
    </Page>
  );
}
