// Add a panel to a round, or change one: its name, the areas whose applications it scores, its
// members (people with the panel member or chair role), its chair and its quorum.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Input } from '../../../shared/contract';
import type { PanelSummary } from '../../../shared/contract/panels';
import type { FieldProblem } from '../../../shared/contract/result';
import type { PersonSummary } from '../../../shared/contract/people';
import { call } from '../../app/api';
import { useNotifications } from '../../app/notifications';
import { useCatalogue } from '../../app/queries';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Checkboxes, SelectField, TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { Page } from '../../components/Page';
import { peopleQuery } from '../people/queries';
import { panelsQuery } from './queries';

interface Values {
  roundId: string;
  name: string;
  areaIds: string[];
  memberIds: string[];
  chairId: string;
  quorum: string;
}

const EMPTY: Values = { roundId: '', name: '', areaIds: [], memberIds: [], chairId: '', quorum: '2' };

const sits = (p: PersonSummary) => p.roles.includes('panel-member') || p.roles.includes('panel-chair');

export function PanelFormPage() {
  const { id } = useParams();
  const { rounds, areas, loaded } = useCatalogue();
  const panels = useQuery(panelsQuery({ mine: false }));
  const people = useQuery(peopleQuery({}));
  const existing = id ? panels.data?.find((p) => p.id === id) : undefined;
  if (!loaded || panels.isPending || people.isPending)
    return (
      <Page title={id ? 'Change panel' : 'Add a panel'}>
        <p role="status">Loading…</p>
      </Page>
    );
  if (id && !existing)
    return (
      <Page title="Panel not found">
        <p>There is no panel with that address. It may have been made on another laptop whose bundle has not been imported yet.</p>
        <p>
          <Link to="/panels">Back to panels</Link>
        </p>
      </Page>
    );
  return (
    <>
      <Link className="back-link" to="/panels">
        Back to panels
      </Link>
      <PanelForm existing={existing ?? null} rounds={rounds} areas={areas} people={people.data ?? []} panels={panels.data ?? []} />
    </>
  );
}

