import { BASIS_POINTS } from './pricing';

/**
 * What a cashier may give on an order without the supervisor (PRODUCT.md §12):
 * the discounts given without approval, together, stay within both a share of
 * the order's gross and an amount. Checked after every change to the order,
 * so neither many small discounts nor a larger quantity on a discounted line
 * can go past it unnoticed.
 */
export interface DiscountLimit {
  /** Of the order's gross, in basis points (10 % = 1000). */
  percentBp: number;
  amountFen: number;
}

export function withinDiscountLimit(
  unapprovedDiscountFen: number,
  orderGrossFen: number,
  limit: DiscountLimit,
): boolean {
  if (unapprovedDiscountFen <= 0) return true;
  return (
    unapprovedDiscountFen <= limit.amountFen &&
    unapprovedDiscountFen * BASIS_POINTS <= orderGrossFen * limit.percentBp
  );
}

/** When deleting a line needs the supervisor. */
export type LineDeleteRule =
  { mode: 'never' } | { mode: 'always' } | { mode: 'after'; seconds: number };

export function lineDeleteNeedsSupervisor(
  rule: LineDeleteRule,
  addedAt: number,
  now: number,
): boolean {
  if (rule.mode === 'never') return false;
  if (rule.mode === 'always') return true;
  return now - addedAt > rule.seconds * 1000;
}
