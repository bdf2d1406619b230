import type { LocalTimeParts } from '../qr-code';

// The format's test is in the contract, shared with the card-data detector.
export { ORDER_NUMBER_RE, isOrderNumber } from '../../../preload/contract/order-number';

/**
 * 单号, the order number printed on the receipt (and as its barcode): the
 * local date and a six-digit sequence of the terminal, e.g. 20261204000123.
 * The sequence comes from a counter that only goes up (one per order, kept in
 * the same SQLite transaction as the order), so a number is never reused; 14
 * digits can't be taken for a product code (at most 13) or a payment code.
 */
export function formatOrderNumber(at: LocalTimeParts, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new RangeError(`order number: bad sequence ${sequence}`);
  const p = (n: number, len: number) => String(n).padStart(len, '0');
  return `${p(at.year, 4)}${p(at.month, 2)}${p(at.day, 2)}${p(((sequence - 1) % 999_999) + 1, 6)}`;
}
