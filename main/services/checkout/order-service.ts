import {
  type ApprovalAction,
  type Discount,
  type OrderView,
  type ScanOutcome,
  type Session,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { lineDeleteNeedsSupervisor } from '../../domain/order/limits';
import { classifyPaymentCode } from '../../domain/qr-code';
import type { SettingsStore } from '../../settings/store';
import type { Catalogue, CatalogueProduct } from './catalogue-port';
import { createOrderParking } from './order-parking';
import { orderPayments, toOrderView } from './order-view';
import { createOrderWriter } from './order-writer';

/** A supervisor's number and password, checked (and audited) by the auth service. */
export type Approve = (
  operatorNo: string,
  password: string,
  action: ApprovalAction,
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
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string | null> {
    if (!supervisor) return null;
    return deps.approve(supervisor.operatorNo, supervisor.password, action, detail);
  }

  const { newOrder, reprice, edit, lineOf, addLine, addProduct } = createOrderWriter({
    repos,
    settings,
    clock,
    view,
  });

  /**
   * What an approval for a line names in the audit log: the order and the
   * product as the supervisor saw them, not only the line's row id.
   */
  function lineFacts(lineId: number): Record<string, unknown> {
    const order = repos.orders.atCounter();
    const line = order?.lines.find((l) => l.id === lineId);
    return {
      ...(order ? { orderNo: order.orderNo } : {}),
      lineId,
      ...(line ? { product: line.name } : {}),
    };
  }

  function findProduct(productId: number): CatalogueProduct {
    const product = catalogue.get(productId);
    if (!product || !product.active) return fail('PRODUCT_NOT_FOUND', { productId });
    return product;
  }

  return {
    view,
    ...createOrderParking({ repos, clock, view, audit, approval }),

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
        ...lineFacts(input.lineId),
        quantity: input.quantity,
        weightG: input.weightG,
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
        ? await approval(input.supervisor, 'order.lineRemoved', lineFacts(input.lineId))
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
        ...lineFacts(input.lineId),
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
        ...lineFacts(input.lineId),
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
        orderNo: repos.orders.atCounter()?.orderNo,
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
  };
}
export type OrderService = ReturnType<typeof createOrderService>;
