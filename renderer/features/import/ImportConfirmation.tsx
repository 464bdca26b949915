// What an import did and what to do next: where the imported records are now.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  /** What was imported, into which round. */
  summary: ReactNode;
  /** Where it came from and what happens to it next. */
  note: ReactNode;
  /** Where to see it: the first is the main next step. */
  links: { to: string; label: string }[];
  onAnother: () => void;
}

export function ImportConfirmation({ summary, note, links, onAnother }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="panel success import-confirmation">
      <h2 ref={heading} tabIndex={-1}>
        Import complete
      </h2>
      <p>{summary}</p>
      <p className="hint">{note}</p>
      <div className="button-row">
        {links.map((l, i) => (
          <Link key={l.to} className={i === 0 ? 'button' : 'button secondary'} to={l.to}>
            {l.label}
          </Link>
        ))}
        <button type="button" className="button secondary" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </div>
  );
}
