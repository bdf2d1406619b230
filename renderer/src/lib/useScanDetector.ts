import { useLayoutEffect, useRef } from 'react';
import { createScanDetector, isModifierKey, type ScanDetectorOptions } from './scan-detector';

export interface UseScanDetectorOptions extends ScanDetectorOptions {
  /** Listen only while true (e.g. while the QR step waits for a code). Default true. */
  enabled?: boolean;
  /**
   * The time of a key, ms. Default: the event's own `timeStamp`, which the
   * browser takes when the key is pressed, so a busy page that handles queued
   * keys late cannot make a person's typing look like a scanner burst. Tests
   * inject a fake clock here (jsdom does not take a time stamp from the test).
   */
  now?: () => number;
}

/**
 * Calls `onScan(code)` when a keyboard-wedge scanner "types" a code, wherever
 * the focus is (the listener is on window, capture phase, so it sees keys
 * before any field or screen does).
 *
 * The characters of a burst are typed into the focused field as they arrive
 * (nobody can know in advance that they are a scan): the QR screen simply
 * replaces its field with the code it is given. Only the final Enter of a
 * scan is taken away — default prevented and propagation stopped — so it
 * neither submits a form nor reaches a screen's own Enter key. Everything a
 * person types goes through untouched.
 *
 * Keys held down (auto-repeat), keys during an IME composition and chords
 * with Ctrl/Alt/Meta are a person's: they end the current run.
 */
export function useScanDetector(
  onScan: (code: string) => void,
  opts: UseScanDetectorOptions = {},
): void {
  const { enabled = true, now, minLength, maxLength, maxGapMs, maxEnterGapMs } = opts;
  const onScanRef = useRef(onScan);
  const nowRef = useRef(now);
  useLayoutEffect(() => {
    onScanRef.current = onScan;
    nowRef.current = now;
  });

  // Listening from the commit that draws the screen (a layout effect), not from
  // a passive effect some task later: a scan fired as the screen appears (the
  // next customer's code on a result screen) is not lost in between.
  useLayoutEffect(() => {
    if (!enabled) return;
    const detector = createScanDetector({
      ...(minLength !== undefined ? { minLength } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(maxGapMs !== undefined ? { maxGapMs } : {}),
      ...(maxEnterGapMs !== undefined ? { maxEnterGapMs } : {}),
    });
    const onKeyDown = (e: KeyboardEvent) => {
      if (isModifierKey(e.key)) return;
      if (e.isComposing || e.repeat || e.ctrlKey || e.altKey || e.metaKey) {
        detector.reset();
        return;
      }
      const t = nowRef.current ? nowRef.current() : e.timeStamp;
      const result = detector.feed(e.key, t);
      if (result.kind !== 'scan') return;
      e.preventDefault();
      e.stopPropagation();
      onScanRef.current(result.code);
    };
    const onBlur = () => detector.reset();
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled, minLength, maxLength, maxGapMs, maxEnterGapMs]);
}
