import type { HostFaults, ReplyMutator, ReversalFailMode } from './types';

/** What the knobs say about one request. */
export interface RequestFaults {
  drop: boolean;
  silent: boolean;
  garbage: boolean;
  /** 0 = reply at once. */
  delayMs: number;
  /** Applied to the reply frame before it goes out (mutateNextReply). */
  mutate: ReplyMutator | null;
}

export interface FaultState {
  readonly knobs: HostFaults;
  /** Counts every armed request knob down by one and says what applies. */
  takeRequest(): RequestFaults;
  /** Counts the reversal knob down when armed; null = treat the reversal normally. */
  takeReversal(): ReversalFailMode | null;
  refusing(): boolean;
  /** Counts the 77 knob down when armed. */
  takeBatchMismatch(): boolean;
}

function count(name: string, n: number): number {
  // A typo'd count (NaN, -1) would silently disarm the knob and make a test pass for the wrong reason.
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${name}: count must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

/** One set of knobs per host instance. */
export function createFaults(): FaultState {
  let drop = 0;
  let silent = 0;
  let garbage = 0;
  let delay = { left: 0, ms: 0 };
  let reversals = { left: 0, mode: 'silent' as ReversalFailMode };
  let refuse = false;
  let mismatch = 0;
  let later: { pass: number; fault: 'drop' | 'silent' | 'garbage' } | null = null;
  let mutate: ReplyMutator | null = null;

  const knobs: HostFaults = {
    dropNext: (n) => void (drop = count('dropNext', n)),
    silentNext: (n) => void (silent = count('silentNext', n)),
    garbageNext: (n) => void (garbage = count('garbageNext', n)),
    delayNext(n, ms) {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`delayNext: ms must be a non-negative number, got ${String(ms)}`);
      }
      delay = { left: count('delayNext', n), ms };
    },
    failReversals(n, mode) {
      if (mode !== 'silent' && mode !== '96') {
        throw new RangeError(`failReversals: mode must be 'silent' or '96', got ${String(mode)}`);
      }
      reversals = { left: count('failReversals', n), mode };
    },
    refuseConnections: (on) => void (refuse = on),
    batchMismatchNext: (n) => void (mismatch = count('batchMismatchNext', n)),
    mutateNextReply(fn) {
      if (typeof fn !== 'function') {
        throw new RangeError(`mutateNextReply: expected a function, got ${typeof fn}`);
      }
      mutate = fn;
    },
    failAfter(pass, fault) {
      if (fault !== 'drop' && fault !== 'silent' && fault !== 'garbage') {
        throw new RangeError(
          `failAfter: fault must be drop, silent or garbage, got ${String(fault)}`,
        );
      }
      later = { pass: count('failAfter', pass), fault };
    },
    reset() {
      drop = silent = garbage = 0;
      delay = { left: 0, ms: 0 };
      reversals = { left: 0, mode: 'silent' };
      refuse = false;
      later = null;
      mismatch = 0;
      mutate = null;
    },
  };

  return {
    knobs,
    takeRequest() {
      if (later && later.pass === 0) {
        const fault = later.fault;
        later = null;
        return {
          drop: fault === 'drop',
          silent: fault === 'silent',
          garbage: fault === 'garbage',
          delayMs: 0,
          mutate: null,
        };
      }
      if (later) later = { ...later, pass: later.pass - 1 };
      const out: RequestFaults = {
        drop: drop > 0,
        silent: silent > 0,
        garbage: garbage > 0,
        delayMs: delay.left > 0 ? delay.ms : 0,
        mutate,
      };
      mutate = null;
      drop = Math.max(0, drop - 1);
      silent = Math.max(0, silent - 1);
      garbage = Math.max(0, garbage - 1);
      delay = { ...delay, left: Math.max(0, delay.left - 1) };
      return out;
    },
    takeReversal() {
      if (reversals.left === 0) return null;
      reversals = { ...reversals, left: reversals.left - 1 };
      return reversals.mode;
    },
    refusing: () => refuse,
    takeBatchMismatch() {
      if (mismatch === 0) return false;
      mismatch -= 1;
      return true;
    },
  };
}
