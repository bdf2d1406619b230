/**
 * The order's life (PRODUCT.md §12): open → held ↔ open → paying → paid |
 * cancelled. The cashier moves it between open, held and cancelled; payments
 * move it to paying and paid (the database does that in the same SQLite
 * transaction as the payment, see migration orders). Pure rules.
 */
export const ORDER_STATES = ['open', 'held', 'paying', 'paid', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export type OrderAction =
  | 'edit' // add, change or remove lines and discounts
  | 'hold'
  | 'recall'
  | 'pay'
  | 'cancel';

const ALLOWED: Record<OrderAction, readonly OrderState[]> = {
  edit: ['open'],
  hold: ['open'],
  recall: ['held'],
  // paying: another payment of a partly paid order (split tender)
  pay: ['open', 'paying'],
  // a held order can be thrown away too; a paying one only after its payments are undone
  cancel: ['open', 'held'],
};

export function orderAllows(state: OrderState, action: OrderAction): boolean {
  return ALLOWED[action].includes(state);
}

/**
 * Where payments leave an order that is open or paying: paid when the
 * approved payments cover the total; paying while any payment is approved or
 * still undecided; open otherwise (a declined or reversed payment leaves the
 * basket as it was). The same rule is written in SQL in the orders migration;
 * a unit test holds the two together.
 */
export function stateFromPayments(
  totalFen: number,
  approvedFen: number,
  undecided: boolean,
): 'open' | 'paying' | 'paid' {
  if (totalFen > 0 && approvedFen >= totalFen) return 'paid';
  if (approvedFen > 0 || undecided) return 'paying';
  return 'open';
}
