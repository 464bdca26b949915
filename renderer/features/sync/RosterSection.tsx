// The office's list of trusted laptops (a signed roster file): a new laptop that trusts the office
// imports it and then trusts every laptop listed without comparing every fingerprint again. It also
// brings the office key, so bundles can be protected for the office without typing "age1…".
import { Fragment, useState, type FormEvent } from 'react';
import type { RosterImportResult, RosterInfo } from '../../../shared/contract/roster';
import type { FieldProblem } from '../../../shared/contract/result';
import type { ChosenFileInfo } from '../../../shared/contract/files';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { hasFileDialogs, saveFile } from '../../app/files';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FileField } from '../../components/FileField';
import { queryClient } from '../../app/query-client';
import { officeKeyQuery } from './queries';

const STATUS: Record<RosterInfo['devices'][number]['status'], string> = {
  'this-laptop': 'This laptop',
  trusted: 'Trusted already',
  new: 'Not trusted yet',
  added: 'Trusted now',
};

const OFFICE_KEY: Record<RosterInfo['officeKey'], string | null> = {
  new: 'It also brings the office key: bundles you protect with the office key can then be opened only by the laptop that made this list.',
  replaces: 'It also brings a new office key from the same laptop, which replaces the one this laptop has.',
  same: null,
  kept: 'It carries a protection key too, but this laptop keeps the office key it already has (it came from another laptop’s list).',
  none: null,
};

