// What an import did and what to do next.
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';

export interface ImportDone {
  imported: number;
  skippedDuplicates: number;
  roundId: string;
  roundName: string;
  fileName: string;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : `${one}s`}`;

export function ImportConfirmation({ done, onAnother }: { done: ImportDone; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="panel success import-confirmation">
      <h2 ref={heading} tabIndex={-1}>
        Import complete
      </h2>
      <p>
        {plural(done.imported, 'application')} imported into {done.roundName}.
        {done.skippedDuplicates > 0 ? ` ${plural(done.skippedDuplicates, 'duplicate')} skipped.` : ''}
      </p>
      <p className="hint">
        From {done.fileName}. Each application is now in the register with the status Received, ready for eligibility screening.
      </p>
      <div className="button-row">
        <Link className="button" to={`/applications?round=${encodeURIComponent(done.roundId)}`}>
          View the applications
        </Link>
        <button type="button" className="button secondary" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </div>
  );
}
