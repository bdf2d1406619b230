import { useEffect, useRef, type KeyboardEvent } from 'react';
import { hasCardData, startsTrackData } from '../../../preload/contract';

/** After the last character of a swipe, how long the field keeps dropping what comes (ms). */
const SWIPE_REST_MS = 250;

/**
 * Card data never shows in a field, nor leaves it. A keyboard-wedge
 * magstripe reader types its tracks (`%B6222…^NAME^2512…?;6222…=2512…?`) and
 * Enter into whatever field has the cursor, and a cashier may type a card
 * number where a code or a name belongs. A field fed through this guard:
 * - shows nothing from the moment it sees a track's start (`%B6`, `;62`) or
 *   a whole card number (card-data.ts), and drops every character after it
 *   until the keys rest — the digits of a swipe never stay on the screen;
 * - eats the Enter that ends the swipe, so an empty field's Enter (pay) is
 *   not pressed by the reader;
 * - calls `onCardData` once per swipe, for the field to say why.
 *
 * `paymentCodes`: the field takes customer payment codes (the basket's scan,
 * the QR tender). A plain run of digits is then judged only when complete
 * (`isCardData` on Enter): while a payment code is typed by hand its first
 * digits may look like a card number for a moment.
 */
export function useCardSwipeGuard(opts: { paymentCodes?: boolean; onCardData(): void }) {
  const paymentCodes = opts.paymentCodes ?? false;
  const onCardData = useRef(opts.onCardData);
  onCardData.current = opts.onCardData;
  const swiping = useRef(false);
  const rest = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(rest.current), []);

  const keepSwallowing = () => {
    clearTimeout(rest.current);
    rest.current = setTimeout(() => (swiping.current = false), SWIPE_REST_MS);
  };
  const isCardData = (text: string) => hasCardData(text, { paymentCodes });

  /** Card data seen (in a field's text or a finished code): from now on nothing shows. */
  const refuse = () => {
    if (!swiping.current) onCardData.current();
    swiping.current = true;
    keepSwallowing();
  };

  /** What the field may show for the text typed into it: '' while card data is coming. */
  const filter = (value: string): string => {
    if (swiping.current) {
      keepSwallowing();
      return '';
    }
    const digitsOnly = /^\d*$/.test(value.trim());
    if (startsTrackData(value) || (!(paymentCodes && digitsOnly) && isCardData(value))) {
      refuse();
      return '';
    }
    return value;
  };

  /** A key down in the field: true when it is the Enter of a swipe (already eaten). */
  const onKey = (e: KeyboardEvent<HTMLInputElement>): boolean => {
    if (!swiping.current || e.key !== 'Enter') return false;
    e.preventDefault();
    e.stopPropagation();
    clearTimeout(rest.current);
    swiping.current = false;
    return true;
  };

  return { filter, onKey, isCardData, refuse };
}
