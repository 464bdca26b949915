// The criteria a member scores, by keyboard first: a digit sets the level of the criterion in
// focus, Enter or Tab moves to the next, Shift+Tab back, C opens the comment. Every entry is saved
// as it is made. "Submit my scores" lists what is missing, each a link to its criterion.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FieldProblem } from '../../../shared/contract/result';
import type { ScoringSheet } from '../../../shared/contract/scoring';
import { call } from '../../app/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { commentId, CriterionScore, levelId, needsComment, type SheetItem } from './CriterionScore';
import { useScoreSaving } from './score-saving';
import { scoringKeyAction, typedInto } from './scoring-keys';

export function ScoringForm({ sheet, items, onSubmitted }: { sheet: ScoringSheet; items: SheetItem[]; onSubmitted: () => void }) {
  const saving = useScoreSaving(sheet);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  /** Criteria changed since the last attempt to submit: their problem may be fixed. */
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const submitButton = useRef<HTMLButtonElement>(null);

  const commentInPath = (item: SheetItem) => {
    const v = saving.valueOf(item.id);
    return needsComment(item, v.level) || v.comment.trim() !== '';
  };
  const focusLevels = (item: SheetItem) => {
    const level = saving.valueOf(item.id).level;
    const first = item.levels[0]?.level ?? 0;
    document.getElementById(levelId(item.id, level ?? first))?.focus();
  };

  // Opened to score: focus is on the first criterion still to score, ready for a digit.
  useEffect(() => {
    const first = items.find((i) => saving.valueOf(i.id).level === null) ?? items[0];
    if (first) focusLevels(first);
    // Only as the sheet opens: later focus is the member's own.
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const box = target.closest<HTMLElement>('[data-criterion]');
    const at = box ? items.findIndex((i) => i.id === box.dataset.criterion) : -1;
    const item = items[at];
    const inLevels = !!item && target instanceof HTMLInputElement && target.type === 'radio';
    const action = scoringKeyAction(e, {
      inText: typedInto(target),
      inLevels: inLevels && item ? { top: item.top } : null,
      commentInPath: !!item && commentInPath(item),
    });
    if (!action || !item) return;
    const next = items[at + 1];
    const previous = items[at - 1];
    switch (action.do) {
      case 'level':
        if (!item.levels.some((l) => l.level === action.level)) return;
        e.preventDefault();
        change(item.id, () => saving.setLevel(item.id, action.level));
        document.getElementById(levelId(item.id, action.level))?.focus();
        return;
      case 'clear':
        e.preventDefault();
        change(item.id, () => saving.setLevel(item.id, null));
        return;
      case 'next-criterion':
        e.preventDefault();
        if (next) focusLevels(next);
        else submitButton.current?.focus();
        return;
      case 'previous-criterion':
        if (!previous) return; // Shift+Tab from the first criterion leaves the sheet as usual
        e.preventDefault();
        if (commentInPath(previous)) document.getElementById(commentId(previous.id))?.focus();
        else focusLevels(previous);
        return;
      case 'comment':
        e.preventDefault();
        document.getElementById(commentId(item.id))?.focus();
        return;
      default:
        return; // next/previous application: the page's own keys
    }
  };

  /**
   * A change to a criterion takes its message away from the criterion; the summary stays as the
   * last attempt to submit left it (changing it would take focus back to it at every key).
   */
  const change = (itemId: string, fn: () => void) => {
    fn();
    if (problems.some((p) => p.field === itemId) && !touched.has(itemId)) setTouched((t) => new Set(t).add(itemId));
  };

  // Steady handlers, so a key press draws again only the criterion it changed.
  const handlers = useRef({ change, saving });
  handlers.current = { change, saving };
  const onLevel = useCallback(
    (id: string, level: number) => handlers.current.change(id, () => handlers.current.saving.setLevel(id, level)),
    [],
  );
  const onComment = useCallback(
    (id: string, comment: string) => handlers.current.change(id, () => handlers.current.saving.setComment(id, comment)),
    [],
  );
  const onCommentDone = useCallback((id: string) => void handlers.current.saving.flush(id), []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    await saving.settle();
    const result = await call('scoring.submit', { applicationId: sheet.applicationId }, { quiet: true });
    setSubmitting(false);
    setTouched(new Set());
    if (!result.ok) {
      setProblems(result.error.details?.length ? result.error.details : [{ field: 'submit', message: result.error.message }]);
      return;
    }
    setProblems([]);
    onSubmitted();
  };

  const idFor = (field: string) => {
    const item = items.find((i) => i.id === field);
    if (!item) return 'submit-scores';
    const v = saving.valueOf(item.id);
    if (v.level !== null && needsComment(item, v.level)) return commentId(item.id);
    return levelId(item.id, v.level ?? item.levels[0]?.level ?? 0);
  };

  const scored = items.filter((i) => saving.valueOf(i.id).level !== null).length;
  return (
    <form className="scoring-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="criteria-title">
      <ErrorSummary problems={problems} idFor={idFor} />
      <div className="criteria-head">
        <h2 id="criteria-title">Your scores</h2>
        <p className="criteria-count num">
          {scored} of {items.length} answered
        </p>
      </div>
      <div className="criteria" onKeyDown={onKeyDown}>
        {items.map((item) => {
          const v = saving.valueOf(item.id);
          return (
            <CriterionScore
              key={item.id}
              item={item}
              level={v.level}
              comment={v.comment}
              stale={v.stale?.level ?? null}
              save={saving.saves[item.id]}
              error={touched.has(item.id) ? undefined : problems.find((p) => p.field === item.id)?.message}
              onLevel={onLevel}
              onComment={onComment}
              onCommentDone={onCommentDone}
            />
          );
        })}
      </div>
      <div className="button-row submit-row">
        <button type="submit" className="button" id="submit-scores" ref={submitButton} aria-disabled={submitting || undefined}>
          {submitting ? 'Submitting…' : 'Submit my scores'}
        </button>
        <span className="hint">Once submitted your scores are final for this application, and you see the other members’ scores.</span>
      </div>
    </form>
  );
}
