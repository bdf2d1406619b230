import type { QrOutcome, SaleItemInput, Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { EventBus } from '../../core/events';
import type { Logger } from '../../core/logger';
import type { QrEndpoints } from '../../core/qr-endpoint';
import type { OutboxRecord, Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import {
  classifyPaymentCode,
  localTimeParts,
  makeOrderNo,
  maskPaymentCode,
} from '../../domain/qr-code';
import { buildQrFaultSlip } from '../../domain/qr-receipt';
import type { DeliveryResult, OutboxHandler, OutboxWorker } from '../../outbox/worker';
import {
  deliverCancel,
  runQrPayment,
  systemScheduler,
  type QrPaymentOutcome,
  type Scheduler,
} from '../../qr';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { printReceipts, receiptTerminal } from '../printing/receipts';
import { toTransactionView } from '../checkout/transaction-view';
import type { PaysOrder } from '../cards/card-service';

export const QR_CANCEL = 'qr-cancel';

export interface QrCancelPayload {
  txId: number;
  orderNo: string;
  /** null while held (the payment is running); why it is being cancelled once released. */
  cause: 'timeout' | 'cashier' | 'restart' | null;
}

export interface QrDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  print: PrintService;
  /** Only to say "look now": the worker itself delivers the rows. */
  outbox: Pick<OutboxWorker, 'kick'>;
  endpoints: QrEndpoints;
  /** Real time by default; tests run the 60 s of polling instantly. */
  scheduler?: Scheduler;
}

/**
 * 付款码 payments (PRODUCT.md §4). The order is armed durably before /pay goes:
 * the transaction ('pending') and a held cancel in the outbox, in one SQLite
 * transaction. The flow (main/qr/payment-flow.ts) then pays once, queries an
 * uncertain answer every 5 s for 60 s and cancels what is still unpaid; a
 * cancel that does not stick is released to the outbox and retried until it
 * does — also after a restart, which releases the cancel of any payment that
 * was running when the terminal went down.
 */
export function createQrService(deps: QrDeps) {
  const { repos, settings, clock, logger, events, print, outbox, endpoints } = deps;
  const scheduler = deps.scheduler ?? systemScheduler();
  let busy: AbortController | null = null;

  function printFaultSlip(txId: number, gatewayCode: string | null) {
    const tx = repos.transactions.get(txId);
    if (!tx?.qr) return;
    const { type, qr } = tx;
    if (type !== 'sale' && type !== 'refund') return;
    const doc = buildQrFaultSlip(
      receiptTerminal(settings),
      { ...tx, type, qr },
      clock.now(),
      gatewayCode,
    );
    repos.inTransaction(() => print.enqueue(doc, { txId, kind: 'fault_slip', copy: null }));
    print.kick();
  }

  /** Writes the flow's verdict: state, gateway facts, and what happens to the held cancel. */
  function record(txId: number, outboxId: number, o: QrPaymentOutcome): TransactionRecord {
    const at = clock.now();
    const to =
      o.status === 'approved'
        ? 'approved'
        : o.status === 'declined'
          ? 'declined'
          : o.status === 'cancelled'
            ? 'cancelled'
            : o.status === 'cancel-pending'
              ? 'cancel_pending'
              : 'uncertain';
    repos.inTransaction(() => {
      repos.qrPayments.setFacts(txId, {
        gatewayTxId: o.transactionId ?? null,
        payerMasked: o.payerId ? maskPaymentCode(o.payerId) : null,
        gatewayCode: o.gatewayCode ?? null,
        gatewayMessage: o.gatewayMessage ?? null,
      });
      repos.transactions.transition(txId, 'pending', to, at, null, o.reason ?? o.status);
      if (o.status === 'cancel-pending') {
        const cause = o.pendingCancel?.cause ?? 'timeout';
        repos.outbox.release(
          outboxId,
          { txId, orderNo: o.orderNo, cause } satisfies QrCancelPayload,
          at,
        );
      } else {
        repos.outbox.cancelHeld(outboxId, at);
      }
    });
    const tx = repos.transactions.get(txId);
    if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
    return tx;
  }

  const cancelHandler: OutboxHandler = {
    kind: QR_CANCEL,
    async deliver(row: OutboxRecord): Promise<DeliveryResult> {
      const { txId, orderNo } = row.payload as QrCancelPayload;
      const state = repos.transactions.state(txId);
      if (state !== 'cancel_pending') return { kind: 'done' };
      const verdict = await deliverCancel(await endpoints.client(), { orderNo });
      const at = clock.now();
      if (verdict.kind === 'done') {
        repos.transactions.transition(
          txId,
          'cancel_pending',
          'cancelled',
          at,
          null,
          `cancel ${verdict.outcome}`,
        );
        logger.info('QR cancel delivered', { txId, outcome: verdict.outcome });
        return { kind: 'done' };
      }
      if (verdict.kind === 'gave-up') {
        repos.inTransaction(() => {
          repos.qrPayments.setFacts(txId, { gatewayCode: verdict.code ?? null });
          repos.transactions.transition(
            txId,
            'cancel_pending',
            'uncertain',
            at,
            null,
            'cancel refused',
          );
        });
        logger.error('QR cancel refused by the gateway: fault slip printed', { txId });
        printFaultSlip(txId, verdict.code ?? null);
        return { kind: 'dead', error: `cancel refused ${verdict.code ?? verdict.reason}` };
      }
      return { kind: 'retry', error: `cancel not yet: ${verdict.reason}` };
    },
  };

  function toOutcome(tx: TransactionRecord, o: QrPaymentOutcome): QrOutcome {
    const transaction = toTransactionView(tx);
    const reason = o.reason ?? 'gateway-declined';
    const gateway = {
      gatewayCode: o.gatewayCode ?? null,
      gatewayMessage: o.gatewayMessage ?? null,
    };
    switch (o.status) {
      case 'approved':
        // A payment of an order is on the order's receipt (queued by the checkout).
        return {
          outcome: 'approved',
          transaction,
          printJobs: tx.orderId === null ? printReceipts(deps, tx) : [],
        };
      case 'declined':
        return { outcome: 'declined', reason, transaction, ...gateway };
      case 'cancelled':
        return { outcome: 'cancelled', reason, transaction };
      case 'cancel-pending':
        return { outcome: 'cancel-pending', reason, transaction };
      case 'cancel-failed':
        printFaultSlip(tx.id, o.gatewayCode ?? null);
        return { outcome: 'cancel-failed', reason, transaction, ...gateway };
    }
  }

  return {
    cancelHandler,

    async pay(
      input: { amountFen: number; code: string; items?: SaleItemInput[] },
      session: Session,
      forOrder?: PaysOrder,
    ): Promise<QrOutcome> {
      // Refused before anything is stored or sent.
      const payment = classifyPaymentCode(input.code);
      if (!payment.ok) fail('QR_CODE_INVALID', { reason: payment.reason });
      if (busy) fail('QR_BUSY');
      const controller = new AbortController();
      busy = controller;
      try {
        const client = await endpoints.client();
        const p = settings.get();
        const now = clock.now();
        const { txId, orderNo, outboxId } = repos.inTransaction(() => {
          const trace = repos.counters.nextTrace();
          const orderNo = makeOrderNo(p.terminalNumber ?? '', localTimeParts(now), trace);
          forOrder?.guard(input.amountFen);
          const txId = repos.qrPayments.insertPending({
            orderId: forOrder?.orderId ?? null,
            type: 'sale',
            amountFen: input.amountFen,
            operatorNo: session.operatorNo,
            batchNo: repos.counters.batchForTransaction(now),
            traceNo: trace,
            training: isTraining(p),
            createdAt: now,
            orderNo,
            wallet: payment.wallet,
            codeMasked: maskPaymentCode(payment.code),
            feeRateBp: p.fees.qrRate,
            items: (input.items ?? []).map((i) => ({
              ...i,
              amountFen: i.quantity * i.unitPriceFen,
            })),
          });
          const row = repos.outbox.enqueue(
            {
              kind: QR_CANCEL,
              dedupeKey: `qr-cancel:${orderNo}`,
              payload: { txId, orderNo, cause: null } satisfies QrCancelPayload,
            },
            now,
            'held',
          );
          return { txId, orderNo, outboxId: row.id };
        });

        const outcome = await runQrPayment(
          { orderNo, payment, amountFen: input.amountFen },
          {
            client,
            scheduler,
            signal: controller.signal,
            onProgress: (progress) =>
              events.emit('qr:progress', {
                phase: progress.phase,
                secondsLeft:
                  progress.phase === 'waiting-for-customer' ? progress.secondsLeft : null,
              }),
          },
        );
        logger.info('QR payment ended', {
          txId,
          status: outcome.status,
          calls: outcome.timeline.map((c) => c.op).join(','),
        });
        const tx = record(txId, outboxId, outcome);
        if (outcome.status === 'cancel-pending') outbox.kick();
        return toOutcome(tx, outcome);
      } finally {
        busy = null;
      }
    },

    /** The cashier stops waiting for the customer: the flow cancels the order. */
    cancel(): void {
      busy?.abort();
    },

    /**
     * A payment that was running when the terminal went down: nobody knows
     * whether the customer paid, so its order is cancelled (a paid one is
     * reversed by the cancel), via the outbox.
     */
    recoverAtStart(): number {
      let n = 0;
      const now = clock.now();
      for (const row of repos.outbox.held()) {
        if (row.kind !== QR_CANCEL) continue;
        const { txId, orderNo } = row.payload as QrCancelPayload;
        repos.inTransaction(() => {
          repos.transactions.transition(
            txId,
            'pending',
            'cancel_pending',
            now,
            null,
            'interrupted by a restart',
          );
          repos.outbox.release(
            row.id,
            { txId, orderNo, cause: 'restart' } satisfies QrCancelPayload,
            now,
          );
        });
        n += 1;
      }
      if (n > 0)
        logger.warn('QR payments interrupted by a restart will be cancelled', { count: n });
      return n;
    },
  };
}
export type QrService = ReturnType<typeof createQrService>;
