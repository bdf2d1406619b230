import type { HeldOrder, OrderView } from '../../../preload/contract';
import { iso } from '../../core/clock';
import type { HeldOrderRecord, OrderRecord, Repositories, TransactionRecord } from '../../db';
import { toTransactionView } from './transaction-view';

/** An order's payments, oldest first. */
export function orderPayments(repos: Repositories, orderId: number): TransactionRecord[] {
  return repos.transactions.byOrder(orderId);
}

export const approvedFen = (payments: TransactionRecord[]) =>
  payments.filter((p) => p.state === 'approved').reduce((s, p) => s + p.amountFen, 0);

export function toOrderView(order: OrderRecord, payments: TransactionRecord[]): OrderView {
  const paidFen = approvedFen(payments);
  const t = order.totals;
  return {
    id: order.id,
    number: order.orderNo,
    state: order.state,
    operatorNo: order.operatorNo,
    training: order.training,
    lines: order.lines.map((l) => ({
      id: l.id,
      kind: l.kind,
      productId: l.productId,
      code: l.code,
      name: l.name,
      spec: l.spec,
      unit: l.unit,
      quantity: l.quantity,
      weightG: l.weightG,
      unitPriceFen: l.unitPriceFen,
      listPriceFen: l.listPriceFen,
      priceOverridden: l.priceOverrideBy !== null,
      fixedAmountFen: l.fixedAmountFen,
      discount: l.discount,
      grossFen: l.grossFen,
      lineDiscountFen: l.lineDiscountFen,
      orderDiscountFen: l.orderDiscountFen,
      netFen: l.netFen,
      addedAt: iso(l.addedAt),
    })),
    discount: order.discount,
    rounding: order.rounding,
    totals: {
      ...t,
      discountFen: t.lineDiscountFen + t.orderDiscountFen + t.roundingFen,
    },
    payments: payments.map(toTransactionView),
    paidFen,
    dueFen: Math.max(0, t.totalFen - paidFen),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
    heldAt: order.heldAt === null ? null : iso(order.heldAt),
    paidAt: order.paidAt === null ? null : iso(order.paidAt),
  };
}

export function toHeldOrder(h: HeldOrderRecord): HeldOrder {
  return {
    id: h.id,
    number: h.orderNo,
    operatorNo: h.operatorNo,
    heldAt: iso(h.heldAt),
    lineCount: h.lineCount,
    itemCount: h.itemCount,
    totalFen: h.totalFen,
  };
}
