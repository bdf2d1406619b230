import { isModifierKey, SCAN_DEFAULTS } from './scan-detector';

/**
 * Single keys pick menu items on the standby screen (待机), and a cashier
 * with a customer waiting scans the first product right there. A
 * keyboard-wedge scanner "types" the barcode, and a Chinese product's EAN-13
 * starts with 69: without this, its '6' opened 预授权 and its '9' 签退, and
 * the rest of the code landed in whatever field that screen had.
 *
 * So a menu key picks its item only once no second character follows it
 * within the scanner's gap (`menu`: the caller waits `settleMs`, and drops the
 * wait on `burst`). Characters that come faster than anyone types are a
 * burst; the Enter that ends one makes it a `scan` (any length: only a
 * machine types that fast). Enter on its own is `enter`.
 *
 * Pure and framework-free: feed it each keydown's `key` and time stamp (ms).
 */
export type MenuOrScanFeed =
  | { kind: 'menu'; key: string; settleMs: number }
  | { kind: 'burst' }
  | { kind: 'scan'; code: string }
  | { kind: 'enter' }
  | { kind: 'pass' };

export interface MenuOrScan {
  feed(key: string, timeStamp: number): MenuOrScanFeed;
  reset(): void;
}

export function createMenuOrScan(opts: { maxGapMs?: number; maxLength?: number } = {}): MenuOrScan {
  const maxGapMs = opts.maxGapMs ?? SCAN_DEFAULTS.maxGapMs;
  const maxLength = opts.maxLength ?? SCAN_DEFAULTS.maxLength;
  let run = '';
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => {
    run = '';
    last = Number.NEGATIVE_INFINITY;
  };
  const soon = (t: number) => t >= last && t - last <= maxGapMs;

  return {
    feed(key, t) {
      if (isModifierKey(key)) return { kind: 'pass' };
      if (key === 'Enter') {
        const fast = run.length > 0 && soon(t);
        const code = run;
        reset();
        if (!fast) return { kind: 'enter' };
        // One character and Enter that fast is no menu choice either: dropped.
        return code.length >= 2 && code.length <= maxLength
          ? { kind: 'scan', code }
          : { kind: 'burst' };
      }
      if ([...key].length !== 1) {
        reset();
        return { kind: 'pass' };
      }
      const joins = run.length > 0 && soon(t);
      run = joins ? run + key : key;
      last = t;
      return joins ? { kind: 'burst' } : { kind: 'menu', key, settleMs: maxGapMs + 15 };
    },
    reset,
  };
}
