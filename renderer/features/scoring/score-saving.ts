// Saving a member's scores as they are entered. The screen shows what was typed at once (the
// member's own draft), and each score goes to the core in the order it was entered — one queue, so
// a quick 3 then 4 is never saved as 3. A saved score is set into the cached sheet, so nothing on
// screen waits for the whole sheet to be read again. Comments save after a pause in typing and
// when the box is left.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { OwnScore, ScoringSheet } from '../../../shared/contract/scoring';
import { call } from '../../app/api';
import { queryClient } from '../../app/query-client';
import { scoringSheetQuery } from './queries';

export type SaveState = { state: 'saving' } | { state: 'saved' } | { state: 'failed'; message: string };

export interface Draft {
  level: number | null;
  comment: string;
}

/** How long typing in a comment pauses before it is saved. */
export const COMMENT_PAUSE_MS = 800;

export function useScoreSaving(sheet: ScoringSheet) {
  const { applicationId } = sheet;
  const sheetKey = useMemo(() => scoringSheetQuery({ applicationId }).queryKey, [applicationId]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saves, setSaves] = useState<Record<string, SaveState>>({});
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  /** No save is on its way: the next one need not wait its turn. */
  const idle = useRef(true);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  /** What was last sent for each criterion, so leaving a box unchanged sends nothing. */
  const sent = useRef(new Map<string, string>());
  const latest = useRef(drafts);
  latest.current = drafts;

  // Leaving the sheet (the next application, the panel) sends any comment still waiting for a pause.
  const flushRef = useRef<(criterionId: string) => unknown>(() => undefined);
  useEffect(() => {
    const pending = timers.current;
    return () => [...pending.keys()].forEach((id) => flushRef.current(id));
  }, []);

  /** The score as the member sees it: what they typed, else what the core holds (a stale one counts as none). */
  const valueOf = useCallback(
    (criterionId: string): Draft & { stale: OwnScore | null } => {
      const own = sheet.mine.find((s) => s.criterionId === criterionId);
      const draft = drafts[criterionId];
      if (draft) return { ...draft, stale: null };
      if (own?.stale) return { level: null, comment: own.comment, stale: own };
      return { level: own?.level ?? null, comment: own?.comment ?? '', stale: null };
    },
    [drafts, sheet.mine],
  );

  const send = useCallback(
    (criterionId: string, draft: Draft) => {
      const key = JSON.stringify(draft);
      sent.current.set(criterionId, key);
      setSaves((s) => ({ ...s, [criterionId]: { state: 'saving' } }));
      const save = async () => {
        // The sheet is not read again for a score: the answer is set into it below (other reads of scores refresh as usual).
        const result = await call(
          'scoring.enter',
          { applicationId, criterionId, level: draft.level, comment: draft.comment },
          { quiet: true, except: sheetKey },
        );
        if (sent.current.get(criterionId) !== key) return; // a later entry is on its way
        if (!result.ok) {
          sent.current.delete(criterionId);
          setSaves((s) => ({ ...s, [criterionId]: { state: 'failed', message: result.error.message } }));
          return;
        }
        const saved = result.value;
        queryClient.setQueryData(sheetKey, (old) =>
          old ? { ...old, mine: [...old.mine.filter((s) => s.criterionId !== criterionId), saved] } : old,
        );
        // Drawn at once, not in a later task: "Saved" is the answer the member waits for at each key.
        flushSync(() => setSaves((s) => ({ ...s, [criterionId]: { state: 'saved' } })));
      };
      // With nothing on its way the request leaves now, before the screen is drawn again; otherwise after the one before.
      const job: Promise<unknown> = idle.current ? save() : queue.current.then(save);
      idle.current = false;
      const done = () => {
        if (queue.current === settled) idle.current = true;
      };
      const settled = job.then(done, done);
      queue.current = settled;
      return settled;
    },
    [applicationId, sheetKey],
  );

  const current = useCallback(
    (criterionId: string): Draft => {
      const draft = latest.current[criterionId];
      if (draft) return draft;
      const own = sheet.mine.find((s) => s.criterionId === criterionId);
      return { level: own && !own.stale ? own.level : null, comment: own?.comment ?? '' };
    },
    [sheet.mine],
  );

  /** A level chosen: shown at once, saved at once with the comment as it stands. */
  const setLevel = useCallback(
    (criterionId: string, level: number | null) => {
      const next = { ...current(criterionId), level };
      clearTimeout(timers.current.get(criterionId));
      setDrafts((d) => ({ ...d, [criterionId]: next }));
      latest.current = { ...latest.current, [criterionId]: next };
      void send(criterionId, next);
    },
    [current, send],
  );

  /** Saves a criterion's comment now if it changed since last sent (leaving the box, submitting). */
  const flush = useCallback(
    (criterionId: string) => {
      clearTimeout(timers.current.get(criterionId));
      timers.current.delete(criterionId);
      const draft = latest.current[criterionId];
      if (!draft || sent.current.get(criterionId) === JSON.stringify(draft)) return queue.current;
      return send(criterionId, draft);
    },
    [send],
  );

  flushRef.current = flush;

  /** A comment typed: shown at once, saved once typing pauses (a comment before its level is kept too). */
  const setComment = useCallback(
    (criterionId: string, comment: string) => {
      const next = { ...current(criterionId), comment };
      setDrafts((d) => ({ ...d, [criterionId]: next }));
      latest.current = { ...latest.current, [criterionId]: next };
      clearTimeout(timers.current.get(criterionId));
      timers.current.set(
        criterionId,
        setTimeout(() => void flush(criterionId), COMMENT_PAUSE_MS),
      );
    },
    [current, flush],
  );

  /** Every comment still waiting is sent, and every save has answered. */
  const settle = useCallback(async () => {
    for (const id of [...timers.current.keys()]) void flush(id);
    for (const id of Object.keys(latest.current)) void flush(id);
    await queue.current;
  }, [flush]);

  return { valueOf, saves, setLevel, setComment, flush, settle };
}
