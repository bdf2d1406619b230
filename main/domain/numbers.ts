/** Batch and trace numbers of PRODUCT.md §1: six digits, 000001 upwards. */
export const FIRST_BATCH_NO = '000001';
const MAX_SIX_DIGITS = 999_999;

/** The trace number after `last` (0 = none used yet): +1, 999999 wraps to 1. */
export function nextTraceNumber(last: number): number {
  if (!Number.isInteger(last) || last < 0 || last > MAX_SIX_DIGITS) {
    throw new RangeError(`trace counter out of range: ${last}`);
  }
  return last >= MAX_SIX_DIGITS ? 1 : last + 1;
}

/** 7 → "000007"; wraps past 999999 back to 000001 like the trace number. */
export function formatBatchNo(n: number): string {
  const wrapped = n > MAX_SIX_DIGITS ? ((n - 1) % MAX_SIX_DIGITS) + 1 : n;
  if (!Number.isInteger(wrapped) || wrapped < 1) throw new RangeError(`bad batch number: ${n}`);
  return String(wrapped).padStart(6, '0');
}
