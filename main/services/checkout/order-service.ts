import {
  MAX_AMOUNT_FEN,
  type Discount,
  type HeldOrder,
  type OrderView,
  type ScanOutcome,
  type Session,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { OrderLineRecord, OrderRecord, Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { lineDeleteNeedsSupervisor, withinDiscountLimit } from '../../domain/order/limits';
import { formatOrderNumber } from '../../domain/order/order-number';
import { priceOrder, type RoundingOff } from '../../domain/order/pricing';
import { orderAllows } from '../../domain/order/states';
import { classifyPaymentCode, localTimeParts } from '../../domain/qr-code';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { Catalogue, CatalogueProduct } from './catalogue-port';
import { orderPayments, toHeldOrder, toOrderView } from './order-view';

/** A supervisor's number and password, checked (and audited) by the auth service. */
export type Approve = (
  operatorNo: string,
  password: string,
  action: string,
  detail: Record<string, unknown>,
) => Promise<string>;

export interface OrderDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  catalogue: Catalogue;
  approve: Approve;
}

type Supervisor = { operatorNo: string; password: string } | undefined;

const OPEN_LINE_NAME = '数额';
const MAX_LINES = 500;
const MAX_QUANTITY = 9999;

/**
 * The basket (PRODUCT.md §12): lines from scans, searches and the keypad,
 * quantities and weights, discounts, price overrides, hold / recall and
 * clearing. Every change is one SQLite transaction that also re-derives the
 * order's money (domain/order/pricing) and checks the cashier's discount
 * limit, so a power cut never leaves a half-changed basket, and a change
 * that would break a rule leaves nothing behind.
 */
export function createOrderService(deps: OrderDeps) {
  const { repos, settings, clock, catalogue } = deps;
  const rules = () => settings.get().checkout;

  const view = (orderId: number): OrderView => {
    const order = repos.orders.get(orderId);
    if (!order) return fail('ORDER_NOT_FOUND', { orderId });
    return toOrderView(order, orderPayments(repos, orderId));
  };

  const audit = (operatorNo: string, action: string, detail: Record<string, unknown>) =>
    repos.audit.append({ operatorNo, action, detail }, clock.now());

  async function approval(
    supervisor: Supervisor,
    action: string,
    detail: Record<string, unknown>,
  ): Promise<string | null> {
    if (!supervisor) return null;
    return deps.approve(supervisor.operatorNo, supervisor.password, action, detail);
  }

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

  function findProduct(productId: number): CatalogueProduct {
    const product = catalogue.get(productId);
    if (!product || !product.active) return fail('PRODUCT_NOT_FOUND', { productId });
    return product;
  }

  return {
    view,

    current(): OrderView | null {
      const order = repos.orders.atCounter();
      return order ? toOrderView(order, orderPayments(repos, order.id)) : null;
    },

    /**
     * A scanned or typed code: a catalogue barcode or PLU, then a scale label,
     * then a customer's payment code; anything else is 未知商品. A code is
     * never taken for an amount.
     */
    scan(input: { code: string; quantity?: number | undefined }, session: Session): ScanOutcome {
      const code = input.code.trim();
      const hit = catalogue.lookup(code);
      if (hit.kind === 'product' && hit.product.weighable)
        return {
          kind: 'needs-weight',
          productId: hit.product.id,
          name: hit.product.name,
          unitPriceFen: hit.product.priceFen,
        };
      if (hit.kind === 'product' || hit.kind === 'scale') {
        let lineId = 0;
        const order = edit(session, true, null, (o, now) => {
          lineId =
            hit.kind === 'product'
              ? addProduct(o, hit.product, { quantity: input.quantity ?? 1, code }, now)
              : addProduct(
                  o,
                  hit.product,
                  { weightG: hit.weightG, fixedAmountFen: hit.amountFen, code },
                  now,
                );
        });
        return { kind: 'added', order, lineId };
      }
      const payment = classifyPaymentCode(code);
      if (payment.ok) return { kind: 'payment-code', wallet: payment.wallet };
      return { kind: 'unknown', code, reason: hit.reason };
    },

    addProduct(
      input: { productId: number; quantity?: number | undefined; weightG?: number | undefined },
      session: Session,
    ): OrderView {
      const product = findProduct(input.productId);
      if (product.weighable && input.weightG === undefined)
        failFields([{ field: 'weightG', rule: 'weight' }]);
      if (!product.weighable && input.weightG !== undefined)
        failFields([{ field: 'weightG', rule: 'notWeighable' }]);
      return edit(session, true, null, (o, now) =>
        addProduct(
          o,
          product,
          { quantity: input.quantity ?? 1, weightG: input.weightG ?? null, code: null },
          now,
        ),
      );
    },

    /**
     * 数额: a keypad amount becomes an open-price line. An unknown code sold
     * this way carries its code and needs the supervisor (audited).
     */
    async addOpenLine(
      input: {
        amountFen: number;
        name?: string | undefined;
        quantity?: number | undefined;
        code?: string | undefined;
        supervisor?: Supervisor;
      },
      session: Session,
    ): Promise<OrderView> {
      if (input.code && !input.supervisor) fail('APPROVAL_REQUIRED', { reason: 'openPrice' });
      const approvedBy = input.code
        ? await approval(input.supervisor, 'order.openPrice', {
            code: input.code,
            amountFen: input.amountFen,
          })
        : null;
      return edit(session, true, null, (o, now) => {
        addLine(o, {
          kind: 'open',
          productId: null,
          code: input.code ?? null,
          name: input.name ?? OPEN_LINE_NAME,
          spec: '',
          unit: '',
          categoryId: null,
          categoryName: null,
          quantity: input.quantity ?? 1,
          weightG: null,
          unitPriceFen: input.amountFen,
          listPriceFen: input.amountFen,
          priceOverrideBy: null,
          fixedAmountFen: null,
          discount: null,
          discountApprovedBy: null,
          addedAt: now,
        });
        if (input.code)
          audit(session.operatorNo, 'order.openPriceSale', {
            orderNo: o.orderNo,
            code: input.code,
            name: input.name ?? OPEN_LINE_NAME,
            amountFen: input.amountFen,
            approvedBy,
          });
      });
    },

    async setQuantity(
      input: {
        lineId: number;
        quantity?: number | undefined;
        weightG?: number | undefined;
        supervisor?: Supervisor;
      },
      session: Session,
    ): Promise<OrderView> {
      const approvedBy = await approval(input.supervisor, 'order.quantity', {
        lineId: input.lineId,
      });
      return edit(session, false, approvedBy, (o) => {
        const line = lineOf(o, input.lineId);
        if (line.fixedAmountFen !== null)
          failFields([{ field: 'quantity', rule: 'scaleLabelLine' }]);
        if (line.weightG !== null) {
          if (input.weightG === undefined) failFields([{ field: 'weightG', rule: 'weight' }]);
          repos.orders.updateLine(o.id, { ...line, weightG: input.weightG });
        } else {
          if (input.quantity === undefined) failFields([{ field: 'quantity', rule: 'quantity' }]);
          repos.orders.updateLine(o.id, { ...line, quantity: input.quantity });
        }
      });
    },

    /** Deletes a line; the supervisor when the rule says (never, always, or after N seconds). */
    async removeLine(
      input: { lineId: number; supervisor?: Supervisor },
      session: Session,
    ): Promise<OrderView> {
      const order = repos.orders.atCounter();
      const line = order?.lines.find((l) => l.id === input.lineId);
      const needed =
        line !== undefined &&
        lineDeleteNeedsSupervisor(rules().lineDelete, line.addedAt, clock.now());
      if (needed && !input.supervisor) fail('APPROVAL_REQUIRED', { reason: 'lineDelete' });
      const approvedBy = needed
        ? await approval(input.supervisor, 'order.lineRemoved', { lineId: input.lineId })
        : null;
      return edit(session, false, approvedBy, (o) => {
        const l = lineOf(o, input.lineId);
        repos.orders.deleteLine(o.id, l.id);
        audit(session.operatorNo, 'order.lineRemoved', {
          orderNo: o.orderNo,
          name: l.name,
          quantity: l.quantity,
          weightG: l.weightG,
          grossFen: l.grossFen,
          approvedBy,
        });
      });
    },

    async setLineDiscount(
      input: { lineId: number; discount: Discount | null; supervisor?: Supervisor },
      session: Session,
    ): Promise<OrderView> {
      const approvedBy = await approval(input.supervisor, 'order.discount', {
        lineId: input.lineId,
        discount: input.discount,
      });
      return edit(session, false, approvedBy, (o) => {
        const line = lineOf(o, input.lineId);
        repos.orders.updateLine(o.id, {
          ...line,
          discount: input.discount,
          discountApprovedBy: input.discount ? approvedBy : null,
        });
        audit(session.operatorNo, 'order.lineDiscount', {
          orderNo: o.orderNo,
          name: line.name,
          from: line.discount,
          to: input.discount,
          approvedBy,
        });
      });
    },

    /** 改价: always the supervisor; audited with the old and the new price. */
    async overridePrice(
      input: {
        lineId: number;
        unitPriceFen: number;
        supervisor: { operatorNo: string; password: string };
      },
      session: Session,
    ): Promise<OrderView> {
      const approvedBy = await approval(input.supervisor, 'order.priceOverride', {
        lineId: input.lineId,
        unitPriceFen: input.unitPriceFen,
      });
      return edit(session, false, approvedBy, (o) => {
        const line = lineOf(o, input.lineId);
        if (line.fixedAmountFen !== null)
          failFields([{ field: 'unitPriceFen', rule: 'scaleLabelLine' }]);
        repos.orders.updateLine(o.id, {
          ...line,
          unitPriceFen: input.unitPriceFen,
          priceOverrideBy: approvedBy,
        });
        audit(session.operatorNo, 'order.priceOverride', {
          orderNo: o.orderNo,
          name: line.name,
          fromFen: line.unitPriceFen,
          toFen: input.unitPriceFen,
          approvedBy,
        });
      });
    },

    async setOrderDiscount(
      input: { discount: Discount | null; supervisor?: Supervisor },
      session: Session,
    ): Promise<OrderView> {
      const approvedBy = await approval(input.supervisor, 'order.discount', {
        discount: input.discount,
      });
      return edit(session, false, approvedBy, (o) => {
        repos.orders.setDiscount(o.id, input.discount, input.discount ? approvedBy : null);
        audit(session.operatorNo, 'order.orderDiscount', {
          orderNo: o.orderNo,
          from: o.discount,
          to: input.discount,
          approvedBy,
        });
      });
    },

    /** 挂单: the order at the counter is parked; the next customer starts a new one. */
    hold(session: Session): { held: HeldOrder } {
      const now = clock.now();
      const id = repos.inTransaction(() => {
        const order = repos.orders.atCounter();
        if (!order) return fail('ORDER_NOT_FOUND');
        if (!orderAllows(order.state, 'hold')) fail('ORDER_NOT_EDITABLE', { state: order.state });
        if (order.lines.length === 0) fail('ORDER_EMPTY');
        repos.orders.setState(order.id, 'open', 'held', now);
        audit(session.operatorNo, 'order.held', {
          orderNo: order.orderNo,
          totalFen: order.totals.totalFen,
        });
        return order.id;
      });
      const held = repos.orders.held().find((h) => h.id === id);
      if (!held) return fail('ORDER_NOT_FOUND', { orderId: id });
      return { held: toHeldOrder(held) };
    },

    listHeld(): { orders: HeldOrder[] } {
      return { orders: repos.orders.held().map(toHeldOrder) };
    },

    /** 取单: a held order comes back; the one at the counter is held (or dropped if empty). */
    recall(orderId: number, session: Session): { order: OrderView; held: HeldOrder | null } {
      const now = clock.now();
      const parked = repos.inTransaction(() => {
        const target = repos.orders.get(orderId);
        if (!target) return fail('ORDER_NOT_FOUND', { orderId });
        if (!orderAllows(target.state, 'recall'))
          fail('ORDER_NOT_EDITABLE', { state: target.state });
        const current = repos.orders.atCounter();
        let parkedId: number | null = null;
        if (current) {
          if (current.state !== 'open') fail('ORDER_AT_COUNTER', { orderNo: current.orderNo });
          if (current.lines.length === 0) {
            repos.orders.setState(current.id, 'open', 'cancelled', now, session.operatorNo);
          } else {
            repos.orders.setState(current.id, 'open', 'held', now);
            parkedId = current.id;
          }
        }
        repos.orders.setState(orderId, 'held', 'open', now);
        audit(session.operatorNo, 'order.recalled', { orderNo: target.orderNo });
        return parkedId;
      });
      const held =
        parked === null ? null : (repos.orders.held().find((h) => h.id === parked) ?? null);
      return { order: view(orderId), held: held ? toHeldOrder(held) : null };
    },

    /**
     * 清单: the order is thrown away. With lines, the supervisor's password;
     * a partly paid order can't be (its payments would have to be undone first).
     */
    async cancel(
      input: { orderId: number; supervisor?: Supervisor },
      session: Session,
    ): Promise<Record<string, never>> {
      const order = repos.orders.get(input.orderId);
      if (!order) return fail('ORDER_NOT_FOUND', { orderId: input.orderId });
      // A partly paid order is abandoned instead: its payments are undone first (order-undo).
      if (order.state === 'paying') fail('ORDER_PARTLY_PAID', { orderNo: order.orderNo });
      const needed = order.lines.length > 0;
      if (needed && !input.supervisor) fail('APPROVAL_REQUIRED', { reason: 'clearOrder' });
      const approvedBy = needed
        ? await approval(input.supervisor, 'order.cancelled', { orderNo: order.orderNo })
        : null;
      const now = clock.now();
      repos.inTransaction(() => {
        const fresh = repos.orders.get(input.orderId);
        if (!fresh) return fail('ORDER_NOT_FOUND', { orderId: input.orderId });
        if (fresh.state === 'paying') fail('ORDER_PARTLY_PAID', { orderNo: fresh.orderNo });
        if (!orderAllows(fresh.state, 'cancel')) fail('ORDER_NOT_EDITABLE', { state: fresh.state });
        repos.orders.setState(
          fresh.id,
          fresh.state,
          'cancelled',
          now,
          approvedBy ?? session.operatorNo,
        );
        audit(session.operatorNo, 'order.cancelled', {
          orderNo: fresh.orderNo,
          totalFen: fresh.totals.totalFen,
          lineCount: fresh.lines.length,
          approvedBy,
        });
      });
      return {};
    },

    /**
     * A one-call sale (the keypad amount, or item lines, of `sale:cash`,
     * `card:sale` and `qr:pay`) made an order so every payment has one. An
     * empty order at the counter, or a quick one left unpaid, gives way; a
     * basket the cashier is ringing up does not.
     */
    quickOrder(
      input: {
        amountFen?: number | undefined;
        items: Array<{ name: string; quantity: number; unitPriceFen: number }>;
      },
      session: Session,
    ): number {
      const now = clock.now();
      return repos.inTransaction(() => {
        const current = repos.orders.atCounter();
        if (current) {
          const dropped =
            current.state === 'open' && (current.lines.length === 0 || current.source === 'quick');
          if (!dropped) fail('ORDER_AT_COUNTER', { orderNo: current.orderNo });
          repos.orders.setState(current.id, 'open', 'cancelled', now, session.operatorNo);
        }
        const order = newOrder(session, now, 'quick');
        const lines =
          input.items.length > 0
            ? input.items
            : [{ name: OPEN_LINE_NAME, quantity: 1, unitPriceFen: input.amountFen ?? 0 }];
        for (const item of lines)
          addLine(order, {
            kind: 'open',
            productId: null,
            code: null,
            name: item.name,
            spec: '',
            unit: '',
            categoryId: null,
            categoryName: null,
            quantity: item.quantity,
            weightG: null,
            unitPriceFen: item.unitPriceFen,
            listPriceFen: item.unitPriceFen,
            priceOverrideBy: null,
            fixedAmountFen: null,
            discount: null,
            discountApprovedBy: null,
            addedAt: now,
          });
        // A quick sale is paid as keyed: no rounding-off.
        reprice(order.id, null, now, 'none');
        return order.id;
      });
    },

    /** A quick order whose payment failed is dropped (nothing was paid; the caller sees the failure). */
    dropQuickOrder(orderId: number, session: Session): void {
      const now = clock.now();
      repos.inTransaction(() => {
        const order = repos.orders.get(orderId);
        if (order?.source === 'quick' && order.state === 'open')
          repos.orders.setState(orderId, 'open', 'cancelled', now, session.operatorNo);
      });
    },

    /** At sign-off the basket is held for later (an empty one is dropped). */
    parkAtSignOff(session: Session): void {
      const now = clock.now();
      repos.inTransaction(() => {
        const order = repos.orders.atCounter();
        if (!order || order.state !== 'open') return;
        if (order.lines.length === 0 || order.source === 'quick')
          repos.orders.setState(order.id, 'open', 'cancelled', now, session.operatorNo);
        else repos.orders.setState(order.id, 'open', 'held', now);
      });
    },
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
