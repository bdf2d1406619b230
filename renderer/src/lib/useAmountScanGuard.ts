import { useRef, useState, type KeyboardEvent } from 'react';
import { hasCardData } from '../../../preload/contract';
import { createScanDetector, isModifierKey, SCAN_DEFAULTS } from './scan-detector';

/**
 * A scanned code never becomes an amount (issue 14), on any screen: a
 * keyboard-wedge scanner "types" a barcode's digits into whatever field has
 * the cursor, faster than anyone can, and ends with Enter. An amount field
 * shows the digits as they come (nobody can know yet that they are a scan),
 * so when the Enter turns out to end a scan, the amount goes back to what it
 * was before the burst and the Enter goes no further; the field says why.
 */
export function useAmountScanGuard(valueFen: number, onChange: (fen: number) => void) {
  // A magstripe swipe's two tracks run to ~120 characters: still one burst.
  const detector = useRef(createScanDetector({ maxLength: 160 }));
  /** The amount before the current burst of digits, and when its last digit came. */
  const burst = useRef({ startFen: valueFen, lastAt: Number.NEGATIVE_INFINITY });
  const [refusedCode, setRefusedCode] = useState<string | null>(null);
  /** The burst was card data (a swipe, a card number): said without showing any of it. */
  const [cardRefused, setCardRefused] = useState(false);

  /** Feeds a keydown; true when it was a scan's Enter (already handled: stop there). */
  const onKey = (e: KeyboardEvent<HTMLInputElement>): boolean => {
    if (isModifierKey(e.key)) return false;
    if (e.nativeEvent.isComposing || e.repeat || e.ctrlKey || e.altKey || e.metaKey) {
      detector.current.reset();
      return false;
    }
    const at = e.timeStamp;
    // Every character of a burst keeps it going, not only digits: a swipe's
    // track has a name and separators between its digits.
    if ([...e.key].length === 1) {
      const b = burst.current;
      if (at < b.lastAt || at - b.lastAt > SCAN_DEFAULTS.maxGapMs) b.startFen = valueFen;
      b.lastAt = at;
    }
    if (/^[0-9]$/.test(e.key)) {
      if (refusedCode !== null) setRefusedCode(null);
      if (cardRefused) setCardRefused(false);
    }
    const fed = detector.current.feed(e.key, at);
    if (fed.kind !== 'scan') return false;
    e.preventDefault();
    e.stopPropagation();
    onChange(burst.current.startFen);
    const card = hasCardData(fed.code, { paymentCodes: true });
    setCardRefused(card);
    setRefusedCode(card ? null : fed.code);
    return true;
  };
  return { onKey, refusedCode, cardRefused, reset: () => detector.current.reset() };
}
