import type { OrderUndoView, PosError, PrintJob, Session } from '../../../preload/contract';
import { iso, type Clock } from '../../core/clock';
import { crashPoint } from '../../core/crash-point';
import type { Logger } from '../../core/logger';
import type { Repositories, TransactionRecord } from '../../db';
import type { UndoStepRecord } from '../../db/repos/order-undo';
import { fail, PosFailure } from '../../domain/errors';
import { undoAction, undoOrder, type UndoAction } from '../../domain/order/tender';
import type { CardRefundService } from '../refunds/card-refund-service';
import type { CashRefundService } from '../refunds/cash-refund-service';
import type { QrRefundService } from '../refunds/qr-refund-service';
import type { VoidService } from '../refunds/void-service';
import type { Approve } from './order-service';
import { orderPayments } from './order-view';

const UNDECIDED = new Set(['pending', 'uncertain', 'reversal_pending', 'cancel_pending']);

/**
 * Steps that need nobody at the counter, so start-up carries them on by
 * itself, as it delivers pending reversals: a card void (the card is kept
 * sealed from the sale) and a QR refund. A refund after settlement reads the
 * card again and cash goes back over the counter: those wait for the screen.
 */
const UNATTENDED: ReadonlySet<UndoAction> = new Set(['card-void', 'qr-refund']);

/** What one undo attempt came to: its slips, or why the payment is still kept. */
type Attempt = { printJobs: PrintJob[]; error: PosError | null };

/**
 * 整单撤销: abandoning a partly paid order (PRODUCT.md §12, split tender).
 * The supervisor approves once; the approved payments are then given back one
 * at a time (domain/order/tender undoOrder, undoAction), each through the
 * void or refund service with all its own rules (reversal before a card void,
 * the card read again for a refund after settlement, the QR refund retried
 * by the outbox, the drawer opening for cash).
 *
 * The steps are rows (migration order-undo), and SQLite moves them: a step is
 * done in the same transaction its payment becomes voided or refunded, and
 * the order is cancelled with the last one. So the undo is resumable at any
 * instant: after a crash the screen asks for the next step again, and a step
 * whose void or refund is still undecided waits for its reversal or the
 * outbox rather than starting a second one.
 */
