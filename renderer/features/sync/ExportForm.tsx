// Sending work to another laptop: a signed bundle file, protected with the office key (with
// applicants' contact details) or a password, or not protected (without them); everything, or what
// one laptop lacks.
import { useState, type FormEvent } from 'react';
import { bundles, type BundleInfo, type TrustedDeviceInfo } from '../../../shared/contract/bundles';
import type { FieldProblem } from '../../../shared/contract/result';
import { problemsFromZod } from '../../../shared/domain/application';
import { call } from '../../app/api';
import { queryClient } from '../../app/query-client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { ProgressBar } from '../../components/ProgressBar';
import { useBundleProgress } from './bundle-progress';
import { bundlesFolderQuery } from './queries';

type Seal = 'office' | 'passphrase' | 'none';
const OFFICE_KEY = 'grantpanel-office-key';

const FIELD_IDS: Record<string, string> = {
  file: 'export-file',
  to: 'export-office-key',
  passphrase: 'export-passphrase',
  for: 'export-for',
};
const idFor = (field: string) => FIELD_IDS[field.split('.')[0] ?? ''] ?? 'export-file';
const withEnding = (file: string, sealed: boolean) => file.replace(/\.gpbundle(\.age)?$/i, '') + (sealed ? '.gpbundle.age' : '.gpbundle');

const SEALS: { value: Seal; label: string; hint: string }[] = [
  {
    value: 'office',
    label: 'Protect with the office key',
    hint: 'Only the office laptop can open it. It carries applicants’ contact details.',
  },
  {
    value: 'passphrase',
    label: 'Protect with a password',
    hint: 'Anyone with the password can open it. It carries applicants’ contact details.',
  },
  {
    value: 'none',
    label: 'No protection (no contact details)',
    hint: 'Anyone can read it, so it leaves out applicants’ contact details — it carries only the register’s other details.',
  },
];

export function ExportForm({ suggested, devices }: { suggested: string; devices: TrustedDeviceInfo[] }) {
  const [seal, setSeal] = useState<Seal>('office');
  const [file, setFile] = useState(() => withEnding(suggested, true));
  const [lastSuggested, setLastSuggested] = useState(suggested);
  const [officeKey, setOfficeKey] = useState(() => localStorage.getItem(OFFICE_KEY) ?? '');
  const [passphrase, setPassphrase] = useState('');
  const [forDevice, setForDevice] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<BundleInfo | null>(null);
  const progress = useBundleProgress(busy ? 'Writing, signing and checking the bundle' : null);

  // A new suggestion (after each export) replaces the path, with the ending the chosen protection
  // needs (the folder suggests a .gpbundle); changing the protection only changes the ending,
  // keeping a path the person typed.
  if (suggested !== lastSuggested) {
    setLastSuggested(suggested);
    setFile(withEnding(suggested, seal !== 'none'));
  }
  const choose = (next: Seal) => {
    setSeal(next);
    setFile((f) => withEnding(f, next !== 'none'));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = {
      file,
      ...(seal === 'office' ? { to: [officeKey.trim()] } : {}),
      ...(seal === 'passphrase' ? { passphrase } : {}),
      ...(forDevice ? { for: forDevice } : {}),
    };
    const parsed = bundles['bundles.export'].input.safeParse(input);
    if (!parsed.success) return setProblems(problemsFromZod(parsed.error));
    setProblems([]);
    setDone(null);
    setBusy(true);
    const result = await call('bundles.export', parsed.data, { quiet: true });
    setBusy(false);
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'file', message: result.error.message }]);
    if (seal === 'office') localStorage.setItem(OFFICE_KEY, officeKey.trim());
    setDone(result.value);
    // A new file in the folder, which is files rather than tables: no `changed` names it.
    void queryClient.invalidateQueries({ queryKey: bundlesFolderQuery({}).queryKey });
  };

  const error = (field: string) => problems.find((p) => idFor(p.field) === FIELD_IDS[field])?.message;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="export-title">
      <h2 id="export-title">Send work to another laptop</h2>
      <ErrorSummary problems={problems} idFor={idFor} />
      <fieldset className="field radios">
        <legend>How should the bundle be protected?</legend>
        {SEALS.map((s) => (
          <div className="radio-option" key={s.value}>
            <input
              type="radio"
              name="export-seal"
              id={`export-seal-${s.value}`}
              aria-describedby={`export-seal-${s.value}-hint`}
              checked={seal === s.value}
              onChange={() => choose(s.value)}
            />
            <label htmlFor={`export-seal-${s.value}`}>{s.label}</label>
            <span className="hint" id={`export-seal-${s.value}-hint`}>
              {s.hint}
            </span>
          </div>
        ))}
      </fieldset>
      {seal === 'office' ? (
        <TextField
          id="export-office-key"
          label="The office key"
          hint="The grants office gives it out (it starts age1…). On the office laptop it is under “Show technical details” in “This laptop” below."
          value={officeKey}
          error={error('to')}
          onChange={setOfficeKey}
          className="wide"
        />
      ) : null}
      {seal === 'passphrase' ? (
        <TextField
          id="export-passphrase"
          label="Password"
          hint="At least 12 characters. Tell it to the person opening the bundle some other way than with the bundle itself."
          value={passphrase}
          error={error('passphrase')}
          onChange={setPassphrase}
        />
      ) : null}
      <SelectField
        id="export-for"
        label="What to include"
        hint="A laptop that has sent you a bundle can be sent only what it does not have yet."
        value={forDevice}
        options={[
          { value: '', label: 'Everything this laptop holds' },
          ...devices.map((d) => ({ value: d.deviceId, label: `Only what ${d.name} lacks` })),
        ]}
        error={error('for')}
        onChange={setForDevice}
      />
      <TextField
        id="export-file"
        label="Save the bundle as"
        hint="The full path of the new file. Copy it to a USB stick or shared drive afterwards."
        value={file}
        error={error('file')}
        onChange={setFile}
        className="wide"
      />
      {progress ? <ProgressBar progress={progress} /> : null}
      {done ? (
        <div className="panel notice" role="status">
          <p>
            Saved and checked <code>{done.file}</code>: {done.eventCount.toLocaleString('en-GB')}{' '}
            {done.eventCount === 1 ? 'change' : 'changes'}, signed by this laptop.
          </p>
          <p>
            {done.personalRecords !== null
              ? `Protected, with ${done.personalRecords.toLocaleString('en-GB')} applicants’ contact details.`
              : 'Not protected: it holds no contact details.'}
          </p>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Save bundle
        </button>
      </div>
    </form>
  );
}
