// Locks the laptop after a time with no keyboard, pointer or touch input. The clock and timers are
// passed in, so tests drive time rather than wait for it.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (handle) => window.clearTimeout(handle as number),
};

/**
 * Calls onIdle once `idleMs` pass with no activity. Activity only notes the time (a mouse move fires
 * often); the one timer, when it fires early, waits out the rest.
 */
export class IdleTimer {
  private last: number;
  private handle: unknown = null;
  private stopped = false;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
    private readonly clock: Clock = realClock,
  ) {
    this.last = clock.now();
    this.schedule(idleMs);
  }

  activity(): void {
    this.last = this.clock.now();
  }

  stop(): void {
    this.stopped = true;
    if (this.handle !== null) this.clock.clearTimeout(this.handle);
    this.handle = null;
  }

  private schedule(ms: number): void {
    this.handle = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.handle = null;
    if (this.stopped) return;
    const left = this.last + this.idleMs - this.clock.now();
    if (left > 0) return this.schedule(left);
    this.stopped = true;
    this.onIdle();
  }
}

/** The input that counts as someone at the laptop. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
