// Sending work to another laptop: a signed bundle file, protected with the office key (with
// applicants' contact details) or a password, or not protected (without them); everything, or what
// one laptop lacks. The desktop asks where to save it; browser mode downloads it.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { bundles, sealKey, type BundleInfo, type TrustedDeviceInfo } from '../../../shared/contract/bundles';
import type { FieldProblem } from '../../../shared/contract/result';
import { call } from '../../app/api';
import { hasFileDialogs, saveFile } from '../../app/files';
import { queryClient } from '../../app/query-client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField, TextField } from '../../components/fields';
import { ProgressBar } from '../../components/ProgressBar';
import { useBundleProgress } from './bundle-progress';
import { bundlesFolderQuery, officeKeyQuery } from './queries';

type Seal = 'office' | 'passphrase' | 'none';

const FIELD_IDS: Record<string, string> = {
  file: 'export-save',
  to: 'export-seal-office',
  passphrase: 'export-passphrase',
  for: 'export-for',
  typedKey: 'export-office-key',
};
const idFor = (field: string) => FIELD_IDS[field.split('.')[0] ?? ''] ?? 'export-save';
/** The folder's suggestion (a .gpbundle) with the ending the chosen protection needs. */
const withEnding = (name: string, sealed: boolean) => name.replace(/\.gpbundle(\.age)?$/i, '') + (sealed ? '.gpbundle.age' : '.gpbundle');

export function ExportForm({ suggestedName, devices }: { suggestedName: string; devices: TrustedDeviceInfo[] }) {
  const officeKey = useQuery(officeKeyQuery({})).data ?? null;
  const [seal, setSeal] = useState<Seal>('office');
  const [typedKey, setTypedKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [forDevice, setForDevice] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<BundleInfo | null>(null);
  const progress = useBundleProgress(busy ? 'Writing, signing and checking the bundle' : null);
  const desktop = hasFileDialogs();

  const seals: { value: Seal; label: string; hint: string }[] = [
    {
      value: 'office',
      label: 'Protect with the office key',
      hint: officeKey
        ? `Only ${officeKey.laptop === 'This laptop' ? 'this laptop' : officeKey.laptop} can open it. It carries applicants’ contact details.`
        : 'Only the office laptop can open it. It carries applicants’ contact details. The office key comes with the office’s list of trusted laptops (import it below).',
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

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = typedKey.trim();
    // The office key from the roster, unless a person typed one under "Technical details".
    const protection =
      seal === 'office' ? (typed ? { to: [typed] } : { office: true as const }) : seal === 'passphrase' ? { passphrase } : {};
    // Checked before the Save dialog opens, with a stand-in for the file the person is yet to choose.
    const input = { file: 'f-'.padEnd(34, 'x'), ...protection, ...(forDevice ? { for: forDevice } : {}) };
    const parsed = bundles['bundles.export'].input.safeParse(input);
    const local: FieldProblem[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'file'), message: i.message }));
    if (seal === 'office' && !officeKey && !typed)
      local.push({
        field: 'to',
        message:
          'This laptop has no office key yet: import the office’s list of trusted laptops below, or protect the bundle with a password',
      });
    if (seal === 'office' && typed && !sealKey.safeParse(typed).success)
      local.push({ field: 'typedKey', message: 'Enter an office key like age1… (62 characters)' });
    if (local.length) return setProblems(local.map((p) => (p.field === 'to' && typed ? { ...p, field: 'typedKey' } : p)));
    setProblems([]);
    setDone(null);
    setBusy(true);
    const result = await saveFile('bundle', withEnding(suggestedName, seal !== 'none'), (file) =>
      call('bundles.export', { ...input, file }, { quiet: true }),
    );
    setBusy(false);
    if (!result.ok)
      return setProblems(result.error.details?.length ? result.error.details : [{ field: 'file', message: result.error.message }]);
    if (result.value === null) return; // The Save dialog was cancelled.
    setDone(result.value);
    // A new file in the folder, which is files rather than tables: no `changed` names it.
    void queryClient.invalidateQueries({ queryKey: bundlesFolderQuery({}).queryKey });
  };

  const error = (field: string) => problems.find((p) => idFor(p.field) === FIELD_IDS[field])?.message;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="export-title">
      <h2 id="export-title">Send work to another laptop</h2>
      <ErrorSummary problems={problems} idFor={idFor} />
      <fieldset className={`field radios${error('to') ? ' invalid' : ''}`} aria-describedby={error('to') ? 'export-seal-error' : undefined}>
        <legend>How should the bundle be protected?</legend>
        {error('to') ? (
          <span className="field-error" id="export-seal-error">
            <span className="visually-hidden">Error: </span>
            {error('to')}
          </span>
        ) : null}
        {seals.map((s) => (
          <div className="radio-option" key={s.value}>
            <input
              type="radio"
              name="export-seal"
              id={`export-seal-${s.value}`}
              aria-describedby={`export-seal-${s.value}-hint`}
              checked={seal === s.value}
              onChange={() => setSeal(s.value)}
            />
            <label htmlFor={`export-seal-${s.value}`}>{s.label}</label>
            <span className="hint" id={`export-seal-${s.value}-hint`}>
              {s.hint}
            </span>
          </div>
        ))}
      </fieldset>
      {seal === 'office' ? (
        <details className="technical-details" open={Boolean(error('typedKey')) || undefined}>
          <summary>Technical details: the office key</summary>
          {officeKey ? (
            <p>
              The key came with the list of trusted laptops from {officeKey.laptop}: <code className="long-code">{officeKey.sealKey}</code>
            </p>
          ) : null}
          <TextField
            id="export-office-key"
            label={officeKey ? 'Use another key instead (optional)' : 'Enter the office key by hand (optional)'}
            hint="Only if the grants office asks you to: it starts age1…"
            value={typedKey}
            error={error('typedKey')}
            onChange={setTypedKey}
            className="wide"
          />
        </details>
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
      {progress ? <ProgressBar progress={progress} /> : null}
      {error('file') ? (
        <p className="field-error" id="export-save-error">
          <span className="visually-hidden">Error: </span>
          {error('file')}
        </p>
      ) : null}
      {done ? (
        <div className="panel notice" role="status">
          <p>
            Saved and checked <strong>{done.file}</strong>: {done.eventCount.toLocaleString('en-GB')}{' '}
            {done.eventCount === 1 ? 'change' : 'changes'}, signed by this laptop.
            {desktop ? '' : ' Your browser has downloaded it.'}
          </p>
          <p>
            {done.personalRecords !== null
              ? // People's sign-ins travel sealed too (issue 10): the count is of both.
                `Protected, with ${done.personalRecords.toLocaleString('en-GB')} ${done.personalRecords === 1 ? 'personal record' : 'personal records'}: applicants’ contact details and people’s sign-ins.`
              : 'Not protected: it holds no contact details.'}
          </p>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" id="export-save" className="button" disabled={busy} aria-describedby="export-save-hint">
          {desktop ? 'Save bundle…' : 'Save and download bundle'}
        </button>
        <span className="hint" id="export-save-hint">
          {desktop
            ? 'You choose where to save it. Copy it to a USB stick or shared drive afterwards.'
            : 'Your browser downloads it. Copy it to a USB stick or shared drive afterwards.'}
        </span>
      </div>
    </form>
  );
}
