// One criterion (or gate) of the sheet: its name, weight and guidance, the level as a radio group
// (arrow keys move within it, a digit sets it), the chosen level's descriptor, and a comment box,
// needed at the lowest and highest levels. Its quiet "Saved" says the last entry reached the core.
import { memo } from 'react';
import type { SaveState } from './score-saving';

export interface SheetItem {
  id: string;
  kind: 'criterion' | 'gate';
  number: number;
  name: string;
  guidance: string;
  /** The top level: a criterion's scale, or 1 for a gate (1 passes, 0 fails). */
  top: number;
  /** The levels in the order shown, each with its words. */
  levels: { level: number; label: string; descriptor: string }[];
  weight: number | null;
  /** Its share of the total weight, as a whole percentage; null for a gate. */
  share: number | null;
}

export const levelId = (itemId: string, level: number) => `level-${itemId}-${level}`;
export const commentId = (itemId: string) => `comment-${itemId}`;

/** Where a comment is needed: the lowest and the highest level of a criterion (never a gate). */
export const needsComment = (item: SheetItem, level: number | null) => item.kind === 'criterion' && (level === 0 || level === item.top);

export const CriterionScore = memo(function CriterionScore({
  item,
  level,
  comment,
  stale,
  save,
  error,
  onLevel,
  onComment,
  onCommentDone,
}: {
  item: SheetItem;
  level: number | null;
  comment: string;
  /** The level it was given against an earlier rubric, which no longer counts. */
  stale: number | null;
  save: SaveState | undefined;
  error: string | undefined;
  onLevel: (itemId: string, level: number) => void;
  onComment: (itemId: string, comment: string) => void;
  onCommentDone: (itemId: string) => void;
}) {
  const chosen = item.levels.find((l) => l.level === level);
  const needed = needsComment(item, level);
  const missing = needed && !comment.trim();
  const describedBy = [`guidance-${item.id}`, error ? `error-${item.id}` : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`criterion${error ? ' invalid' : ''}${level !== null ? ' scored' : ''}`}
      data-criterion={item.id}
      data-top={item.top}
      aria-describedby={describedBy}
    >
      <legend className="criterion-name">
        <span className="criterion-number">{item.number}.</span> {item.name}
      </legend>
      <div className="criterion-meta-row">
        <p className="criterion-meta">
          {item.kind === 'gate' ? (
            'Gate: passes or fails, apart from the score (1 passes, 0 fails)'
          ) : (
            <>
              Weight {item.weight} ({item.share}% of the score) · levels 0 to {item.top}
            </>
          )}
        </p>
        <span className={`save-status${save?.state === 'failed' ? ' failed' : ''}`} role="status">
          {save?.state === 'saved' ? 'Saved' : save?.state === 'failed' ? `Not saved: ${save.message}` : ''}
        </span>
      </div>
      <p className="criterion-guidance" id={`guidance-${item.id}`}>
        {item.guidance}
      </p>
      {error ? (
        <p className="field-error" id={`error-${item.id}`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {stale !== null ? (
        <p className="field-warning">
          Score again: you gave {item.kind === 'gate' ? (stale === 1 ? 'passes' : 'fails') : stale} against an earlier version of the
          rubric, which no longer counts.
        </p>
      ) : null}
      <div className={`levels${item.kind === 'gate' ? ' gate-levels' : ''}`}>
        {item.levels.map((l) => (
          <label key={l.level} className="level" htmlFor={levelId(item.id, l.level)}>
            <input
              type="radio"
              id={levelId(item.id, l.level)}
              name={`level-${item.id}`}
              value={l.level}
              checked={level === l.level}
              aria-describedby={`descriptor-${item.id}-${l.level}`}
              onChange={() => onLevel(item.id, l.level)}
            />
            <span className="level-label">{l.label}</span>
          </label>
        ))}
      </div>
      {/* Each level's words, read out with its radio button; the chosen one is shown below. */}
      <span className="visually-hidden">
        {item.levels.map((l) => (
          <span key={l.level} id={`descriptor-${item.id}-${l.level}`}>
            {l.descriptor}
          </span>
        ))}
      </span>
      <p className="descriptor" aria-hidden="true">
        {chosen ? (
          <>
            <strong>{chosen.label}:</strong> {chosen.descriptor}
          </>
        ) : (
          <span className="descriptor-none">Not scored yet</span>
        )}
      </p>
      <div className={`criterion-comment${missing ? ' comment-needed' : ''}`}>
        <label htmlFor={commentId(item.id)}>
          Comment<span className="visually-hidden"> on {item.name}</span>
          {needed ? <span className="comment-required"> (needed at this level)</span> : <span className="label-aside"> (optional)</span>}
        </label>
        {missing ? (
          <span className="field-warning" id={`comment-${item.id}-needed`}>
            Say why you gave {chosen?.label}: a comment is needed at the lowest and the highest level.
          </span>
        ) : null}
        <textarea
          id={commentId(item.id)}
          rows={1}
          value={comment}
          aria-required={needed || undefined}
          aria-describedby={missing ? `comment-${item.id}-needed` : undefined}
          onChange={(e) => onComment(item.id, e.target.value)}
          onBlur={() => onCommentDone(item.id)}
        />
      </div>
    </fieldset>
  );
});
