// Blank paper score sheets for members scoring without a laptop: one application's sheet, or the
// whole panel's pack (a cover page and a sheet per application), blank or with one member's name.
// The officer prints them; completed sheets are typed in from each application's page, or typed
// into a spreadsheet and imported all at once on the Import screen.
import { useState } from 'react';
import { Link } from 'react-router';
import type { PanelDetail } from '../../../shared/contract/panels';
import { call } from '../../app/api';
import { SelectField } from '../../components/fields';
import { SaveDocumentButton } from '../../components/SaveDocumentButton';
import { slug } from '../moderation/words';
import { useMayCall } from '../session/session-cache';

const ANY = 'any';

export function ScoreSheetButton({ applicationId, reference }: { applicationId: string; reference: string }) {
  return (
    <SaveDocumentButton
      purpose="pdf"
      fileName={`score-sheet-${slug(reference)}.pdf`}
      write={(file) => call('documents.scoreSheet', { applicationId, file })}
      label="Print a blank score sheet (PDF)"
      busyLabel="Making the sheet…"
      saved="the score sheet"
    />
  );
}

export function PanelPackSection({ panel }: { panel: PanelDetail }) {
  const [member, setMember] = useState(ANY);
  const memberId = member === ANY ? undefined : member;
  const name = panel.members.find((m) => m.id === memberId)?.name;
  const may = useMayCall();
  return (
    <section aria-labelledby="paper-sheets" className="paper-sheets">
      <h2 id="paper-sheets">Paper score sheets</h2>
      <p>
        For members scoring on paper: a cover page and a blank score sheet for each of the panel’s {panel.applications.length}{' '}
        {panel.applications.length === 1 ? 'application' : 'applications'}. Type completed sheets in from each application’s page.
      </p>
      <SelectField
        id="pack-member"
        label="Name on the sheets"
        hint="Print one pack per member with their name on it, or blank packs for anyone"
        value={member}
        options={[{ value: ANY, label: 'Blank, for any member' }, ...panel.members.map((m) => ({ value: m.id, label: m.name }))]}
        onChange={setMember}
      />
      <SaveDocumentButton
        purpose="pdf"
        fileName={`panel-pack-${slug(panel.name)}${name ? `-${slug(name)}` : ''}.pdf`}
        write={(file) => call('documents.panelPack', { panelId: panel.id, ...(memberId ? { memberId } : {}), file })}
        label="Print the panel pack (PDF)"
        busyLabel="Making the pack…"
        saved="the panel pack"
      />
      {may('scores.commit') ? (
        <p>
          Many sheets to type in? Type them into a spreadsheet, one row per score, and{' '}
          <Link to={`/import?what=scores&round=${encodeURIComponent(panel.roundId)}`}>import the paper scores</Link> all at once.
        </p>
      ) : null}
    </section>
  );
}
