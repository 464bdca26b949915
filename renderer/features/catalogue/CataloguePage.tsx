// The catalogue the register refers to: funds, areas and Police and Crime Plans. Data, not code.
import { useEffect, useState } from 'react';
import { useNotifications } from '../../app/notifications';
import { useCatalogue } from '../../app/queries';
import { Page } from '../../components/Page';
import { AreasSection } from './AreasSection';
import { FundsSection } from './FundsSection';
import { PlansSection } from './PlansSection';

const CONTENTS = [
  ['funds-title', 'Funds'],
  ['areas-title', 'Areas'],
  ['plans-title', 'Police and Crime Plans'],
] as const;

/** In-page links: the hash belongs to the router, so move focus to the section's heading instead. */
function PageContents() {
  return (
    <nav className="page-contents" aria-label="On this page">
      <ul>
        {CONTENTS.map(([id, label]) => (
          <li key={id}>
            <a
              href={`#${id}`}
              onClick={(e) => {
                e.preventDefault();
                const heading = document.getElementById(id);
                heading?.focus();
                heading?.scrollIntoView({ block: 'start' });
              }}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

type Editing = { kind: 'fund' | 'area' | 'plan'; id: string } | null;

export function CataloguePage() {
  const { funds, areas, plans, loaded } = useCatalogue();
  const [editing, setEditing] = useState<Editing>(null);
  /** Where focus goes back to when a form closes. */
  const [returnTo, setReturnTo] = useState<string | null>(null);

  useEffect(() => {
    if (editing !== null || !returnTo) return;
    document.getElementById(returnTo)?.focus();
    setReturnTo(null);
  }, [editing, returnTo]);

  const close = (focusId: string) => {
    setEditing(null);
    setReturnTo(focusId);
  };
  // The save's answer has refetched the catalogue already (its `changed` names the table).
  const saved = (what: string, focusId: string) => {
    useNotifications.getState().push('success', `${what} saved`);
    close(focusId);
  };

  return (
    <Page
      title="Catalogue"
      lede="The funds, areas and Police and Crime Plans every round and application refers to. Changes apply to this laptop’s register and travel in its next bundle."
    >
      <PageContents />
      {/* Not "No funds are set up" before the answer comes. */}
      {!loaded ? (
        <p role="status">Loading the catalogue…</p>
      ) : (
        <>
          <FundsSection
            funds={funds}
            editingId={editing?.kind === 'fund' ? editing.id : editing ? '' : null}
            onEdit={(id) => setEditing({ kind: 'fund', id })}
            onSaved={(fund) => saved(fund.name, `edit-fund-${fund.id}`)}
            onCancel={() => editing && close(`edit-fund-${editing.id}`)}
          />
          <AreasSection
            areas={areas}
            editingId={editing?.kind === 'area' ? editing.id : editing ? '' : null}
            onEdit={(id) => setEditing({ kind: 'area', id })}
            onSaved={(area) => saved(area.name, editing?.id === 'new' ? 'add-area' : `edit-area-${area.id}`)}
            onCancel={() => editing && close(editing.id === 'new' ? 'add-area' : `edit-area-${editing.id}`)}
          />
          <PlansSection
            plans={plans}
            editingId={editing?.kind === 'plan' ? editing.id : editing ? '' : null}
            onEdit={(id) => setEditing({ kind: 'plan', id })}
            onSaved={(plan) => saved(plan.name, `edit-plan-${plan.id}`)}
            onCancel={() => editing && close(editing.id === 'new' ? 'add-plan' : `edit-plan-${editing.id}`)}
          />
        </>
      )}
    </Page>
  );
}
