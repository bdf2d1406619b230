/** Amounts in integer fen as people read and type them (see money.ts). */
export const MAX_AMOUNT_FEN = 99_999_999; // ¥999,999.99, the product's ceiling
export const MIN_AMOUNT_FEN = 1;

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 123456 → "1,234.56" (no currency sign). Integer arithmetic only. */
export function formatFenPlain(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${sign}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/** 123456 → "¥1,234.56": how amounts are shown on screen. */
export function formatFen(fen: number): string {
  const plain = formatFenPlain(fen);
  return plain.startsWith('-') ? `-¥${plain.slice(1)}` : `¥${plain}`;
}

/**
 * Parses what a person types as yuan ("12.34", "12", "1,234.5", "¥20") into fen
 * without floating point. Returns null when it is not a yuan amount.
 */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.trim().replace(/^¥/, '').replace(/,/g, '');
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const yuan = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  const fen = yuan * 100 + cents;
  return Number.isSafeInteger(fen) ? fen : null;
}

/**
 * Bank-POS style keypad entry: digits shift in from the right, so typing
 * 1,2,3,4 gives 12.34. Returns the new amount or the old one if the key would
 * overflow the ceiling.
 */
export function keypadAppendDigit(currentFen: number, digit: number, ceiling = MAX_AMOUNT_FEN) {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) return currentFen;
  const next = currentFen * 10 + digit;
  return next > ceiling ? currentFen : next;
}

export function keypadBackspace(currentFen: number): number {
  return Math.trunc(currentFen / 10);
}
