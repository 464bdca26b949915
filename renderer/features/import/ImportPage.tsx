// The Import screen: applications, or paper score sheets typed into a spreadsheet. Both share the
// round select, the CSV file field, the check → report → import flow and the error summary; each
// kind is offered only to people allowed to import it (the core checks again).
import { Link, useSearchParams } from 'react-router';
import type { MethodName } from '../../../shared/contract';
import { useCatalogue } from '../../app/queries';
import { Page } from '../../components/Page';
import { useMayCall } from '../session/session-cache';
import { ApplicationImport } from './ApplicationImport';
import { ScoreImport } from './ScoreImport';

type What = 'applications' | 'scores';

const KINDS: readonly { what: What; method: MethodName; label: string; hint: string; title: string }[] = [
  {
    what: 'applications',
    method: 'imports.commit',
    label: 'Applications',
    hint: 'New applications for a round, from the GrantPanel template or your own spreadsheet',
    title: 'Import applications',
  },
  {
    what: 'scores',
    method: 'scores.commit',
    label: 'Paper scores',
    hint: 'Paper score sheets that panel members filled in, typed into a spreadsheet: one row per score',
    title: 'Import paper scores',
  },
];

export function ImportPage() {
  const { rounds, loaded } = useCatalogue();
  const may = useMayCall();
  const [params, setParams] = useSearchParams();
  const kinds = KINDS.filter((k) => may(k.method));
  const what: What = kinds.find((k) => k.what === params.get('what'))?.what ?? kinds[0]?.what ?? 'applications';
  // A title that stays put while the choice changes, so choosing does not move focus to it.
  const title = kinds.length === 1 ? kinds[0]!.title : 'Import from a spreadsheet';

  if (loaded && rounds.length === 0) {
    return (
      <Page title={title} lede="Bring applications in from a spreadsheet saved as CSV.">
        <div className="empty-state">
          <h2>There is no round to import into yet</h2>
          <p>
            Applications always belong to a round. Set up the round first — its fund, dates and area budgets — then come back here with your
            CSV file.
          </p>
          <p>
            <Link to="/rounds/new">Set up a new round</Link>
          </p>
        </div>
      </Page>
    );
  }

  const choice =
    kinds.length > 1 ? (
      <fieldset className="field import-what">
        <legend>What are you importing?</legend>
        {kinds.map((k) => (
          <div key={k.what} className="radio-option">
            <input
              id={`import-what-${k.what}`}
              type="radio"
              name="import-what"
              checked={what === k.what}
              aria-describedby={`import-what-${k.what}-hint`}
              onChange={() =>
                setParams(
                  (p) => {
                    const next = new URLSearchParams(p);
                    next.set('what', k.what);
                    return next;
                  },
                  { replace: true },
                )
              }
            />
            <label htmlFor={`import-what-${k.what}`}>{k.label}</label>
            <span className="hint" id={`import-what-${k.what}-hint`}>
              {k.hint}
            </span>
          </div>
        ))}
      </fieldset>
    ) : null;

  return (
    <Page
      title={title}
      lede={`Bring ${kinds.length === 1 && what === 'scores' ? 'paper score sheets' : kinds.length === 1 ? 'applications' : 'applications or paper score sheets'} in from a spreadsheet saved as CSV. GrantPanel checks every row first and imports all of them or none.`}
    >
      {what === 'scores' ? (
        <ScoreImport key="scores" rounds={rounds} choice={choice} />
      ) : (
        <ApplicationImport key="applications" rounds={rounds} choice={choice} />
      )}
    </Page>
  );
}
