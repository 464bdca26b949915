// The roster: the office shares its list of trusted laptops as one signed file, so a new laptop
// trusts them all once it trusts the office, without comparing every fingerprint again.
import { useState, type FormEvent } from 'react';
import type { RosterImportResult, RosterInfo } from '../../../shared/contract/roster';
import type { FieldProblem } from '../../../shared/contract/result';
import { formatInstant } from '../../../shared/domain/dates';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/fields';

const STATUS: Record<RosterInfo['devices'][number]['status'], string> = {
  'this-laptop': 'This laptop',
  trusted: 'Trusted already',
  new: 'Not trusted yet',
  added: 'Trusted now',
};

function RosterTable({ roster }: { roster: Pick<RosterInfo, 'devices'> }) {
  return (
    // Focusable, so a keyboard can scroll it where the panel is narrower than the table.
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Laptops on the roster">
      <table className="detail-table">
        <thead>
          <tr>
            <th scope="col">Laptop</th>
            <th scope="col">Person</th>
            <th scope="col">Key fingerprint</th>
            <th scope="col">Here</th>
          </tr>
        </thead>
        <tbody>
          {roster.devices.map((d) => (
            <tr key={d.deviceId}>
              <td>{d.name}</td>
              <td>{d.personName ?? '—'}</td>
              <td>
                <code className="fingerprint">{d.fingerprint}</code>
              </td>
              <td>{STATUS[d.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RosterSection({ folder }: { folder: string }) {
  const [out, setOut] = useState(`${folder}/grantpanel-roster-${new Date().toISOString().slice(0, 10)}.gproster`);
  const [file, setFile] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saved, setSaved] = useState<RosterInfo | null>(null);
  const [checked, setChecked] = useState<RosterInfo | null>(null);
  const [imported, setImported] = useState<RosterImportResult | null>(null);
  const idFor = (field: string) => (field === 'out' ? 'roster-out' : 'roster-file');
  const fail = (field: string, error: { message: string }) => setProblems([{ field, message: error.message }]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const result = await call('roster.export', { file: out.trim() }, { quiet: true });
    if (!result.ok) return fail('out', result.error);
    setProblems([]);
    setSaved(result.value);
  };

  const check = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(null);
    setImported(null);
    const result = await call('roster.verify', { file: file.trim() }, { quiet: true });
    if (!result.ok) return fail('file', result.error);
    setProblems([]);
    setChecked(result.value);
  };

  const importIt = async () => {
    if (!checked) return;
    const result = await call('roster.import', { file: checked.file }, { quiet: true });
    if (!result.ok) return fail('file', result.error);
    setChecked(null);
    setImported(result.value);
  };

  return (
    <section aria-labelledby="roster-title">
      <h2 id="roster-title">Roster of trusted laptops</h2>
      <p className="section-lede">
        The office can share the laptops it trusts as one signed roster file. A laptop that trusts the office imports it and then trusts
        every laptop listed.
      </p>
      <ErrorSummary problems={problems} idFor={idFor} />
      <form className="panel sync-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="roster-save-title">
        <h3 id="roster-save-title">Share this laptop’s roster</h3>
        <TextField
          id="roster-out"
          label="Save the roster as"
          hint="A .gproster file. It holds laptops’ keys and names, and no applicants’ details."
          value={out}
          error={problems.find((p) => p.field === 'out')?.message}
          onChange={setOut}
          className="wide"
        />
        <div className="button-row">
          <button type="submit" className="button secondary">
            Save roster
          </button>
        </div>
        {saved ? (
          <p role="status">
            Saved <code>{saved.file}</code>, listing {saved.devices.length} {saved.devices.length === 1 ? 'laptop' : 'laptops'}.
          </p>
        ) : null}
      </form>
      <form className="panel sync-form" onSubmit={(e) => void check(e)} noValidate aria-labelledby="roster-import-title">
        <h3 id="roster-import-title">Import a roster</h3>
        <TextField
          id="roster-file"
          label="Roster file"
          hint="The full path of a .gproster file from the office."
          value={file}
          error={problems.find((p) => p.field === 'file')?.message}
          onChange={setFile}
          className="wide"
        />
        <div className="button-row">
          <button type="submit" className="button secondary">
            Check roster
          </button>
        </div>
        {checked ? (
          <div role="status">
            <p>
              Signed by {checked.exporter.personName} ({checked.exporter.fingerprint}), {formatInstant(checked.createdAt)}.
            </p>
            <RosterTable roster={checked} />
            {checked.signerTrusted ? (
              <div className="button-row">
                <button type="button" className="button" onClick={() => void importIt()}>
                  {checked.newDevices === 0
                    ? 'Nothing new — import anyway'
                    : `Trust ${checked.newDevices} new ${checked.newDevices === 1 ? 'laptop' : 'laptops'}`}
                </button>
              </div>
            ) : (
              <p>
                This laptop does not trust the roster’s signer yet. Import a bundle from that laptop first, trusting it after comparing its
                fingerprint; then import the roster.
              </p>
            )}
          </div>
        ) : null}
        {imported ? (
          <div role="status">
            <p>
              Trusted {imported.added} new {imported.added === 1 ? 'laptop' : 'laptops'}; {imported.alreadyTrusted} were trusted already.
            </p>
            <RosterTable roster={imported} />
          </div>
        ) : null}
      </form>
    </section>
  );
}
