import {
  type ApprovalAction,
  formatFen,
  type PrintJob,
  type ReturnOrderView,
  type ReturnQuote,
  type ReturnRules,
  type ReturnRun,
  type ReturnView,
  type Session,
} from '../../../preload/contract';
import { diffParameters } from '../../domain/terminal-params';
import { PosFailure, fail } from '../../domain/errors';
import { localTimeParts } from '../../domain/qr-code';
import { formatOrderNumber, isOrderNumber } from '../../domain/order/order-number';
import { planRefund, returnLineAmount, type RefundablePayment } from '../../domain/order/returns';
import { isTraining } from '../../settings/schema';
import type { OrderRecord, TransactionRecord } from '../../db';
import type { PrintService } from '../printing/print-service';
import { createReturnSteps, type StepDeps } from './return-steps';
import { printReturnSlip, toReturnView } from './return-view';
import { localDayRange } from '../../domain/local-day';

type Supervisor = { operatorNo: string; password: string };
type Approve = (
  operatorNo: string,
  password: string,
  action: ApprovalAction,
  detail: Record<string, unknown>,
) => Promise<string>;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Returns by line (按商品退货, PRODUCT.md §12, issue 15): the original order,
 * the lines picked and what they give back (domain/order/returns.ts), the
 * refund planned over the order's payments (card → QR → cash) and run step by
 * step (return-steps.ts), the return slip. A return without the original is
 * cash only, with a reason, when the shop's parameter allows it.
 */
