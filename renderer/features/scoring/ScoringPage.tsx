// Scoring one application at a panel table. First the member declares whether they have an
// interest; with none, the application's key facts sit beside the criteria and every score is saved
// as it is entered; once submitted, their own scores are final and the other members' appear.
// Officers and the Chief Executive read it all and score nothing. N and P move between the panel's
// applications without the mouse.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { RubricRecord } from '../../../shared/domain/rubric';
import type { ScoringSheet } from '../../../shared/contract/scoring';
import { Page } from '../../components/Page';
import type { SheetItem } from './CriterionScore';
import { DeclarationForm } from './DeclarationForm';
import { KeyFacts } from './KeyFacts';
import { PanelScores } from './PanelScores';
import { ScoringForm } from './ScoringForm';
import { scoringSheetQuery } from './queries';
import { scoringKeyAction, scoringPath, typedInto } from './scoring-keys';
import './scoring.css';

/** The rubric as the sheet lists it: criteria in order, then the gates. */
export function itemsOf(rubric: RubricRecord): SheetItem[] {
  const total = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  return [
    ...rubric.criteria.map((c, i) => ({
      id: c.id,
      kind: 'criterion' as const,
      number: i + 1,
      name: c.name,
      guidance: c.guidance,
      top: c.scale,
      levels: c.descriptors.map((descriptor, level) => ({ level, label: String(level), descriptor })),
      weight: c.weight,
      share: Math.round((100 * c.weight) / total),
    })),
    ...rubric.gates.map((g, i) => ({
      id: g.id,
      kind: 'gate' as const,
      number: rubric.criteria.length + i + 1,
      name: g.name,
      guidance: g.guidance,
      top: 1,
      levels: [
        { level: 1, label: 'Passes', descriptor: 'It meets this gate.' },
        { level: 0, label: 'Fails', descriptor: 'It fails this gate, and is excluded from the ranking whatever its score.' },
      ],
      weight: null,
      share: null,
    })),
  ];
}

export function ScoringPage() {
  const { applicationId = '' } = useParams();
  const sheet = useQuery(scoringSheetQuery({ applicationId }));
  if (!sheet.data) {
    const code = sheet.error?.error.code;
    return (
      <Page title={code === 'NOT_FOUND' ? 'Application not found' : code === 'FORBIDDEN' ? 'Not your panel' : 'Score an application'}>
        <p role="status">{sheet.isPending ? 'Loading the scoring sheet…' : sheet.error?.message}</p>
        <p>
          <Link to="/applications">Go to the applications</Link>
        </p>
      </Page>
    );
  }
  // A new sheet for each application: what was typed on one never shows on the next.
  return <SheetView key={applicationId} sheet={sheet.data} />;
}

type Stage = 'declare' | 'interest' | 'scoring' | 'read';

function stageOf(s: ScoringSheet): Stage {
  if (s.declaration.state === 'interest') return 'interest';
  if (!s.application) return 'declare';
  return s.cannotScore === null ? 'scoring' : 'read';
}