function LaptopList({ roster, label }: { roster: Pick<RosterInfo, 'devices'>; label: string }) {
  return (
    <>
      {/* Focusable, so a keyboard can scroll it where the panel is narrower than the table. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
        <table className="detail-table">
          <thead>
            <tr>
              <th scope="col">Laptop</th>
              <th scope="col">Person</th>
              <th scope="col">Here</th>
            </tr>
          </thead>
          <tbody>
            {roster.devices.map((d) => (
              <tr key={d.deviceId}>
                <td>{d.name}</td>
                <td>{d.personName ?? '—'}</td>
                <td>{STATUS[d.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="technical-details">
        <summary>Technical details: key fingerprints</summary>
        <dl className="summary-list">
          {roster.devices.map((d) => (
            <Fragment key={d.deviceId}>
              <dt>{d.name}</dt>
              <dd>
                <code className="fingerprint">{d.fingerprint}</code>
              </dd>
            </Fragment>
          ))}
        </dl>
      </details>
    </>
  );
}

export function RosterSection() {
  const [file, setFile] = useState<ChosenFileInfo | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState<RosterInfo | null>(null);
  const [checked, setChecked] = useState<RosterInfo | null>(null);
  const [imported, setImported] = useState<RosterImportResult | null>(null);
  const desktop = hasFileDialogs();
  const idFor = (field: string) => (field === 'out' ? 'roster-save' : 'roster-file');
  const fail = (field: string, error: { message: string }) => setProblems([{ field, message: error.message }]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const name = `grantpanel-trusted-laptops-${new Date().toISOString().slice(0, 10)}.gproster`;
    const result = await saveFile('roster', name, (id) => call('roster.export', { file: id }, { quiet: true }));
    if (!result.ok) return fail('out', result.error);
    setProblems([]);
    if (result.value) setSaved(result.value);
  };

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(null);
    setImported(null);
    if (!file) return fail('file', { message: 'Choose the file with the office’s list of trusted laptops' });
    const result = await call('roster.verify', { file: file.file }, { quiet: true });
    if (!result.ok) return fail('file', result.error);
    setProblems([]);
    setChecked(result.value);
  };

  const importIt = async () => {
    if (!checked || !file) return;
    const result = await call('roster.import', { file: file.file }, { quiet: true });
    if (!result.ok) return fail('file', result.error);
    setChecked(null);
    setImported(result.value);
    // The office key is the data folder's, not a table's: no `changed` names it.
    void queryClient.invalidateQueries({ queryKey: officeKeyQuery({}).queryKey });
  };

  /** The laptop that made the list, by the name given it here, and its person. */
  const signer = (r: RosterInfo) => {
    if (r.fromThisDevice) return 'this laptop';
    const laptop = r.devices.find((d) => d.deviceId === r.exporter.deviceId)?.name;
    return laptop ? `${laptop} (${r.exporter.personName})` : r.exporter.personName;
  };
  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title">Laptops the office trusts</h2>
      <p className="section-lede">
        The office can share the laptops it trusts as one signed file. A laptop that trusts the office opens it and then trusts every laptop
        listed — and can protect bundles for the office without anyone copying its key.
      </p>
      <ErrorSummary problems={problems} idFor={idFor} />
      <form className="panel sync-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="roster-save-title">
        <h3 id="roster-save-title">Share the laptops this laptop trusts</h3>
        <p className="hint" id="roster-save-hint">
          A .gproster file listing this laptop and the laptops it trusts, with this laptop’s key for protecting bundles. No applicants’
          details. {desktop ? 'You choose where to save it.' : 'Your browser downloads it.'}
        </p>
        {problems.find((p) => p.field === 'out') ? (
          <p className="field-error" id="roster-save-error">
            <span className="visually-hidden">Error: </span>
            {problems.find((p) => p.field === 'out')?.message}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" id="roster-save" className="button secondary" aria-describedby="roster-save-hint">
            {desktop ? 'Save the list…' : 'Save and download the list'}
          </button>
        </div>
        {saved ? (
          <p role="status">
            Saved <strong>{saved.file}</strong>, listing {saved.devices.length} {saved.devices.length === 1 ? 'laptop' : 'laptops'}.
          </p>
        ) : null}
      </form>
      <form className="panel sync-form" onSubmit={(e) => void check(e)} noValidate aria-labelledby="roster-import-title">
        <h3 id="roster-import-title">Trust the laptops on the office’s list</h3>
        <FileField
          id="roster-file"
          label="The office’s list of trusted laptops"
          hint="A .gproster file from the office."
          purpose="roster"
          chosen={file}
          error={problems.find((p) => p.field === 'file')?.message}
          onChosen={(next) => {
            setFile(next);
            setChecked(null);
            setImported(null);
          }}
          onProblem={(message) => fail('file', { message })}
        />
        <div className="button-row">
          <button type="submit" className="button secondary">
            Check the list
          </button>
        </div>
        {checked ? (
          <div role="status">
            <p>
              Made by {signer(checked)}, {formatInstant(checked.createdAt)}. The signature is intact.
            </p>
            <LaptopList roster={checked} label="Laptops on the list" />
            {checked.signerTrusted ? (
              <>
                {OFFICE_KEY[checked.officeKey] ? <p>{OFFICE_KEY[checked.officeKey]}</p> : null}
                <div className="button-row">
                  <button type="button" className="button" onClick={() => void importIt()}>
                    {checked.newDevices === 0
                      ? checked.officeKey === 'new' || checked.officeKey === 'replaces'
                        ? 'Take the office key from this list'
                        : 'Nothing new — import anyway'
                      : `Trust ${checked.newDevices} new ${checked.newDevices === 1 ? 'laptop' : 'laptops'}`}
                  </button>
                </div>
              </>
            ) : (
              <p>
                This laptop does not trust the laptop that made the list yet. Import a bundle from that laptop first, trusting it after
                comparing its fingerprint; then open the list again.
              </p>
            )}
            <details className="technical-details">
              <summary>Technical details: who signed it</summary>
              <dl className="summary-list">
                <dt>Key fingerprint</dt>
                <dd>
                  <code className="fingerprint">{checked.exporter.fingerprint}</code>
                </dd>
                <dt>Key for protecting bundles</dt>
                <dd>{checked.sealKey ? <code className="long-code">{checked.sealKey}</code> : 'None (made by an older GrantPanel)'}</dd>
              </dl>
            </details>
          </div>
        ) : null}
        {imported ? (
          <div role="status">
            <p>
              Trusted {imported.added} new {imported.added === 1 ? 'laptop' : 'laptops'}; {imported.alreadyTrusted}{' '}
              {imported.alreadyTrusted === 1 ? 'was' : 'were'} trusted already.
              {imported.officeKeySet ? ' Bundles protected with the office key are now protected for the laptop that made the list.' : ''}
            </p>
            <LaptopList roster={imported} label="Laptops on the list" />
          </div>
        ) : null}
      </form>
    </section>
  );
}
