// The renderer's idle lock, on a clock the test moves: no waiting, no timing.
import { describe, expect, it } from 'vitest';
import { IdleTimer, type Clock } from '../../renderer/features/session/idle-timer';

/** Timers that fire only when the test moves time on. */
function fakeClock(): Clock & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = until;
    },
    pending: () => timers.length,
  };
}

const MINUTE = 60_000;

describe('idle lock', () => {
  it('locks once the idle time passes with no input', () => {
    const clock = fakeClock();
    let locked = 0;
    new IdleTimer(15 * MINUTE, () => locked++, clock);
    clock.advance(15 * MINUTE - 1);
    expect(locked).toBe(0);
    clock.advance(1);
    expect(locked).toBe(1);
    clock.advance(60 * MINUTE);
    expect(locked).toBe(1);
  });

  it('input starts the idle time again', () => {
    const clock = fakeClock();
    let locked = 0;
    const timer = new IdleTimer(15 * MINUTE, () => locked++, clock);
    clock.advance(10 * MINUTE);
    timer.activity();
    clock.advance(10 * MINUTE);
    expect(locked).toBe(0);
    timer.activity();
    clock.advance(15 * MINUTE - 1);
    expect(locked).toBe(0);
    clock.advance(1);
    expect(locked).toBe(1);
  });

  it('keeps one timer however much input there is, and none once stopped', () => {
    const clock = fakeClock();
    let locked = 0;
    const timer = new IdleTimer(MINUTE, () => locked++, clock);
    for (let i = 0; i < 1000; i++) {
      clock.advance(50);
      timer.activity();
    }
    expect(clock.pending()).toBe(1);
    timer.stop();
    expect(clock.pending()).toBe(0);
    clock.advance(10 * MINUTE);
    expect(locked).toBe(0);
  });
});
