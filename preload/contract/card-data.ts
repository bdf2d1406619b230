import { hasValidGs1Check } from './gs1';
import { isOrderNumber } from './order-number';
import { classifyPaymentCode } from './payment-code';

/**
 * Card data typed or swiped where only text belongs. A keyboard-wedge
 * magstripe reader "types" the tracks it reads into whatever field has the
 * cursor (`%B6222021234567890^ZHANG/SAN^2512…?;6222021234567890=2512…?` and
 * Enter), and a cashier may type a card number into a name or a code field:
 * the project's rule is that a card number is never shown, logged or stored
 * beyond first 6 / last 4, and track data never. One pure detector, used by
 * the renderer (to clear the field before anything is sent) and by the main
 * side (the contract's PlainText rule, the catalogue's barcodes and product
 * files, the audit log and the logger), so both take the same text for card
 * data.
 *
 * What counts as card data:
 * - track 1: `%B<pan>^<name>^<yymm>…?` (the `%` may be missing);
 * - track 2: `;<pan>=<yymm>…?`, or without the sentinel `<pan>=<yymm>…` when
 *   the pan passes Luhn;
 * - a bare card number: 13–19 digits with a card scheme's prefix, passing
 *   Luhn, written as one run or grouped by spaces / dashes
 *   (`6222 0212 3456 7890`).
 * What does not (so every fixture barcode still scans):
 * - a GS1 code whose check digit is right (EAN-13, GTIN-14, and the 18-digit
 *   scale labels / SSCC; EAN-8 and UPC-A are too short to be a card anyway);
 * - the till's own order numbers (单号, 14 digits starting with the year);
 * - where the field takes customer payment codes (`paymentCodes`: the
 *   basket's scan, the QR tender), a code the till takes for a payment code.
 *   Trade-off: a UnionPay card number (62…, 16–19 digits) typed as one run has
 *   the same shape as a UnionPay payment code (62…, 16–20 digits), as have
 *   some Mastercard numbers (25–27…) and Alipay codes: in those fields it goes
 *   on as a payment code — the gateway refuses it, and it is masked wherever
 *   a payment code is shown or logged. Track data and grouped numbers are
 *   still refused there.
 */

export type CardDataKind = 'track1' | 'track2' | 'pan';

export interface CardDataHit {
  kind: CardDataKind;
  /** The span of the text that is card data (a whole track, or the grouped number). */
  start: number;
  end: number;
  /** The card number's digits. */
  pan: string;
}

export interface CardDataOptions {
  /** The field takes customer payment codes: a bare run that is one is no card. */
  paymentCodes?: boolean;
  /**
   * For logs: any 13–19 digit Luhn-valid number is taken, whatever its prefix,
   * and none of the exceptions apply (a log masks a barcode rather than risk a
   * card number).
   */
  loose?: boolean;
}

/** The Luhn (mod 10) check every card number carries. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A card scheme's prefix: UnionPay 62 (and 60, 65 shared with Discover), Visa
 * 4, Mastercard 51–55 and 2221–2720, Amex 34 / 37, JCB 35, Diners 30 / 36 /
 * 38. Domestic 9… cards are left out: too many shop codes start with 9.
 */
export function hasCardPrefix(digits: string): boolean {
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  return (
    digits.startsWith('4') ||
    (p2 >= 51 && p2 <= 55) ||
    (p4 >= 2221 && p4 <= 2720) ||
    [30, 34, 35, 36, 37, 38, 60, 62, 65].includes(p2)
  );
}

