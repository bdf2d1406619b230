/** The one clock. Services take it as a parameter so tests can set the time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand (lockout windows, retry backoff) without waiting. */
export function manualClock(
  start: number,
): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
    set(ms) {
      t = ms;
    },
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
