// Adding an area, or changing one: its name, ONS code and local authority.
import { useEffect, useState, type FormEvent } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import type { Area } from '../../../shared/domain/catalogue';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';
import { AREA_FIELD_IDS, checkArea, slugFromName, type AreaFormValues } from './catalogue-forms';

interface Props {
  /** The area to change; null to add one. */
  area: Area | null;
  areas: Area[];
  onSaved: (area: Area) => void;
  onCancel: () => void;
}

export function AreaForm({ area, areas, onSaved, onCancel }: Props) {
  const [values, setValues] = useState<AreaFormValues>(() => ({
    name: area?.name ?? '',
    onsCode: area?.onsCode ?? '',
    localAuthority: area?.localAuthority ?? '',
  }));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    document.getElementById('area-name')?.focus();
  }, []);
  const errorOf = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  const set = (key: keyof AreaFormValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const newId = slugFromName(values.name);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkArea(area?.id ?? null, values, areas);
    if (!checked.area) return setProblems(checked.problems);
    setSaving(true);
    const result = await call('catalogue.saveArea', { ...checked.area, adding: area === null }, { quiet: true });
    setSaving(false);
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'form', message: result.error.message }]);
    onSaved(result.value);
  }

  return (
    <form noValidate className="inline-form" aria-label={area ? `Change ${area.name}` : 'Add an area'} onSubmit={(e) => void submit(e)}>
      <h3>{area ? `Change ${area.name}` : 'Add an area'}</h3>
      <ErrorSummary problems={problems} idFor={(field) => AREA_FIELD_IDS[field] ?? 'area-save'} />
      <TextField
        id="area-name"
        label="Area name"
        hint={
          area
            ? 'As applicants write it. Renaming changes the name on every application from this area.'
            : `As applicants write it, like Birmingham East.${newId ? ` Its id will be ${newId}.` : ''}`
        }
        value={values.name}
        error={errorOf.name}
        onChange={set('name')}
      />
      <div className="grid-2">
        <TextField
          id="area-ons-code"
          label="ONS code (optional)"
          hint="The local authority’s code, like E08000026"
          className="narrow"
          value={values.onsCode}
          error={errorOf.onsCode}
          onChange={set('onsCode')}
        />
        <TextField
          id="area-local-authority"
          label="Local authority"
          hint="Like Coventry City Council"
          value={values.localAuthority}
          error={errorOf.localAuthority}
          onChange={set('localAuthority')}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button" id="area-save" disabled={saving}>
          {saving ? 'Saving…' : area ? 'Save area' : 'Add area'}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
