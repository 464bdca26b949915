// Bringing in work from another laptop: check the bundle first (who signed it, what it holds);
// a laptop not yet trusted is trusted only after a person compares its key fingerprint; then
// import, all or nothing.
import { useState, type FormEvent } from 'react';
import type { BundleImportResult, BundleInfo, BundlesFolder } from '../../../shared/contract/bundles';
import type { FieldProblem } from '../../../shared/contract/result';
import type { ChosenFileInfo } from '../../../shared/contract/files';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { HintAndError, TextField } from '../../components/fields';
import { FileField } from '../../components/FileField';
import { ProgressBar } from '../../components/ProgressBar';
import { useBundleProgress } from './bundle-progress';
import { useOpenConflicts } from '../conflicts/queries';

const FIELD_IDS: Record<string, string> = {
  file: 'import-bundle-file',
  passphrase: 'import-passphrase',
  name: 'trust-name',
  checked: 'trust-checked',
};
const idFor = (field: string) => FIELD_IDS[field] ?? 'import-bundle-file';
/** The sender as a person here knows it: the name this laptop gave it when trusting it. */
const sender = (b: BundleInfo) => (b.fromThisDevice ? 'this laptop' : (b.exporter.laptopName ?? `${b.exporter.personName}’s laptop`));
const sizeOf = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An import, or a refusal that kept evidence, names the tables it changed: the screens reading them refetch. */
export function ImportForm({ folder }: { folder: BundlesFolder }) {
  const [file, setFile] = useState<ChosenFileInfo | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [checked, setChecked] = useState<BundleInfo | null>(null);
  const [name, setName] = useState('');
  const [fingerprintChecked, setFingerprintChecked] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [imported, setImported] = useState<BundleImportResult | null>(null);
  const progress = useBundleProgress(busy);
  const openConflicts = useOpenConflicts();
  const sealed = /\.age$/i.test(file?.name ?? '');
  const secret = sealed && passphrase ? { passphrase } : {};

  /** A new file: what was checked before no longer applies. */
  const choose = (next: ChosenFileInfo | null) => {
    setFile(next);
    setChecked(null);
    setProblems([]);
  };

  const fail = (field: string, error: { message: string; details?: FieldProblem[] }) =>
    setProblems(error.details?.length ? error.details : [{ field, message: error.message }]);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(null);
    setImported(null);
    if (!file) return setProblems([{ field: 'file', message: 'Choose the bundle file, or one from your bundles folder' }]);
    setProblems([]);
    setBusy('Opening the bundle and checking its signature and every change in it…');
    const result = await call('bundles.verify', { file: file.file, ...secret }, { quiet: true });
    setBusy(null);
    // The core names the field a problem belongs to (the passphrase, say); otherwise it is the file's.
    if (!result.ok) return fail('file', result.error);
    setChecked(result.value);
    setName(result.value.exporter.laptopName ?? `${result.value.exporter.personName}’s laptop`);
  };

  const importIt = async () => {
    if (!checked) return;
    if (!checked.trusted) {
      const missing: FieldProblem[] = [];
      if (!name.trim()) missing.push({ field: 'name', message: 'Name the laptop, like “Coventry panel laptop”' });
      if (!fingerprintChecked)
        missing.push({ field: 'checked', message: 'Confirm you have compared the key fingerprint with the other laptop' });
      if (missing.length > 0) return setProblems(missing);
      const trusted = await call('devices.trust', { publicKey: checked.exporter.publicKey, name: name.trim() }, { quiet: true });
      if (!trusted.ok) return fail('name', trusted.error);
    }
    setProblems([]);
    setBusy(`Importing ${checked.eventCount.toLocaleString('en-GB')} changes — all of them or none`);
    if (!file) return;
    const result = await call('bundles.import', { file: file.file, ...secret }, { quiet: true });
    setBusy(null);
    if (!result.ok) return fail('file', result.error);
    setImported(result.value);
    setChecked(null);
  };

  const error = (field: string) => problems.find((p) => p.field === field)?.message;
  return (
    <form onSubmit={(e) => void check(e)} noValidate aria-labelledby="import-bundle-title">
      <h2 id="import-bundle-title">Bring in work from another laptop</h2>
      <ErrorSummary problems={problems} idFor={idFor} />
      {folder.files.length > 0 ? (
        <fieldset className="field radios">
          <legend>Bundles in your bundles folder</legend>
          <span className="hint">
            <code>{folder.folder}</code>
          </span>
          {folder.files.slice(0, 8).map((f, i) => (
            <div className="radio-option" key={f.file}>
              <input
                type="radio"
                name="import-choice"
                id={`import-choice-${i}`}
                checked={file?.file === f.file}
                onChange={() => choose({ file: f.file, name: f.name })}
              />
              <label htmlFor={`import-choice-${i}`}>
                {f.name}{' '}
                <span className="hint">
                  ({sizeOf(f.bytes)}, {formatInstant(f.modifiedAt)})
                </span>
              </label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <FileField
        id="import-bundle-file"
        label={folder.files.length > 0 ? 'Or another bundle file' : 'Bundle file'}
        hint="A .gpbundle or .gpbundle.age file, for example on a USB stick."
        purpose="bundle"
        chosen={file && !folder.files.some((f) => f.file === file.file) ? file : null}
        error={error('file')}
        onChosen={choose}
        onProblem={(message) => setProblems([{ field: 'file', message }])}
        disabled={busy !== null}
      />
      {sealed ? (
        <TextField
          id="import-passphrase"
          label="Password (if it was protected with one)"
          hint="Leave it blank for a bundle protected with this laptop’s office key."
          value={passphrase}
          error={error('passphrase')}
          onChange={setPassphrase}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button secondary" disabled={busy !== null}>
          Check bundle
        </button>
      </div>
      {checked ? (
        <section className="panel" aria-labelledby="checked-title">
          <h3 id="checked-title">
            {checked.trusted
              ? `The bundle from ${sender(checked)} is intact`
              : checked.revoked
                ? `The bundle is intact, but this laptop stopped trusting ${sender(checked)}`
                : 'The bundle is intact, but this laptop does not trust its sender yet'}
          </h3>
          <dl className="summary-list">
            <dt>From</dt>
            <dd>
              {checked.exporter.laptopName && !checked.fromThisDevice ? `${checked.exporter.laptopName}, ` : ''}
              {checked.exporter.personName}, {formatInstant(checked.createdAt)}
            </dd>
            {checked.trusted || checked.revoked ? null : (
              <>
                <dt>Laptop’s key fingerprint</dt>
                <dd>
                  <code className="fingerprint">{checked.exporter.fingerprint}</code>
                </dd>
              </>
            )}
            <dt>Changes</dt>
            <dd>{checked.eventCount.toLocaleString('en-GB')}</dd>
            <dt>Contact details</dt>
            <dd>
              {checked.personalRecords === null
                ? 'None (not protected)'
                : `${checked.personalRecords.toLocaleString('en-GB')} applicants’ (protected)`}
            </dd>
          </dl>
          {checked.trusted || checked.revoked ? (
            <details className="technical-details">
              <summary>Show technical details</summary>
              <dl className="summary-list">
                <dt>Laptop’s key fingerprint</dt>
                <dd>
                  <code className="fingerprint">{checked.exporter.fingerprint}</code>
                </dd>
                <dt>Device id</dt>
                <dd>
                  <code>{checked.exporter.deviceId}</code>
                </dd>
              </dl>
            </details>
          ) : null}
          {checked.revoked ? (
            <p>
              A person on this laptop stopped trusting {sender(checked)}, so its bundles are refused and nothing in this one is imported.
              The changes that arrived from it before stay. If that was a mistake, trust it again only after checking with the grants
              office.
            </p>
          ) : checked.trusted ? null : (
            <>
              <p>
                Ask whoever holds that laptop to read out its key fingerprint (Sync, “This laptop”) and compare it with the one above, every
                character. Trust it only if they match.
              </p>
              <TextField id="trust-name" label="Name this laptop" value={name} error={error('name')} onChange={setName} />
              <div className={`field checks${error('checked') ? ' invalid' : ''}`}>
                <HintAndError id="trust-checked" error={error('checked')} />
                <label>
                  <input
                    type="checkbox"
                    id="trust-checked"
                    checked={fingerprintChecked}
                    aria-describedby={error('checked') ? 'trust-checked-error' : undefined}
                    onChange={(e) => setFingerprintChecked(e.target.checked)}
                  />{' '}
                  I have compared the fingerprint and it matches
                </label>
              </div>
            </>
          )}
          {checked.revoked ? null : (
            <div className="button-row">
              <button type="button" className="button" disabled={busy !== null} onClick={() => void importIt()}>
                {checked.trusted ? 'Import bundle' : 'Trust this laptop and import'}
              </button>
            </div>
          )}
        </section>
      ) : null}
      {progress ? <ProgressBar progress={progress} /> : null}
      {imported ? (
        <div className="panel notice" role="status">
          <p>
            Imported {imported.newEvents.toLocaleString('en-GB')} new {imported.newEvents === 1 ? 'change' : 'changes'} from{' '}
            {sender(imported.bundle)} ({imported.bundle.exporter.personName}); {imported.knownEvents.toLocaleString('en-GB')}{' '}
            {imported.knownEvents === 1 ? 'was' : 'were'} already here.
          </p>
          {imported.leftOut > 0 ? (
            <p>
              Left out {imported.leftOut.toLocaleString('en-GB')} changes from laptops this one no longer trusts, or from a version of a
              laptop’s log the office did not accept.
            </p>
          ) : null}
          {imported.gaps.map((g) => (
            <p key={g}>Still missing: {g}. Ask for a newer bundle from that laptop.</p>
          ))}
          {openConflicts ? (
            <p>
              <a href="#/conflicts">{openConflicts === 1 ? '1 conflict needs' : `${openConflicts} conflicts need`} a decision</a>
            </p>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