export function createOrderUndoService(deps: {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  approve: Approve;
  voids: Pick<VoidService, 'voidApproved'>;
  cardRefund: Pick<CardRefundService, 'refundApproved'>;
  cashRefund: Pick<CashRefundService, 'refundApproved'>;
  qrRefund: Pick<QrRefundService, 'refundApproved'>;
}) {
  const { repos, clock, logger } = deps;
  // One step at a time per till: a second screen's call waits its turn rather than undoing twice.
  const running = new Set<number>();

  function actionOf(payment: TransactionRecord): UndoAction {
    return undoAction(payment.tender, repos.counters.batchState(payment.batchNo) === 'settled');
  }

  function view(orderId: number, printJobs: PrintJob[] = []): OrderUndoView {
    const undo = repos.orderUndo.get(orderId);
    const order = repos.orders.get(orderId);
    if (!undo || !order) return fail('ORDER_NOT_FOUND', { orderId });
    return {
      orderId,
      number: order.orderNo,
      state: order.state,
      approvedBy: undo.approvedBy,
      startedAt: iso(undo.startedAt),
      finished: undo.finishedAt !== null,
      steps: repos.orderUndo.steps(orderId).map((s) => {
        const payment = repos.transactions.get(s.paymentTxId);
        if (!payment) throw new Error(`payment ${s.paymentTxId} vanished`);
        const waitingTxId = s.state === 'todo' ? repos.orderUndo.inFlight(payment.id) : null;
        const waitingTx = waitingTxId === null ? null : repos.transactions.get(waitingTxId);
        const waiting = waitingTxId !== null;
        return {
          paymentId: payment.id,
          tender: payment.tender,
          amountFen: payment.amountFen,
          action: actionOf(payment),
          state: s.state === 'done' ? 'done' : waiting ? 'waiting' : 'todo',
          attempts: s.attempts,
          error: (s.lastError as PosError | null) ?? null,
          waitingTxId,
          // A card refund is never reversed: only the supervisor, after asking the bank, settles it.
          resolvable:
            waitingTx?.type === 'refund' &&
            waitingTx.tender === 'card' &&
            waitingTx.state === 'uncertain',
        };
      }),
      printJobs,
    };
  }

  /** Gives one payment back; a decline or an unknown outcome leaves it kept, with why. */
  async function undoPayment(
    payment: TransactionRecord,
    session: Session,
    supervisorNo: string,
  ): Promise<Attempt> {
    const action = actionOf(payment);
    if (action === 'card-void' || action === 'cash-void') {
      const r = await deps.voids.voidApproved(payment, session, supervisorNo);
      if (r.outcome === 'approved') return { printJobs: r.printJobs, error: null };
      if (r.outcome === 'declined')
        return {
          printJobs: [],
          error: { code: 'UNDO_DECLINED', params: { code: r.responseCode } },
        };
      return { printJobs: [], error: { code: 'UNDO_NO_ANSWER' } };
    }
    if (action === 'cash-refund') {
      const r = deps.cashRefund.refundApproved(payment, payment.amountFen, session, supervisorNo);
      return { printJobs: r.printJobs, error: null };
    }
    const r =
      action === 'card-refund'
        ? await deps.cardRefund.refundApproved(payment, payment.amountFen, session)
        : await deps.qrRefund.refundApproved(payment, payment.amountFen, session);
    if (r.outcome === 'approved') return { printJobs: r.printJobs, error: null };
    if (r.outcome === 'declined') {
      const code = 'gatewayCode' in r ? r.gatewayCode : r.responseCode;
      return { printJobs: [], error: { code: 'UNDO_DECLINED', params: { code: code ?? '' } } };
    }
    // uncertain: the refund stays in flight (a QR one is asked again by the outbox)
    return { printJobs: [], error: { code: 'UNDO_NO_ANSWER' } };
  }

  /**
   * Gives back the first payment still kept that `wanted` picks (one at a
   * time per order); a step whose void or refund is undecided is left to its
   * reversal or the outbox, a failure is recorded on the step. Returns the
   * slips, or null when no step was tried.
   */
  async function step(
    orderId: number,
    session: Session,
    /** null: the screen, which takes the steps in order; else start-up's pick (others skipped). */
    wanted: ((s: UndoStepRecord, action: UndoAction) => boolean) | null,
  ): Promise<PrintJob[] | null> {
    const undo = repos.orderUndo.get(orderId);
    if (!undo || running.has(orderId)) return null;
    running.add(orderId);
    try {
      const todo = repos.orderUndo.steps(orderId).filter((s) => s.state === 'todo');
      for (const s of todo) {
        const payment = repos.transactions.get(s.paymentTxId);
        const waits = !payment || repos.orderUndo.inFlight(payment.id) !== null;
        if (!wanted && waits) return null;
        if (!payment || waits || (wanted && !wanted(s, actionOf(payment)))) continue;
        crashPoint('undo:step');
        let attempt: Attempt;
        try {
          attempt = await undoPayment(payment, session, undo.approvedBy);
        } catch (err) {
          if (!(err instanceof PosFailure)) throw err;
          attempt = { printJobs: [], error: err.error };
        }
        if (attempt.error) {
          repos.orderUndo.failed(s.id, attempt.error, clock.now());
          logger.warn('a payment of an abandoned order is still kept', {
            orderId,
            txId: payment.id,
            code: attempt.error.code,
          });
        }
        return attempt.printJobs;
      }
      return null;
    } finally {
      running.delete(orderId);
    }
  }

  return {
    /** The order's abandon as it stands, or null when none was started. */
    state(orderId: number): { undo: OrderUndoView | null } {
      return { undo: repos.orderUndo.started(orderId) ? view(orderId) : null };
    },

    /**
     * Starts abandoning a partly paid order with the supervisor's password:
     * one step per approved payment, written with the audit entry in one
     * SQLite transaction. An abandon already started is shown as it stands.
     */
    async abandon(
      input: { orderId: number; supervisor: { operatorNo: string; password: string } },
      session: Session,
    ): Promise<OrderUndoView> {
      if (repos.orderUndo.started(input.orderId)) return view(input.orderId);
      const order = repos.orders.get(input.orderId);
      if (!order) return fail('ORDER_NOT_FOUND', { orderId: input.orderId });
      if (order.state !== 'paying') fail('ORDER_NOT_EDITABLE', { state: order.state });
      const supervisorNo = await deps.approve(
        input.supervisor.operatorNo,
        input.supervisor.password,
        'order.abandon',
        { orderNo: order.orderNo, totalFen: order.totals.totalFen },
      );
      const now = clock.now();
      repos.inTransaction(() => {
        if (repos.orderUndo.started(order.id)) return;
        const fresh = repos.orders.get(order.id);
        if (fresh?.state !== 'paying') fail('ORDER_NOT_EDITABLE', { state: fresh?.state ?? '' });
        const payments = orderPayments(repos, order.id);
        // A payment still undecided is settled by its reversal or QR query first.
        if (payments.some((p) => UNDECIDED.has(p.state)))
          fail('ORDER_PAYMENT_UNDECIDED', { orderNo: order.orderNo });
        const steps = undoOrder(payments);
        if (steps.length === 0) fail('ORDER_NOT_EDITABLE', { state: 'open' });
        repos.orderUndo.start(
          order.id,
          session.operatorNo,
          supervisorNo,
          steps.map((p) => p.id),
          now,
        );
        repos.audit.append(
          {
            operatorNo: session.operatorNo,
            action: 'order.abandoned',
            detail: {
              orderNo: order.orderNo,
              totalFen: order.totals.totalFen,
              payments: steps.map((p) => ({
                txId: p.id,
                tender: p.tender,
                amountFen: p.amountFen,
              })),
              approvedBy: supervisorNo,
            },
          },
          now,
        );
      });
      return view(order.id);
    },

    /**
     * Gives back the next payment still kept, and answers with the abandon as
     * it then stands (the screen calls again until it is finished). A step
     * whose void or refund is still undecided is left to its reversal or the
     * outbox; a failure is recorded on the step and the next call tries again.
     */
    async next(orderId: number, session: Session): Promise<OrderUndoView> {
      if (!repos.orderUndo.get(orderId)) return fail('ORDER_NOT_FOUND', { orderId });
      const printJobs = await step(orderId, session, null);
      return view(orderId, printJobs ?? []);
    },

    /**
     * Start-up (item 2 of issue 15's faults work): carries on every abandon a
     * stop cut short, as pending reversals are delivered — each step that
     * needs nobody at the counter is tried once, in the name of whoever
     * started the abandon (the supervisor approved it then). Returns how many
     * steps were tried; a failure stays on its step for the screen.
     */
    async resumeAtStart(now: number): Promise<number> {
      let tried = 0;
      for (const orderId of repos.orderUndo.unfinished()) {
        const undo = repos.orderUndo.get(orderId);
        if (!undo) continue;
        const session: Session = {
          operatorNo: undo.operatorNo,
          role: 'cashier',
          name: '',
          signedInAt: iso(now),
        };
        const seen = new Set<number>();
        // Each unattended step once: one that fails is left for the screen (or the next start).
        for (;;) {
          const ran = await step(orderId, session, (s, action) => {
            if (seen.has(s.id) || !UNATTENDED.has(action)) return false;
            seen.add(s.id);
            return true;
          });
          if (ran === null) break;
          tried += 1;
        }
      }
      return tried;
    },

    /** Abandons a crash or a failure left unfinished (for start-up's log and the screen). */
    unfinished(): number[] {
      return repos.orderUndo.unfinished();
    },
  };
}
export type OrderUndoService = ReturnType<typeof createOrderUndoService>;