function PanelForm({
  existing,
  rounds,
  areas,
  people,
  panels,
}: {
  existing: PanelSummary | null;
  panels: PanelSummary[];
  rounds: { id: string; name: string; status: string }[];
  areas: { id: string; name: string }[];
  people: PersonSummary[];
}) {
  const navigate = useNavigate();
  const [initial] = useState<Values>(() =>
    existing
      ? {
          roundId: existing.roundId,
          name: existing.name,
          areaIds: existing.areaIds,
          memberIds: existing.memberIds,
          chairId: existing.chairId ?? '',
          quorum: String(existing.quorum),
        }
      : { ...EMPTY, roundId: rounds.find((r) => r.status === 'open')?.id ?? rounds[0]?.id ?? '' },
  );
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const allowLeaving = useLeaveWarning(JSON.stringify(values) !== JSON.stringify(initial));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  // Active people who sit on panels, and anyone already on this one (so a departed member can be taken off).
  const candidates = people
    .filter((p) => (p.active && sits(p)) || values.memberIds.includes(p.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const memberOptions = candidates.map((p) => ({
    value: p.id,
    label: `${p.name}${p.roles.includes('panel-chair') ? ' (can chair)' : ''}${p.active ? '' : ' — can no longer sign in'}`,
  }));
  const chairs = candidates.filter((p) => values.memberIds.includes(p.id) && p.roles.includes('panel-chair'));
  // An area has one panel a round: say which areas another panel of the round already covers.
  const takenBy = (areaId: string) =>
    panels.find((p) => p.id !== existing?.id && p.roundId === values.roundId && p.areaIds.includes(areaId));
  const areaOptions = areas.map((a) => {
    const other = takenBy(a.id);
    return { value: a.id, label: other ? `${a.name} (already ${other.name})` : a.name };
  });

  /** The checkbox a problem names: the group's first box carries the group's id. */
  const boxId = (group: string, options: { value: string }[], value: string | undefined) => {
    const at = options.findIndex((o) => o.value === value);
    return at <= 0 ? group : `${group}-${value}`;
  };
  const [sent, setSent] = useState<Input<'panels.save'> | null>(null);
  const fieldId = (field: string): string => {
    const [name, index] = field.split('.');
    if (name === 'memberIds')
      return boxId('panel-members', memberOptions, index === undefined ? undefined : sent?.memberIds?.[Number(index)]);
    if (name === 'areaIds') return boxId('panel-areas', areaOptions, index === undefined ? undefined : sent?.areaIds?.[Number(index)]);
    return { roundId: 'panel-round', name: 'panel-name', chairId: 'panel-chair', quorum: 'panel-quorum' }[name ?? ''] ?? 'panel-save';
  };
  const errorOf = (group: string) => problems.find((p) => fieldId(p.field).startsWith(group))?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const quorum = /^\s*\d+\s*$/.test(values.quorum) ? Number(values.quorum) : Number.NaN;
    if (Number.isNaN(quorum)) {
      setProblems([{ field: 'quorum', message: 'Enter the quorum as a whole number, like 3' }]);
      return;
    }
    const input: Input<'panels.save'> = {
      id: existing?.id ?? null,
      roundId: values.roundId,
      name: values.name,
      areaIds: values.areaIds,
      memberIds: values.memberIds,
      chairId: values.chairId || null,
      quorum,
    };
    setSent(input);
    setSaving(true);
    const result = await call('panels.save', input, { quiet: true });
    setSaving(false);
    if (!result.ok) {
      setProblems(result.error.details?.length ? result.error.details : [{ field: 'form', message: result.error.message }]);
      return;
    }
    allowLeaving();
    useNotifications.getState().push('success', `${result.value.name} ${existing ? 'saved' : 'added'}`);
    void navigate('/panels');
  }

  return (
    <Page
      title={existing ? `Change ${existing.name}` : 'Add a panel'}
      lede="A panel scores a round’s applications from its areas. Each member declares any interest before reading an application."
    >
      <ErrorSummary problems={problems} idFor={fieldId} />
      <form noValidate onSubmit={(e) => void submit(e)} className="panel-form">
        {existing ? (
          <dl className="summary-list">
            <dt>Round</dt>
            <dd>{existing.roundName}</dd>
          </dl>
        ) : (
          <SelectField
            id="panel-round"
            label="Round"
            value={values.roundId}
            placeholder="Choose a round"
            options={rounds.map((r) => ({ value: r.id, label: r.name }))}
            error={errorOf('panel-round')}
            onChange={(v) => set('roundId', v)}
          />
        )}
        <TextField
          id="panel-name"
          label="Panel name"
          hint="Like Coventry NPU panel"
          value={values.name}
          error={errorOf('panel-name')}
          onChange={(v) => set('name', v)}
        />
        <div className="check-columns">
          <Checkboxes
            id="panel-areas"
            label="Areas"
            hint="The panel scores the round’s applications from these areas. An area has one panel a round."
            values={values.areaIds}
            options={areaOptions}
            error={errorOf('panel-areas')}
            onChange={(v) => set('areaIds', v)}
          />
        </div>
        {memberOptions.length === 0 ? (
          <div className="panel warning" role="note" aria-label="No panel members">
            <p>
              Nobody has the panel member or panel chair role yet. Add them on the <Link to="/people">People</Link> screen first.
            </p>
          </div>
        ) : (
          <div className="check-columns">
            <Checkboxes
              id="panel-members"
              label="Members"
              hint="People with the panel member or panel chair role"
              values={values.memberIds}
              options={memberOptions}
              error={errorOf('panel-members')}
              onChange={(v) => {
                set('memberIds', v);
                if (values.chairId && !v.includes(values.chairId)) set('chairId', '');
              }}
            />
          </div>
        )}
        <div className="grid-2">
          <SelectField
            id="panel-chair"
            label="Chair"
            hint={chairs.length === 0 ? 'Choose a member with the panel chair role first' : 'Moderates the panel’s scores'}
            value={values.chairId}
            placeholder="No chair yet"
            options={chairs.map((p) => ({ value: p.id, label: p.name }))}
            error={errorOf('panel-chair')}
            onChange={(v) => set('chairId', v)}
          />
          <TextField
            id="panel-quorum"
            label="Quorum"
            hint="The fewest members who must score an application for its scores to count"
            className="number-input"
            inputMode="numeric"
            value={values.quorum}
            error={errorOf('panel-quorum')}
            onChange={(v) => set('quorum', v)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" id="panel-save" disabled={saving}>
            {saving ? 'Saving…' : existing ? 'Save changes' : 'Add panel'}
          </button>
          <Link to="/panels">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}
