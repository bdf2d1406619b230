import { MAX_AMOUNT_FEN, type OrderView, type Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { OrderLineRecord, OrderRecord, Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { withinDiscountLimit } from '../../domain/order/limits';
import { formatOrderNumber } from '../../domain/order/order-number';
import { priceOrder, type RoundingOff } from '../../domain/order/pricing';
import { orderAllows } from '../../domain/order/states';
import { localTimeParts } from '../../domain/qr-code';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { CatalogueProduct } from './catalogue-port';

export const MAX_LINES = 500;
export const MAX_QUANTITY = 9999;

/**
 * The basket's write primitives, shared by the order service's operations:
 * a new order with its number, a line added (a product merging into a plain
 * line of the same product), and the money re-derived after every change
 * with the cashier's discount limit checked. `edit` wraps one change to the
 * order at the counter in one SQLite transaction, so a change that breaks a
 * rule leaves nothing behind.
 */
export function createOrderWriter(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  view: (orderId: number) => OrderView;
}) {
  const { repos, settings, clock, view } = deps;
  const rules = () => settings.get().checkout;

  function newOrder(session: Session, now: number, source: 'counter' | 'quick'): OrderRecord {
    const sequence = repos.orders.nextSequence();
    const id = repos.orders.create({
      orderNo: formatOrderNumber(localTimeParts(now), sequence),
      operatorNo: session.operatorNo,
      training: isTraining(settings.get()),
      source,
      rounding: rules().rounding,
      now,
    });
    const order = repos.orders.get(id);
    if (!order) throw new Error(`order ${id} vanished`);
    return order;
  }

  /**
   * Re-derives the order's money from its lines and stores it. The discounts
   * given without approval must stay within the cashier's limit; with a
   * supervisor's approval in this change, the order's discounts as they now
   * stand are approved by them.
   */
  function reprice(
    orderId: number,
    approvedBy: string | null,
    now: number,
    roundingRule: RoundingOff = rules().rounding,
  ): void {
    const order = repos.orders.get(orderId);
    if (!order) throw new Error(`order ${orderId} vanished`);
    const rounding = order.lines.length > 0 ? roundingRule : 'none';
    const r = priceOrder(order.lines, order.discount, rounding);
    if (!r.ok) return fail('DISCOUNT_EXCEEDS', { baseFen: r.problem.baseFen });
    const { lines, totals } = r.order;
    if (totals.totalFen > MAX_AMOUNT_FEN) fail('ORDER_TOO_LARGE', { maxFen: MAX_AMOUNT_FEN });
    const unapproved =
      order.lines.reduce(
        (s, l, i) =>
          s + (l.discount && !l.discountApprovedBy ? (lines[i]?.lineDiscountFen ?? 0) : 0),
        0,
      ) + (order.discount && !order.discountApprovedBy ? totals.orderDiscountFen : 0);
    if (!withinDiscountLimit(unapproved, totals.grossFen, rules().discountLimit)) {
      if (!approvedBy) fail('APPROVAL_REQUIRED', { reason: 'discountLimit' });
      for (const l of order.lines)
        if (l.discount && !l.discountApprovedBy)
          repos.orders.updateLine(orderId, { ...l, discountApprovedBy: approvedBy });
      if (order.discount && !order.discountApprovedBy)
        repos.orders.setDiscount(orderId, order.discount, approvedBy);
    }
    repos.orders.savePricing(
      orderId,
      order.lines.map((l, i) => {
        const p = lines[i];
        if (!p) throw new Error('pricing lost a line');
        return {
          id: l.id,
          grossFen: p.grossFen,
          lineDiscountFen: p.lineDiscountFen,
          orderDiscountFen: p.orderDiscountFen,
          netFen: p.netFen,
        };
      }),
      {
        grossFen: totals.grossFen,
        lineDiscountFen: totals.lineDiscountFen,
        orderDiscountFen: totals.orderDiscountFen,
        roundingFen: totals.roundingFen,
        totalFen: totals.totalFen,
        itemCount: totals.itemCount,
      },
      rounding,
      now,
    );
  }

  /**
   * One change to the order at the counter, in one SQLite transaction: `change`
   * writes the lines, then the money is re-derived and the limit checked.
   * `create`: start an order if there is none (adding a line does; a discount
   * or a delete needs one already).
   */
  function edit(
    session: Session,
    create: boolean,
    approvedBy: string | null,
    change: (order: OrderRecord, now: number) => void,
  ): OrderView {
    const now = clock.now();
    const id = repos.inTransaction(() => {
      const found = repos.orders.atCounter();
      if (!found && !create) fail('ORDER_NOT_FOUND');
      const order = found ?? newOrder(session, now, 'counter');
      if (!orderAllows(order.state, 'edit')) fail('ORDER_NOT_EDITABLE', { state: order.state });
      change(order, now);
      reprice(order.id, approvedBy, now);
      return order.id;
    });
    return view(id);
  }

  function lineOf(order: OrderRecord, lineId: number): OrderLineRecord {
    const line = order.lines.find((l) => l.id === lineId);
    if (!line) return fail('ORDER_LINE_NOT_FOUND', { lineId });
    return line;
  }

  function addLine(
    order: OrderRecord,
    line: Omit<
      OrderLineRecord,
      'id' | 'grossFen' | 'lineDiscountFen' | 'orderDiscountFen' | 'netFen'
    >,
  ): number {
    if (order.lines.length >= MAX_LINES) failFields([{ field: 'lines', rule: 'tooManyItems' }]);
    return repos.orders.insertLine(order.id, line);
  }

  /** Adds a product; more of one already on the order as a plain counted line adds to it. */
  function addProduct(
    order: OrderRecord,
    product: CatalogueProduct,
    how: {
      quantity?: number;
      weightG?: number | null;
      fixedAmountFen?: number | null;
      code: string | null;
    },
    now: number,
  ): number {
    const quantity = how.quantity ?? 1;
    const weightG = how.weightG ?? null;
    const fixedAmountFen = how.fixedAmountFen ?? null;
    if (weightG === null && fixedAmountFen === null) {
      const same = order.lines.find(
        (l) =>
          l.kind === 'product' &&
          l.productId === product.id &&
          l.weightG === null &&
          l.fixedAmountFen === null &&
          l.priceOverrideBy === null &&
          l.discount === null &&
          l.unitPriceFen === product.priceFen,
      );
      if (same) {
        if (same.quantity + quantity > MAX_QUANTITY)
          failFields([{ field: 'quantity', rule: 'quantity' }]);
        repos.orders.updateLine(order.id, { ...same, quantity: same.quantity + quantity });
        return same.id;
      }
    }
    return addLine(order, {
      kind: 'product',
      productId: product.id,
      code: how.code ?? product.code,
      name: product.name,
      spec: product.spec,
      unit: product.unit,
      categoryId: product.categoryId,
      categoryName: product.categoryName,
      quantity: weightG !== null || fixedAmountFen !== null ? 1 : quantity,
      weightG,
      unitPriceFen: product.priceFen,
      listPriceFen: product.priceFen,
      priceOverrideBy: null,
      fixedAmountFen,
      discount: null,
      discountApprovedBy: null,
      addedAt: now,
    });
  }

  return { newOrder, reprice, edit, lineOf, addLine, addProduct };
}
