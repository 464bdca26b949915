// The people who use GrantPanel, for grants officers: add them, change their roles and areas,
// deactivate or reactivate them, reset a forgotten passphrase, and save a public key.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PersonSummary } from '../../../shared/contract/people';
import { rolesText } from '../../../shared/domain/people';
import { call } from '../../app/api';
import { downloadText } from '../../app/files';
import { useNotifications } from '../../app/notifications';
import { useCatalogue, useSession } from '../../app/queries';
import { Page } from '../../components/Page';
import { IdleLockSetting } from './IdleLockSetting';
import { PersonForm } from './PersonForm';
import { ResetPassphraseForm } from './ResetPassphraseForm';
import { peopleQuery } from './queries';

type Doing = { what: 'add' } | { what: 'edit' | 'reset' | 'active'; id: string } | null;

const notify = (message: string) => useNotifications.getState().push('success', message);

/** Back to where the person was working once a form closes. */
const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

export function PeoplePage() {
  const people = useQuery(peopleQuery({}));
  const { areas } = useCatalogue();
  const session = useSession();
  const [doing, setDoing] = useState<Doing>(null);
  const areaName = (id: string) => areas.find((a) => a.id === id)?.name ?? id;
  const close = (focus: string) => {
    setDoing(null);
    focusLater(focus);
  };

  async function savePublicKey(p: PersonSummary) {
    const result = await call('people.publicKey', { id: p.id });
    if (result.ok) downloadText(result.value.fileName, result.value.text);
  }

  return (
    <Page
      title="People"
      lede="Who uses GrantPanel, their roles and the areas they serve. Each person signs in with their own passphrase."
      actions={
        doing?.what === 'add' ? null : (
          <button type="button" className="button" id="add-person" disabled={doing !== null} onClick={() => setDoing({ what: 'add' })}>
            Add person
          </button>
        )
      }
    >
      {doing?.what === 'add' ? (
        <PersonForm
          person={null}
          areas={areas}
          onSaved={(p) => {
            notify(`Added ${p.name}. Give them their first passphrase in person: they choose their own when they first sign in.`);
            close('add-person');
          }}
          onCancel={() => close('add-person')}
        />
      ) : null}
      {people.isPending ? (
        <p role="status">Loading people…</p>
      ) : people.isError ? (
        <p role="alert">{people.error.message}</p>
      ) : (
        <table className="people-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Roles</th>
              <th scope="col">Areas</th>
              <th scope="col">Sign-in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((p) =>
              doing && doing.what !== 'add' && doing.id === p.id ? (
                <tr key={p.id}>
                  <td colSpan={5}>
                    {doing.what === 'edit' ? (
                      <PersonForm
                        person={p}
                        areas={areas}
                        onSaved={(saved) => {
                          notify(`Saved ${saved.name}`);
                          close(`edit-${p.id}`);
                        }}
                        onCancel={() => close(`edit-${p.id}`)}
                      />
                    ) : doing.what === 'reset' ? (
                      <ResetPassphraseForm
                        person={p}
                        onSaved={() => {
                          notify(`Reset ${p.name}’s passphrase. Give them the new one in person: they choose their own at next sign-in.`);
                          close(`reset-${p.id}`);
                        }}
                        onCancel={() => close(`reset-${p.id}`)}
                      />
                    ) : (
                      <ActiveConfirm person={p} onDone={() => close(`active-${p.id}`)} />
                    )}
                  </td>
                </tr>
              ) : (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name}
                    {p.id === session?.person?.id ? <span className="hint"> (you)</span> : null}
                  </th>
                  <td>{rolesText(p.roles)}</td>
                  <td>{p.areas.length === 0 ? 'Every area' : p.areas.map(areaName).join(', ')}</td>
                  <td>
                    <ul className="status-list">
                      <li>{!p.active ? 'Deactivated' : p.canSignInHere ? 'Can sign in here' : 'Sign-in not on this laptop yet'}</li>
                      {p.active && p.mustChangePassphrase ? <li>Must choose a new passphrase</li> : null}
                      {p.wrongPassphrases > 0 ? (
                        <li>
                          {p.wrongPassphrases} wrong passphrase{p.wrongPassphrases === 1 ? '' : 's'} here since their last sign-in
                        </li>
                      ) : null}
                    </ul>
                  </td>
                  <td>
                    <div className="people-actions">
                      <button
                        type="button"
                        className="link-button"
                        id={`edit-${p.id}`}
                        disabled={doing !== null}
                        onClick={() => setDoing({ what: 'edit', id: p.id })}
                      >
                        Edit<span className="visually-hidden"> {p.name}</span>
                      </button>
                      {p.id !== session?.person?.id ? (
                        <>
                          <button
                            type="button"
                            className="link-button"
                            id={`reset-${p.id}`}
                            disabled={doing !== null}
                            onClick={() => setDoing({ what: 'reset', id: p.id })}
                          >
                            Reset passphrase<span className="visually-hidden"> of {p.name}</span>
                          </button>
                          <button
                            type="button"
                            className="link-button"
                            id={`active-${p.id}`}
                            disabled={doing !== null}
                            onClick={() => setDoing({ what: 'active', id: p.id })}
                          >
                            {p.active ? 'Deactivate' : 'Reactivate'}
                            <span className="visually-hidden"> {p.name}</span>
                          </button>
                        </>
                      ) : null}
                      {p.publicKey ? (
                        <button type="button" className="link-button" disabled={doing !== null} onClick={() => void savePublicKey(p)}>
                          Download public key (.pub)<span className="visually-hidden"> of {p.name}</span>
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {session ? <IdleLockSetting minutes={session.idleLockMinutes} /> : null}
    </Page>
  );
}

/** Deactivating (or reactivating) asks first, saying what it means. */
function ActiveConfirm({ person, onDone }: { person: PersonSummary; onDone: () => void }) {
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const deactivating = person.active;
  async function confirm() {
    setSaving(true);
    const result = await call('people.change', { id: person.id, active: !deactivating }, { quiet: true });
    setSaving(false);
    if (!result.ok) return setProblem(result.error.message);
    notify(deactivating ? `Deactivated ${person.name}` : `Reactivated ${person.name}`);
    onDone();
  }
  return (
    <div className="inline-form" role="group" aria-labelledby="active-title">
      <h3 id="active-title" tabIndex={-1} ref={(h) => h?.focus()}>
        {deactivating ? `Deactivate ${person.name}?` : `Reactivate ${person.name}?`}
      </h3>
      <p>
        {deactivating
          ? `${person.name} will no longer be able to sign in, here or on any laptop this change reaches. What they did stays recorded as theirs.`
          : `${person.name} will be able to sign in again with their passphrase.`}
      </p>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className={`button${deactivating ? ' danger' : ''}`} disabled={saving} onClick={() => void confirm()}>
          {deactivating ? 'Deactivate' : 'Reactivate'}
        </button>
        <button type="button" className="button secondary" disabled={saving} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
