// Adding a person (with a first passphrase to give them), or changing one's name, roles and areas.
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { useEffect, useState, type FormEvent } from 'react';
import type { PersonSummary } from '../../../shared/contract/people';
import type { FieldProblem } from '../../../shared/contract/result';
import type { Area } from '../../../shared/domain/catalogue';
import { ROLE_IDS, ROLES, type Role } from '../../../shared/domain/people';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Checkboxes, TextField } from '../../components/fields';
import { useLeaveWarning } from '../../components/leave-warning';
import { NOT_MATCHING, problemsOf } from '../session/session-form';

const FIELD_IDS: Record<string, string> = {
  name: 'person-name',
  roles: 'person-roles',
  areas: 'person-areas',
  passphrase: 'person-passphrase',
  confirm: 'person-passphrase-confirm',
  active: 'person-save',
};

const ROLE_OPTIONS = ROLE_IDS.map((r) => ({ value: r, label: ROLES[r] }));

interface Props {
  /** The person to change; null to add one. */
  person: PersonSummary | null;
  areas: Area[];
  onSaved: (person: PersonSummary) => void;
  onCancel: () => void;
}

export function PersonForm({ person, areas, onSaved, onCancel }: Props) {
  const [name, setName] = useState(person?.name ?? '');
  const [roles, setRoles] = useState<string[]>(person?.roles ?? []);
  const [chosenAreas, setAreas] = useState<string[]>(person?.areas ?? []);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const changed =
    name !== (person?.name ?? '') ||
    roles.join() !== (person?.roles ?? []).join() ||
    chosenAreas.join() !== (person?.areas ?? []).join() ||
    passphrase !== '' ||
    confirm !== '';
  const saved = useLeaveWarning(changed);
  useEffect(() => {
    document.getElementById('person-name')?.focus();
  }, []);
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!person && passphrase && confirm !== passphrase) return setProblems([{ field: 'confirm', message: NOT_MATCHING }]);
    setSaving(true);
    const result = person
      ? await call('people.change', { id: person.id, name, roles: roles as Role[], areas: chosenAreas }, { quiet: true })
      : await call('people.add', { name, roles: roles as Role[], areas: chosenAreas, passphrase }, { quiet: true });
    setSaving(false);
    if (!result.ok) return setProblems(problemsOf(result, 'name'));
    saved();
    onSaved(result.value);
  }

  const title = person ? `Change ${person.name}` : 'Add a person';
  return (
    <form noValidate className="inline-form" aria-label={title} onSubmit={(e) => void submit(e)}>
      <h3>{title}</h3>
      <ErrorSummary problems={problems} idFor={(f) => FIELD_IDS[f] ?? 'person-save'} />
      <TextField
        id="person-name"
        label="Name"
        hint="As the people they work with know them"
        value={name}
        error={errorOf('name')}
        onChange={setName}
      />
      <Checkboxes
        id="person-roles"
        label="Roles"
        hint="Choose one or more."
        values={roles}
        options={ROLE_OPTIONS}
        error={errorOf('roles')}
        onChange={setRoles}
      />
      {areas.length > 0 ? (
        <Checkboxes
          id="person-areas"
          label="Areas they serve (optional)"
          hint="Choose none for every area."
          values={chosenAreas}
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          error={errorOf('areas')}
          onChange={setAreas}
        />
      ) : null}
      {person ? null : (
        <>
          <NewPassphraseFields
            id="person-passphrase"
            label="First passphrase"
            hint="Give it to them in person. They choose their own the first time they sign in."
            value={passphrase}
            confirm={confirm}
            error={errorOf('passphrase')}
            confirmError={errorOf('confirm')}
            onChange={setPassphrase}
            onConfirm={setConfirm}
          />
        </>
      )}
      <div className="button-row">
        <button type="submit" className="button" id="person-save" disabled={saving}>
          {saving ? 'Saving…' : person ? 'Save changes' : 'Add person'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