/** First 6 / last 4 digits, the rest `*` (the only form a card number is ever shown in). */
export function maskCardNumber(pan: string): string {
  if (pan.length <= 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/** GS1 lengths a product or logistics code has (8 and 12 are shorter than any card). */
const GS1_LENGTHS = new Set([13, 14, 18]);

/**
 * 单号: 14 digits, the order number's shape, and a date in this century (any
 * 14 digits have the shape; a 14-digit Diners number must not pass for one).
 */
function isTillOrderNumber(digits: string): boolean {
  return isOrderNumber(digits) && /^20\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/.test(digits);
}

/** A bare run of digits (`grouped`: written with separators) that is a card number. */
function isCardNumber(digits: string, grouped: boolean, opts: CardDataOptions): boolean {
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return false;
  if (opts.loose) return true;
  if (!hasCardPrefix(digits)) return false;
  if (GS1_LENGTHS.has(digits.length) && hasValidGs1Check(digits)) return false;
  if (isTillOrderNumber(digits)) return false;
  if (opts.paymentCodes && !grouped && classifyPaymentCode(digits).ok) return false;
  return true;
}

// Track 1: format code B, the pan, ^, the name (≤ 26), ^, expiry and the rest, ?.
const TRACK1 = /%?[Bb](\d{12,19})\^[^^?\n"]{0,26}(?:\^[^?\n"]*)?\??/g;
// Track 2 with its start sentinel: ;pan=expiry…?
const TRACK2 = /;(\d{12,19})=\d*\??/g;
// Track 2 without the sentinel: pan=yymm… (the pan must then pass Luhn).
const TRACK2_BARE = /(?<!\d)(\d{13,19})=(\d{2}(?:0[1-9]|1[0-2]))\d*\??/g;
// Separators a person groups a card number with: a space or two, or a dash.
const GROUP_GAP = /^(?: {1,2}|-)$/;

/** Every piece of card data in `text`, in order, not overlapping. */
export function findCardData(text: string, opts: CardDataOptions = {}): CardDataHit[] {
  const hits: CardDataHit[] = [];
  const taken = (start: number, end: number) => hits.some((h) => start < h.end && end > h.start);
  const add = (kind: CardDataKind, start: number, end: number, pan: string) => {
    if (!taken(start, end)) hits.push({ kind, start, end, pan });
  };
  for (const m of text.matchAll(TRACK1)) add('track1', m.index, m.index + m[0].length, m[1]!);
  for (const m of text.matchAll(TRACK2)) add('track2', m.index, m.index + m[0].length, m[1]!);
  for (const m of text.matchAll(TRACK2_BARE))
    if (luhnValid(m[1]!)) add('track2', m.index, m.index + m[0].length, m[1]!);

  // Bare numbers: runs of digits, chained when only a group separator lies
  // between them; every window of whole runs with 13–19 digits is a candidate.
  const runs = [...text.matchAll(/\d+/g)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    digits: m[0],
  }));
  for (let i = 0; i < runs.length; i++) {
    let digits = '';
    for (let j = i; j < runs.length; j++) {
      if (j > i && !GROUP_GAP.test(text.slice(runs[j - 1]!.end, runs[j]!.start))) break;
      digits += runs[j]!.digits;
      if (digits.length > 19) break;
      const start = runs[i]!.start;
      const end = runs[j]!.end;
      if (!taken(start, end) && isCardNumber(digits, j > i, opts)) {
        hits.push({ kind: 'pan', start, end, pan: digits });
        i = j;
        break;
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** True when `text` carries card data (see findCardData). */
export function hasCardData(text: string, opts: CardDataOptions = {}): boolean {
  return findCardData(text, opts).length > 0;
}

/** `text` with each piece of card data replaced by its card number masked (first 6 / last 4). */
export function maskCardData(text: string, opts: CardDataOptions = {}): string {
  let out = '';
  let at = 0;
  for (const hit of findCardData(text, opts)) {
    out += text.slice(at, hit.start) + maskCardNumber(hit.pan);
    at = hit.end;
  }
  return out + text.slice(at);
}

/**
 * The first characters of a swipe, before its card number is complete: a
 * track 1 start (`%B` and a digit) or a track 2 start (`;` and two digits).
 * A field that sees them stops showing what is typed (the renderer's swipe
 * guard), so the digits that follow never appear on the screen.
 */
export function startsTrackData(text: string): boolean {
  return /%[Bb]\d|;\d{2}/.test(text);
}