function SheetView({ sheet }: { sheet: ScoringSheet }) {
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  const done = useRef<HTMLHeadingElement>(null);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const stage = stageOf(sheet);
  const items = useMemo(() => (sheet.rubric ? itemsOf(sheet.rubric) : []), [sheet.rubric]);

  useEffect(() => {
    document.title = `Score ${sheet.reference} — GrantPanel`;
  }, [sheet.reference]);
  // Focus starts on the page's title, except where the member scores (the sheet takes it) or has just submitted.
  useEffect(() => {
    if (stage === 'scoring') return;
    if (justSubmitted && stage === 'read') done.current?.focus();
    else heading.current?.focus({ preventScroll: true });
  }, [stage, justSubmitted]);

  // N and P open the next and previous application, anywhere on the page but in a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const action = scoringKeyAction(e, { inText: typedInto(e.target), inLevels: null, commentInPath: false });
      const to = action?.do === 'next-application' ? sheet.next : action?.do === 'previous-application' ? sheet.previous : null;
      if (!to) return;
      e.preventDefault();
      void navigate(scoringPath(to));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigate, sheet.next, sheet.previous]);

  // Someone who reads the application in full without having declared sits on no seat: they read, not score.
  const member = !(sheet.application !== null && sheet.declaration.state === 'undeclared');
  return (
    <div className="scoring-page">
      <Link className="back-link" to={`/panels/${encodeURIComponent(sheet.panel.id)}`}>
        Back to {sheet.panel.name}
      </Link>
      <div className="page-head scoring-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            <span className="scoring-caption">Score {sheet.reference}</span>
            {sheet.projectTitle}
          </h1>
          <p className="lede">
            {sheet.organisationName} · {sheet.roundName}
          </p>
        </div>
        <nav className="scoring-nav" aria-label="Applications on this panel">
          {member ? (
            <p className="scoring-progress">
              <strong className="num">
                {sheet.progress.submitted} of {sheet.progress.total}
              </strong>{' '}
              scored
            </p>
          ) : null}
          <div className="scoring-moves">
            {sheet.previous ? (
              <Link className="button secondary small" to={scoringPath(sheet.previous)} aria-keyshortcuts="P">
                ‹ Previous <span className="visually-hidden">application</span>
                <kbd aria-hidden="true">P</kbd>
              </Link>
            ) : null}
            {sheet.next ? (
              <Link className="button secondary small" to={scoringPath(sheet.next)} aria-keyshortcuts="N">
                Next <span className="visually-hidden">application</span>
                <kbd aria-hidden="true">N</kbd> ›
              </Link>
            ) : null}
          </div>
        </nav>
      </div>

      {stage === 'declare' ? (
        <DeclarationForm applicationId={sheet.applicationId} />
      ) : stage === 'interest' ? (
        <InterestStatement sheet={sheet} />
      ) : stage === 'scoring' && sheet.application ? (
        <div className="sheet-layout">
          {/* Its own scroll box where it sits beside the criteria, so it is focusable to scroll by keyboard. */}
          <section className="sheet-facts" aria-labelledby="key-facts-title" tabIndex={0}>
            <KeyFacts application={sheet.application} />
          </section>
          <section className="sheet-work" aria-label="Scoring">
            <ScoringForm sheet={sheet} items={items} onSubmitted={() => setJustSubmitted(true)} />
            <ScoringKeys />
          </section>
        </div>
      ) : (
        <>
          {sheet.submitted ? (
            <div className="panel success">
              <h2 className="panel-title" ref={done} tabIndex={-1}>
                Your scores are submitted
              </h2>
              <p>
                They are final for this application. {sheet.others ? 'The other members’ scores and comments are below.' : ''}
                {sheet.next ? (
                  <>
                    {' '}
                    <Link to={scoringPath(sheet.next)}>Score the next application</Link>.
                  </>
                ) : (
                  <>
                    {' '}
                    <Link to={`/panels/${encodeURIComponent(sheet.panel.id)}`}>Back to the panel’s applications</Link>.
                  </>
                )}
              </p>
            </div>
          ) : sheet.cannotScore ? (
            <div className="panel" role="note">
              {sheet.cannotScore}.
            </div>
          ) : null}
          {sheet.others && items.length > 0 ? (
            <>
              <h2>{sheet.submitted ? 'Every member’s scores' : 'Members’ scores'}</h2>
              <PanelScores items={items} others={sheet.others} mine={sheet.submitted ? sheet.mine : null} />
            </>
          ) : null}
          {sheet.application ? (
            <section className="read-facts" aria-labelledby="key-facts-title">
              <KeyFacts application={sheet.application} />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

function InterestStatement({ sheet }: { sheet: ScoringSheet }) {
  const { natures, disputed } = sheet.declaration;
  return (
    <div className="panel warning interest-statement">
      <h2 className="panel-title">You take no part in this application</h2>
      {disputed ? (
        <p>
          Your declarations for this application disagree — they were made on different laptops. Until a grants officer settles it, it
          counts as an interest.
        </p>
      ) : (
        <p>
          You declared an interest in it
          {natures.length > 0 ? <>: {natures.map((n) => `“${n}”`).join('; ')}</> : '.'}
        </p>
      )}
      <p>
        So you do not read it in full, score it, see its scores or take part in its moderation. Your absence is recorded in the panel’s
        register of interests.
      </p>
      {sheet.next ? (
        <p>
          <Link to={scoringPath(sheet.next)}>Go to the next application</Link>
        </p>
      ) : null}
    </div>
  );
}

/** The keys, on the page, so nobody has to guess them. */
function ScoringKeys() {
  return (
    <section className="scoring-keys" aria-labelledby="scoring-keys-title">
      <h2 id="scoring-keys-title">Keys for scoring</h2>
      <dl>
        <dt>
          <kbd>0</kbd> to <kbd>5</kbd>
        </dt>
        <dd>Score the criterion you are on (gates: 1 passes, 0 fails); arrow keys also move between levels</dd>
        <dt>
          <kbd>Enter</kbd> or <kbd>Tab</kbd>
        </dt>
        <dd>Next criterion (Tab goes through the comment where one is needed or written)</dd>
        <dt>
          <kbd>Shift</kbd>+<kbd>Tab</kbd>
        </dt>
        <dd>Back</dd>
        <dt>
          <kbd>C</kbd>
        </dt>
        <dd>Write a comment on the criterion you are on</dd>
        <dt>
          <kbd>Delete</kbd>
        </dt>
        <dd>Clear the criterion’s score</dd>
        <dt>
          <kbd>N</kbd> / <kbd>P</kbd>
        </dt>
        <dd>Next or previous application (not while typing a comment)</dd>
      </dl>
      <p className="hint">Every score and comment is saved as you enter it: nothing is lost if the laptop stops.</p>
    </section>
  );
}
