import type { PrintJob, Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { crashPoint } from '../../core/crash-point';
import type { Logger } from '../../core/logger';
import type { Repositories, ReturnStepRecord, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import { localDate } from '../printing/receipts';
import type { CardRefundService } from '../refunds/card-refund-service';
import type { QrRefundService } from '../refunds/qr-refund-service';
import { markRefundedWhenFull } from '../refunds/refund-rules';
import type { VoidService } from '../refunds/void-service';

export interface StepDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  voids: Pick<VoidService, 'void'>;
  cardRefund: Pick<CardRefundService, 'refund'>;
  qrRefund: Pick<QrRefundService, 'refund'>;
}

type Supervisor = { operatorNo: string; password: string };

/** Transaction states that settle a step one way or the other. */
const GONE_BACK = new Set(['approved']);
const UNDECIDED = new Set(['pending', 'uncertain', 'reversal_pending']);

/**
 * How a planned step will give its money back now. A card payment is voided
 * while its batch is open; once the batch has settled the host has nothing to
 * void (it would answer VOID_NOT_FOUND for ever), so the same amount goes back
 * by 退货 — allowed after settlement for any part of the payment (PRODUCT.md §4).
 */
export function plannedKind(
  repos: Pick<Repositories, 'counters' | 'transactions'>,
  step: Pick<ReturnStepRecord, 'kind' | 'state' | 'paymentTxId'>,
): ReturnStepRecord['kind'] {
  if (step.kind !== 'void' || step.state !== 'planned' || step.paymentTxId === null)
    return step.kind;
  const payment = repos.transactions.get(step.paymentTxId);
  return payment && repos.counters.batchState(payment.batchNo) === 'settled' ? 'refund' : 'void';
}

/**
 * Runs the steps of a return's refund, one at a time (README "Returns by
 * line"). Each card and QR step goes through the existing void / refund
 * services with all their rules (reversal, uncertain answers, the outbox);
 * the step is marked 'started' in its own commit before the service is
 * called, and linked to the transaction the service made once it answers. A
 * crash in between leaves a started step without a link: `reconcile` finds
 * its transaction by the payment it follows (made after the step started), and decides from that
 * transaction's state whether the money went back, did not (the step is
 * planned again), or is not known yet.
 */
export function createReturnSteps(deps: StepDeps) {
  const { repos, settings, clock, logger } = deps;

  /** Brings a started step in line with its transaction; returns its state after. */
  function reconcile(step: ReturnStepRecord): ReturnStepRecord['state'] {
    if (step.state !== 'started' || step.paymentTxId === null) return step.state;
    const txId = step.txId ?? repos.returns.unlinkedFollowUp(step.paymentTxId, step.afterTxId ?? 0);
    const tx = txId === null ? null : repos.transactions.get(txId);
    return repos.inTransaction(() => {
      if (!tx) {
        // The service refused before making a transaction: nothing went anywhere.
        repos.returns.setStep(step.id, 'planned', null, step.note);
        return 'planned';
      }
      if (GONE_BACK.has(tx.state)) {
        repos.returns.setStep(step.id, 'done', tx.id, null);
        return 'done';
      }
      if (UNDECIDED.has(tx.state)) {
        repos.returns.setStep(step.id, 'started', tx.id, `#${tx.id} ${tx.state}`);
        return 'started';
      }
      // declined, reversed, failed…: no money moved; the step can be tried again.
      repos.returns.setStep(step.id, 'planned', null, `#${tx.id} ${tx.state}`);
      return 'planned';
    });
  }

  /** Cash out: the transaction and the step's end commit together, nothing to ask anyone. */
  function cashOut(step: ReturnStepRecord, session: Session, supervisorNo: string): void {
    const p = settings.get();
    const now = clock.now();
    repos.inTransaction(() => {
      const payment = step.paymentTxId === null ? null : repos.transactions.get(step.paymentTxId);
      if (
        payment &&
        step.amountFen > payment.amountFen - repos.transactions.refundedFen(payment.id)
      )
        fail('RETURN_PAYMENTS_SHORT', { left: payment.amountFen });
      const txId = repos.transactions.insertCashFollowUp({
        type: 'refund',
        amountFen: step.amountFen,
        operatorNo: session.operatorNo,
        batchNo: repos.counters.batchForTransaction(now),
        traceNo: repos.counters.nextTrace(),
        training: isTraining(p),
        createdAt: now,
        originalTxId: payment?.id ?? null,
      });
      if (payment)
        markRefundedWhenFull(repos, payment, now, supervisorNo, `fully refunded by #${txId}`);
      repos.returns.setStep(step.id, 'done', txId, null);
    });
  }

  /** Sends one card or QR step through its service; the printed slips come back. */
  async function sendStep(
    step: ReturnStepRecord,
    payment: TransactionRecord,
    session: Session,
    supervisor: Supervisor,
  ): Promise<{ txId: number; printJobs: PrintJob[] }> {
    if (step.kind === 'void') {
      const r = await deps.voids.void({ traceNo: payment.traceNo, supervisor }, session);
      return { txId: r.transaction.id, printJobs: r.outcome === 'approved' ? r.printJobs : [] };
    }
    if (step.tender === 'card') {
      if (!payment.card?.rrn) fail('RETURN_PAYMENTS_SHORT', { left: 0 });
      const r = await deps.cardRefund.refund(
        {
          rrn: payment.card.rrn,
          date: localDate(payment.createdAt),
          amountFen: step.amountFen,
          supervisor,
        },
        // Not reversed (PRODUCT.md §4): with no valid answer the refund is uncertain and the
        // step waits, shown, until someone has checked with the bank.
        session,
      );
      return { txId: r.transaction.id, printJobs: r.printJobs };
    }
    const r = await deps.qrRefund.refund(
      { txId: payment.id, amountFen: step.amountFen, supervisor },
      session,
    );
    return { txId: r.transaction.id, printJobs: r.printJobs };
  }

  return {
    reconcile,

    /**
     * Runs the planned steps in order until all are done or one stops (declined,
     * not known yet, or refused with an error, which is thrown after the step
     * is reconciled). Returns the slips printed on the way.
     */
    async run(
      returnId: number,
      session: Session,
      supervisor: Supervisor,
      supervisorNo: string,
    ): Promise<PrintJob[]> {
      const printJobs: PrintJob[] = [];
      const ret = repos.returns.get(returnId);
      if (!ret) fail('RETURN_NOT_FOUND', { returnId });
      for (const step of ret.steps) {
        const state = reconcile(step);
        if (state === 'done') continue;
        if (state === 'started') fail('RETURN_STEP_UNDECIDED', { returnNo: ret.returnNo });
        if (step.kind === 'cash') {
          cashOut(step, session, supervisorNo);
          continue;
        }
        const payment = step.paymentTxId === null ? null : repos.transactions.get(step.paymentTxId);
        if (!payment) fail('TRANSACTION_NOT_FOUND', { txId: step.paymentTxId ?? 0 });
        const kind = plannedKind(repos, { ...step, state: 'planned' });
        if (
          !repos.inTransaction(() => {
            if (kind !== step.kind) {
              repos.returns.replanAsRefund(step.id, `batch ${payment.batchNo} settled: 退货`);
              logger.info('return step planned again as a refund: its batch settled', {
                returnId,
                seq: step.seq,
              });
            }
            return repos.returns.markStarted(step.id, clock.now());
          })
        )
          fail('RETURN_STEP_UNDECIDED', { returnNo: ret.returnNo });
        const started = repos.returns.get(returnId)?.steps.find((s) => s.id === step.id) ?? step;
        crashPoint('return:started');
        try {
          const sent = await sendStep({ ...step, kind }, payment, session, supervisor);
          crashPoint('return:sent');
          printJobs.push(...sent.printJobs);
          const after = reconcile({ ...started, txId: sent.txId });
          if (after !== 'done') {
            const tx = repos.transactions.get(sent.txId);
            logger.warn('return step did not go through', {
              returnId,
              seq: step.seq,
              state: tx?.state,
            });
            if (after === 'started') fail('RETURN_STEP_UNDECIDED', { returnNo: ret.returnNo });
            fail('RETURN_STEP_DECLINED', {
              returnNo: ret.returnNo,
              code: tx?.card?.responseCode ?? tx?.qr?.gatewayCode ?? tx?.state ?? '',
            });
          }
        } catch (err) {
          const fresh = repos.returns.get(returnId)?.steps.find((s) => s.id === step.id);
          if (fresh?.state === 'started') reconcile(fresh);
          throw err;
        }
      }
      return printJobs;
    },
  };
}
export type ReturnSteps = ReturnType<typeof createReturnSteps>;
