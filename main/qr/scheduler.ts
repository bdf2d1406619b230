import type { Clock } from '../core/clock';

/**
 * The clock plus a way to wait. The QR flow polls for a minute; taking this as
 * a parameter lets tests run that minute in microseconds.
 */
export interface Scheduler extends Clock {
  /** Resolves after `ms`, or at once when `signal` aborts. Never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: Date.now and setTimeout. */
export function systemScheduler(): Scheduler {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        signal?.addEventListener('abort', done, { once: true });
      }),
  };
}

export interface ManualScheduler extends Scheduler {
  /** Every sleep asked for, in order, with the time it started. */
  readonly sleeps: ReadonlyArray<{ at: number; ms: number }>;
  advance(ms: number): void;
}

/**
 * Time moves only when someone sleeps (or calls advance): each sleep jumps the
 * clock forward and resolves on the next microtask, so a 60 s poll finishes
 * instantly while every timestamp still reads as if it had waited.
 */
export function manualScheduler(start = 0): ManualScheduler {
  let t = start;
  const sleeps: Array<{ at: number; ms: number }> = [];
  return {
    sleeps,
    now: () => t,
    advance(ms) {
      t += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) return;
      sleeps.push({ at: t, ms });
      t += Math.max(0, ms);
      await Promise.resolve();
    },
  };
}
