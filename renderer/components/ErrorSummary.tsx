import { useEffect, useRef } from 'react';
import type { FieldProblem } from '../../shared/contract/result';

/** The error-summary pattern: every problem listed at the top, each a link to its field. */
export function ErrorSummary({ problems, idFor }: { problems: FieldProblem[]; idFor: (field: string) => string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length > 0) box.current?.focus();
  }, [problems]);
  if (problems.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={`${p.field}-${i}`}>
            <a
              href={`#${idFor(p.field)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(idFor(p.field))?.focus();
              }}
            >
              {p.row ? `Row ${p.row}: ` : ''}
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