export function createReturnService(deps: StepDeps & { print: PrintService; approve: Approve }) {
  const { repos, settings, clock } = deps;
  const steps = createReturnSteps(deps);
  /**
   * Returns whose steps run now. A started step without its transaction yet
   * reads as a crash leftover (reconcile plans it again), so a second
   * 继续退款 or 取消 of the same return from another window while the first
   * waits for the supervisor's password or the gateway would send the same
   * refund twice: it is refused (RETURN_STEP_UNDECIDED) instead.
   */
  const running = new Set<number>();
  const refuseRunning = (id: number, returnNo: string) => {
    if (running.has(id)) fail('RETURN_STEP_UNDECIDED', { returnNo });
  };

  function paidOrder(orderId: number): OrderRecord {
    const order = repos.orders.get(orderId);
    if (!order) fail('RETURN_ORDER_NOT_FOUND', { orderNo: String(orderId) });
    if (order.state !== 'paid') fail('RETURN_ORDER_NOT_PAID', { orderNo: order.orderNo });
    return order;
  }

  const leftOf = (tx: TransactionRecord) =>
    tx.state === 'approved' ? Math.max(0, tx.amountFen - repos.transactions.refundedFen(tx.id)) : 0;

  function payments(orderId: number): Array<RefundablePayment & { tx: TransactionRecord }> {
    return repos.transactions
      .byOrder(orderId)
      .filter((t) => t.type === 'sale' && (t.state === 'approved' || t.state === 'refunded'))
      .map((tx) => ({
        tx,
        txId: tx.id,
        tender: tx.tender,
        amountFen: tx.amountFen,
        leftFen: leftOf(tx),
        settled: repos.counters.batchState(tx.batchNo) === 'settled',
      }));
  }

  function orderView(order: OrderRecord): ReturnOrderView {
    const returned = new Map(
      repos.returns.returnedOfOrder(order.id).map((r) => [r.orderLineId, r]),
    );
    const open = repos.returns.byOrder(order.id).find((r) => r.state === 'open');
    return {
      orderId: order.id,
      orderNo: order.orderNo,
      paidAt: iso(order.paidAt ?? order.updatedAt),
      operatorNo: order.operatorNo,
      totalFen: order.totals.totalFen,
      lines: order.lines.map((l) => {
        const r = returned.get(l.id);
        const returnedQty = r?.quantity ?? 0;
        const returnedFen = r?.amountFen ?? 0;
        return {
          lineId: l.id,
          name: l.name,
          spec: l.spec,
          quantity: l.quantity,
          weightG: l.weightG,
          netFen: l.netFen,
          returnedQty,
          returnedFen,
          leftQty: l.quantity - returnedQty,
          leftFen: l.netFen - returnedFen,
        };
      }),
      payments: payments(order.id).map((p) => ({
        txId: p.txId,
        tender: p.tender,
        amountFen: p.amountFen,
        leftFen: p.leftFen,
        settled: p.settled,
        panMasked: p.tx.card?.panMasked ?? null,
      })),
      openReturnId: open?.id ?? null,
    };
  }

  /** What the picks give back and where it goes, or the reason it can't (nothing stored). */
  function quote(orderId: number, picks: Array<{ lineId: number; quantity: number }>): ReturnQuote {
    const view = orderView(paidOrder(orderId));
    const merged = new Map<number, number>();
    for (const p of picks) merged.set(p.lineId, (merged.get(p.lineId) ?? 0) + p.quantity);
    const lines = [...merged].map(([lineId, quantity]) => {
      const line = view.lines.find((l) => l.lineId === lineId);
      if (!line) return fail('RETURN_LINE_NOT_ON_ORDER', { lineId });
      const a = returnLineAmount(line, quantity);
      if (!a.ok)
        return fail('RETURN_EXCEEDS', {
          name: line.name,
          leftQty: line.leftQty,
          left: formatFen(line.leftFen),
        });
      return { lineId, quantity, amountFen: a.amountFen };
    });
    const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
    const plan = planRefund(totalFen, payments(orderId));
    if (!plan.ok) {
      const pr = plan.problem;
      if (pr.kind === 'exceeds-payments')
        fail('RETURN_PAYMENTS_SHORT', { left: formatFen(pr.leftFen) });
      fail('RETURN_CARD_PARTIAL', { amount: formatFen(pr.amountFen), take: formatFen(pr.takeFen) });
    }
    return { totalFen, lines, refunds: plan.steps };
  }

  const newReturnNo = (now: number) =>
    `R${formatOrderNumber(localTimeParts(now), repos.returns.nextSequence())}`;

  /** Runs what is left of a return and prints its slip once done; a refusal comes back as `problem`. */
  async function runAndReport(
    returnId: number,
    session: Session,
    supervisor: Supervisor,
    supervisorNo: string,
  ): Promise<ReturnRun> {
    const printJobs: PrintJob[] = [];
    let problem: ReturnRun['problem'] = null;
    // Taken before the first await, in the same turn as the caller's last check.
    refuseRunning(returnId, repos.returns.get(returnId)?.returnNo ?? '');
    running.add(returnId);
    try {
      printJobs.push(...(await steps.run(returnId, session, supervisor, supervisorNo)));
    } catch (err) {
      if (!(err instanceof PosFailure)) throw err;
      problem = err.error;
    } finally {
      running.delete(returnId);
    }
    if (!repos.returns.get(returnId)) fail('RETURN_NOT_FOUND', { returnId });
    printJobs.push(...finishIfDone(returnId));
    return { return: toReturnView(repos, returnId), problem, printJobs };
  }

  /** An open return all of whose money went back is done, and its slip prints. */
  function finishIfDone(returnId: number): PrintJob[] {
    const ret = repos.returns.get(returnId);
    if (ret?.state !== 'open' || !ret.steps.every((s) => s.state === 'done')) return [];
    const now = clock.now();
    repos.inTransaction(() => repos.returns.setState(returnId, 'done', now));
    return printReturnSlip(deps, returnId);
  }

  return {
    order(orderNo: string): ReturnOrderView {
      if (!isOrderNumber(orderNo)) fail('RETURN_ORDER_NOT_FOUND', { orderNo });
      const order = repos.orders.byNumber(orderNo);
      if (!order) fail('RETURN_ORDER_NOT_FOUND', { orderNo });
      if (order.state !== 'paid') fail('RETURN_ORDER_NOT_PAID', { orderNo });
      return orderView(order);
    },

    /** Paid orders of a local day, newest first, optionally those a card ending in last4 paid. */
    search(date: string, last4?: string) {
      const [from, to] = localDayRange(date, 'date');
      return {
        orders: repos.returns.paidOrders(from, to, last4).map((o) => ({
          orderId: o.id,
          orderNo: o.orderNo,
          paidAt: iso(o.paidAt),
          totalFen: o.totalFen,
          operatorNo: o.operatorNo,
        })),
      };
    },

    quote,

    async create(
      input: {
        orderId: number;
        lines: Array<{ lineId: number; quantity: number }>;
        supervisor: Supervisor;
      },
      session: Session,
    ): Promise<ReturnRun> {
      const open = repos.returns.byOrder(input.orderId).find((r) => r.state === 'open');
      if (open) fail('RETURN_OPEN_EXISTS', { returnNo: open.returnNo });
      const q = quote(input.orderId, input.lines);
      const order = paidOrder(input.orderId);
      const { operatorNo, password } = input.supervisor;
      const supervisorNo = await deps.approve(operatorNo, password, 'return', {
        orderNo: order.orderNo,
        amountFen: q.totalFen,
      });
      const now = clock.now();
      const returnId = repos.inTransaction(() => {
        // Quoted again under the write lock: a return made meanwhile can't be counted twice.
        const fresh = quote(input.orderId, input.lines);
        if (repos.returns.byOrder(input.orderId).some((r) => r.state === 'open'))
          fail('RETURN_OPEN_EXISTS', { returnNo: order.orderNo });
        const id = repos.returns.create({
          returnNo: newReturnNo(now),
          orderId: order.id,
          totalFen: fresh.totalFen,
          operatorNo: session.operatorNo,
          supervisorNo,
          reason: null,
          training: isTraining(settings.get()),
          now,
        });
        for (const l of fresh.lines) {
          const line = order.lines.find((x) => x.id === l.lineId)!;
          repos.returns.insertLine(id, {
            orderLineId: l.lineId,
            name: line.name,
            quantity: l.quantity,
            amountFen: l.amountFen,
          });
        }
        fresh.refunds.forEach((s, i) =>
          repos.returns.insertStep(id, i + 1, { ...s, paymentTxId: s.txId }),
        );
        return id;
      });
      return runAndReport(returnId, session, input.supervisor, supervisorNo);
    },

    async resume(input: { returnId: number; supervisor: Supervisor }, session: Session) {
      const ret = repos.returns.get(input.returnId);
      if (!ret) fail('RETURN_NOT_FOUND', { returnId: input.returnId });
      if (ret.state !== 'open') fail('RETURN_NOT_OPEN', { returnNo: ret.returnNo });
      refuseRunning(ret.id, ret.returnNo);
      const { operatorNo, password } = input.supervisor;
      const supervisorNo = await deps.approve(operatorNo, password, 'return.resume', {
        returnNo: ret.returnNo,
      });
      if (repos.returns.get(ret.id)?.state !== 'open')
        fail('RETURN_NOT_OPEN', { returnNo: ret.returnNo });
      return runAndReport(ret.id, session, input.supervisor, supervisorNo);
    },

    async cancel(input: {
      returnId: number;
      supervisor: Supervisor;
    }): Promise<{ return: ReturnView }> {
      const ret = repos.returns.get(input.returnId);
      if (!ret) fail('RETURN_NOT_FOUND', { returnId: input.returnId });
      if (ret.state !== 'open') fail('RETURN_NOT_OPEN', { returnNo: ret.returnNo });
      refuseRunning(ret.id, ret.returnNo);
      if (ret.steps.some((s) => steps.reconcile(s) !== 'planned'))
        fail('RETURN_CANNOT_CANCEL', { returnNo: ret.returnNo });
      const { operatorNo, password } = input.supervisor;
      await deps.approve(operatorNo, password, 'return.cancel', { returnNo: ret.returnNo });
      refuseRunning(ret.id, ret.returnNo);
      repos.inTransaction(() => {
        const fresh = repos.returns.get(ret.id);
        if (fresh?.steps.some((s) => s.state !== 'planned'))
          fail('RETURN_CANNOT_CANCEL', { returnNo: ret.returnNo });
        repos.returns.setState(ret.id, 'cancelled', clock.now());
      });
      return { return: toReturnView(repos, ret.id) };
    },

    async withoutOriginal(
      input: {
        lines: Array<{ name: string; quantity: number; amountFen: number }>;
        reason: string;
        supervisor: Supervisor;
      },
      session: Session,
    ): Promise<ReturnRun> {
      const p = settings.get();
      if (!p.returns.withoutOriginal) fail('RETURN_WITHOUT_ORIGINAL_OFF');
      if (!p.enabled.refund) fail('REFUND_NOT_ALLOWED', { reason: 'disabled' });
      const totalFen = input.lines.reduce((s, l) => s + l.amountFen, 0);
      if (totalFen > p.enabled.maxRefundFen)
        fail('REFUND_EXCEEDS', { refundable: formatFen(p.enabled.maxRefundFen) });
      const { operatorNo, password } = input.supervisor;
      const supervisorNo = await deps.approve(operatorNo, password, 'return.withoutOriginal', {
        amountFen: totalFen,
        reason: input.reason,
      });
      const now = clock.now();
      const returnId = repos.inTransaction(() => {
        const id = repos.returns.create({
          returnNo: newReturnNo(now),
          orderId: null,
          totalFen,
          operatorNo: session.operatorNo,
          supervisorNo,
          reason: input.reason,
          training: isTraining(p),
          now,
        });
        for (const l of input.lines) repos.returns.insertLine(id, { orderLineId: null, ...l });
        repos.returns.insertStep(id, 1, {
          paymentTxId: null,
          tender: 'cash',
          kind: 'cash',
          amountFen: totalFen,
        });
        return id;
      });
      return runAndReport(returnId, session, input.supervisor, supervisorNo);
    },

    get: (returnId: number) => {
      if (!repos.returns.get(returnId)) fail('RETURN_NOT_FOUND', { returnId });
      return toReturnView(repos, returnId);
    },
    open: () => ({ returns: repos.returns.openIds().map((id) => toReturnView(repos, id)) }),

    rules: (): ReturnRules => ({ withoutOriginal: settings.get().returns.withoutOriginal }),
    saveRules(rules: ReturnRules, operatorNo: string): ReturnRules {
      const before = settings.get();
      const after = { ...before, returns: { ...rules } };
      settings.save(after);
      repos.audit.append(
        {
          operatorNo,
          action: 'parameters.changed',
          detail: { changes: diffParameters(before, after) },
        },
        clock.now(),
      );
      return { withoutOriginal: settings.get().returns.withoutOriginal };
    },

    /**
     * After a restart: steps a crash left started are matched with their
     * transactions, and a return whose last step went through (the crash came
     * before it was marked done, or a reversal or the outbox decided it) is
     * finished and its slip printed. Planned steps wait for 继续退款 (the
     * supervisor again, README "Returns by line").
     */
    recoverAtStart(): number {
      let n = 0;
      for (const id of repos.returns.openIds()) {
        for (const s of repos.returns.get(id)?.steps ?? [])
          if (s.state === 'started') {
            steps.reconcile(s);
            n += 1;
          }
        finishIfDone(id);
      }
      return n;
    },
  };
}
export type ReturnService = ReturnType<typeof createReturnService>;
