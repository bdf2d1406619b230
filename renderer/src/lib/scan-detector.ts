/**
 * Tells a keyboard-wedge barcode scanner from a person typing, by timing
 * alone. A wedge scanner "types" the payment code (付款码) much faster than
 * anyone can and ends it with Enter; a person types slower, and what they type
 * is never taken away from them.
 *
 * Pure and framework-free: feed it each keydown's `key` and time stamp (ms).
 *
 * - A printable character (a `key` of one character) joins the current run
 *   when it comes within `maxGapMs` of the previous one; after a longer gap
 *   it starts a new run. Answer: `buffering` — the key must still go through
 *   (it is typed into the focused field in real time; nobody can know yet
 *   whether it belongs to a scan).
 * - Enter ends the run. It is a `scan` when the run has `minLength` to
 *   `maxLength` characters and the Enter itself came within `maxEnterGapMs`
 *   of the last one; then (and only then) the caller should swallow that
 *   Enter. Otherwise `pass`.
 * - Modifier keys on their own (Shift, which a scanner may send for letters,
 *   CapsLock, …) are transparent: `pass`, the run goes on.
 * - Any other key (Backspace, Tab, arrows, Escape, IME 'Process', …) is a
 *   person: the run is dropped, `pass`.
 * - A time stamp going backwards breaks the run, like a long gap.
 */
export interface ScanDetectorOptions {
  /** Fewest characters in a scan. Default 8 (the shortest payment code has 16). */
  minLength?: number;
  /** Most characters in a scan; a longer run is no scan. Default 64. */
  maxLength?: number;
  /** Longest gap between two characters of one scan, ms. Default 35. */
  maxGapMs?: number;
  /** Longest gap between the last character and Enter, ms. Default `maxGapMs`. */
  maxEnterGapMs?: number;
}

export type ScanFeed = { kind: 'pass' } | { kind: 'buffering' } | { kind: 'scan'; code: string };

export interface ScanDetector {
  feed(key: string, timeStamp: number): ScanFeed;
  /** Forgets the current run (focus lost, screen changed). */
  reset(): void;
}

export const SCAN_DEFAULTS = {
  minLength: 8,
  maxLength: 64,
  maxGapMs: 35,
} as const;

/** Keys that only modify others: they neither join nor break a run. */
const MODIFIERS = new Set([
  'Shift',
  'CapsLock',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'Fn',
  'FnLock',
  'Hyper',
  'Super',
  'Symbol',
  'SymbolLock',
  'NumLock',
  'ScrollLock',
]);

const PASS: ScanFeed = { kind: 'pass' };
const BUFFERING: ScanFeed = { kind: 'buffering' };

export function isModifierKey(key: string): boolean {
  return MODIFIERS.has(key);
}

export function createScanDetector(opts: ScanDetectorOptions = {}): ScanDetector {
  const minLength = opts.minLength ?? SCAN_DEFAULTS.minLength;
  const maxLength = opts.maxLength ?? SCAN_DEFAULTS.maxLength;
  const maxGapMs = opts.maxGapMs ?? SCAN_DEFAULTS.maxGapMs;
  const maxEnterGapMs = opts.maxEnterGapMs ?? maxGapMs;
  let run = '';
  /** The run grew past maxLength: it can no longer be a scan (and stops growing). */
  let overflow = false;
  let last = Number.NEGATIVE_INFINITY;

  const reset = () => {
    run = '';
    overflow = false;
    last = Number.NEGATIVE_INFINITY;
  };
  const within = (t: number, gap: number) => t >= last && t - last <= gap;

  return {
    feed(key, t) {
      if (MODIFIERS.has(key)) return PASS;
      if (key === 'Enter') {
        const isScan =
          !overflow && run.length >= minLength && run.length > 0 && within(t, maxEnterGapMs);
        const code = run;
        reset();
        return isScan ? { kind: 'scan', code } : PASS;
      }
      // One UTF-16 unit or one astral character: a printable key. Named keys
      // ('Backspace', 'Tab', 'ArrowLeft', 'Process', 'Unidentified', …) are longer.
      if ([...key].length === 1) {
        if (run.length > 0 && !within(t, maxGapMs)) reset();
        if (run.length >= maxLength) overflow = true;
        else run += key;
        last = t;
        return BUFFERING;
      }
      reset();
      return PASS;
    },
    reset,
  };
}
