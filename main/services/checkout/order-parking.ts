import type { ApprovalAction, HeldOrder, OrderView, Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Repositories } from '../../db';
import { fail } from '../../domain/errors';
import { orderAllows } from '../../domain/order/states';
import { toHeldOrder } from './order-view';

type Supervisor = { operatorNo: string; password: string } | undefined;

/**
 * Where an order goes when it leaves the counter unpaid (PRODUCT.md §12):
 * held (挂单) and recalled (取单), thrown away (清单, the supervisor's
 * password when it has lines), or held for later at the cashier's sign-off.
 * Each move is one SQLite transaction with its audit entry.
 */
export function createOrderParking(deps: {
  repos: Repositories;
  clock: Clock;
  view: (orderId: number) => OrderView;
  audit: (operatorNo: string, action: string, detail: Record<string, unknown>) => void;
  approval: (
    supervisor: Supervisor,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ) => Promise<string | null>;
}) {
  const { repos, clock, view, audit, approval } = deps;

  return {
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
