import {
  type ApprovalAction,
  formatFen,
  type QrRefundOutcome,
  type Session,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { QrEndpoints } from '../../core/qr-endpoint';
import type { OutboxRecord, Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { localTimeParts, makeOrderNo } from '../../domain/qr-code';
import type { DeliveryResult, OutboxHandler, OutboxWorker } from '../../outbox/worker';
import type { GatewayResult } from '../../qr';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { printReceipts } from '../printing/receipts';
import { toTransactionView } from '../checkout/transaction-view';
import { markRefundedWhenFull } from './refund-rules';

export const QR_REFUND = 'qr-refund';

export interface QrRefundPayload {
  txId: number;
  orderNo: string;
  refundNo: string;
  amountFen: number;
}

type Verdict = 'approved' | 'declined' | 'uncertain';

/**
 * What a /refund answer means. The same refund number with the same amount is
 * idempotent at the gateway, so an uncertain answer is asked again with the
 * same number (never a new one: that could refund twice).
 */
function judgeRefund(result: GatewayResult): { verdict: Verdict; code: string | null } {
  if (result.kind === 'uncertain') return { verdict: 'uncertain', code: null };
  if (result.kind === 'rejected') {
    // 401/403: nothing was done and a fixed token may make it go; any other 4xx is final.
    return {
      verdict: result.reason === 'unauthorized' ? 'uncertain' : 'declined',
      code: result.code ?? String(result.status),
    };
  }
  const { status, code } = result.reply;
  if (status === 'SUCCESS' || status === 'REFUNDED')
    return { verdict: 'approved', code: code ?? null };
  if (status === 'USERPAYING' || status === 'NOTPAY')
    return { verdict: 'uncertain', code: code ?? null };
  return { verdict: 'declined', code: code ?? status };
}

/**
 * 退货 of a QR payment (PRODUCT.md §4): to the same wallet, partial and
 * repeated up to the original amount, approved by a supervisor. The refund is
 * its own transaction ('refund', linked to the sale) with its own refund
 * number; an uncertain answer leaves it 'uncertain' and the outbox asks again.
 */
export function createQrRefundService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  print: PrintService;
  /** Only to say "look now": the worker itself delivers the rows. */
  outbox: Pick<OutboxWorker, 'kick'>;
  endpoints: QrEndpoints;
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
}) {
  const { repos, settings, clock, logger, outbox, endpoints } = deps;

  /** Applies a verdict to a refund in `from` state; true when it changed. */
  function settle(
    refund: QrRefundPayload,
    from: 'pending' | 'uncertain',
    verdict: Verdict,
    code: string | null,
  ) {
    const at = clock.now();
    return repos.inTransaction(() => {
      if (code) repos.qrPayments.setFacts(refund.txId, { gatewayCode: code });
      if (verdict === 'uncertain') {
        if (from === 'pending')
          repos.transactions.transition(
            refund.txId,
            'pending',
            'uncertain',
            at,
            null,
            'no definite answer',
          );
        return false;
      }
      repos.transactions.transition(
        refund.txId,
        from,
        verdict,
        at,
        null,
        code ? `gateway ${code}` : null,
      );
      const tx = repos.transactions.get(refund.txId);
      const original = tx?.originalTxId ? repos.transactions.get(tx.originalTxId) : null;
      if (verdict === 'approved' && original)
        markRefundedWhenFull(repos, original, at, null, 'fully refunded');
      return true;
    });
  }

  /** What can still be refunded from a payment. */
  function refundableFen(tx: TransactionRecord): number {
    if (tx.tender !== 'qr' || tx.type !== 'sale' || tx.state !== 'approved') return 0;
    return Math.max(0, tx.amountFen - repos.transactions.refundedFen(tx.id));
  }

  const handler: OutboxHandler = {
    kind: QR_REFUND,
    async deliver(row: OutboxRecord): Promise<DeliveryResult> {
      const refund = row.payload as QrRefundPayload;
      if (repos.transactions.state(refund.txId) !== 'uncertain') return { kind: 'done' };
      const client = await endpoints.client();
      const { verdict, code } = judgeRefund(
        await client.refund({
          orderNo: refund.orderNo,
          refundNo: refund.refundNo,
          amountFen: refund.amountFen,
        }),
      );
      if (!settle(refund, 'uncertain', verdict, code))
        return { kind: 'retry', error: 'refund still uncertain' };
      const tx = repos.transactions.get(refund.txId);
      if (verdict === 'approved' && tx) printReceipts(deps, tx);
      logger.info('QR refund settled later', { txId: refund.txId, verdict });
      return { kind: 'done' };
    },
  };

  return {
    handler,

    refundableFen,

    async refund(
      input: {
        txId: number;
        amountFen: number;
        supervisor: { operatorNo: string; password: string };
      },
      session: Session,
    ): Promise<QrRefundOutcome> {
      const original = repos.transactions.get(input.txId);
      if (!original) fail('TRANSACTION_NOT_FOUND', { txId: input.txId });
      const p = settings.get();
      if (!p.enabled.refund || original.tender !== 'qr' || original.type !== 'sale' || !original.qr)
        fail('REFUND_NOT_ALLOWED');
      if (original.state !== 'approved') fail('REFUND_NOT_ALLOWED');
      const refundable = refundableFen(original);
      if (input.amountFen > refundable || input.amountFen > p.enabled.maxRefundFen)
        fail('REFUND_EXCEEDS', {
          refundable: formatFen(Math.min(refundable, p.enabled.maxRefundFen)),
        });
      await deps.approve(input.supervisor.operatorNo, input.supervisor.password, 'qr.refund', {
        txId: original.id,
        amountFen: input.amountFen,
      });
      return refundOriginal(original, input.amountFen, session);
    },

    /**
     * Refunds a QR payment the supervisor already approved giving back (a
     * payment of an abandoned order, PRODUCT.md §12) to the same wallet.
     */
    refundApproved(
      original: TransactionRecord,
      amountFen: number,
      session: Session,
    ): Promise<QrRefundOutcome> {
      if (original.tender !== 'qr' || original.type !== 'sale' || original.state !== 'approved')
        fail('REFUND_NOT_ALLOWED');
      if (amountFen > refundableFen(original))
        fail('REFUND_EXCEEDS', { refundable: formatFen(refundableFen(original)) });
      return refundOriginal(original, amountFen, session);
    },

    /** A refund whose request was in flight at a crash is asked again with the same number. */
    recoverAtStart(): number {
      let n = 0;
      const now = clock.now();
      for (const row of repos.outbox.held()) {
        if (row.kind !== QR_REFUND) continue;
        const payload = row.payload as QrRefundPayload;
        repos.inTransaction(() => {
          repos.transactions.transition(
            payload.txId,
            'pending',
            'uncertain',
            now,
            null,
            'interrupted by a restart',
          );
          repos.outbox.release(row.id, payload, now);
        });
        n += 1;
      }
      return n;
    },
  };

  async function refundOriginal(
    original: TransactionRecord,
    amountFen: number,
    session: Session,
  ): Promise<QrRefundOutcome> {
    const p = settings.get();
    const originalQr = original.qr;
    if (!originalQr) return fail('REFUND_NOT_ALLOWED');
    const client = await endpoints.client();
    const now = clock.now();
    const refund = repos.inTransaction(() => {
      // Checked again inside the write lock: two refunds at once can't both fit.
      if (amountFen > Math.max(0, original.amountFen - repos.transactions.refundedFen(original.id)))
        fail('REFUND_EXCEEDS', { refundable: formatFen(refundableFen(original)) });
      const trace = repos.counters.nextTrace();
      const refundNo = makeOrderNo(p.terminalNumber ?? '', localTimeParts(now), trace);
      const txId = repos.qrPayments.insertPending({
        type: 'refund',
        amountFen,
        operatorNo: session.operatorNo,
        batchNo: repos.counters.batchForTransaction(now),
        traceNo: trace,
        training: isTraining(p),
        createdAt: now,
        orderNo: refundNo,
        wallet: originalQr.wallet,
        codeMasked: originalQr.codeMasked,
        feeRateBp: p.fees.qrRate,
        original: { txId: original.id, orderNo: originalQr.orderNo },
      });
      const payload: QrRefundPayload = {
        txId,
        orderNo: originalQr.orderNo,
        refundNo,
        amountFen,
      };
      // Held until the answer: an uncertain one releases it for the background.
      const row = repos.outbox.enqueue(
        { kind: QR_REFUND, dedupeKey: `qr-refund:${refundNo}`, payload },
        now,
        'held',
      );
      return { payload, outboxId: row.id };
    });

    const { verdict, code } = judgeRefund(
      await client.refund({
        orderNo: refund.payload.orderNo,
        refundNo: refund.payload.refundNo,
        amountFen: refund.payload.amountFen,
      }),
    );
    settle(refund.payload, 'pending', verdict, code);
    const at = clock.now();
    repos.inTransaction(() => {
      if (verdict === 'uncertain') repos.outbox.release(refund.outboxId, refund.payload, at);
      else repos.outbox.cancelHeld(refund.outboxId, at);
    });
    if (verdict === 'uncertain') outbox.kick();
    const tx = repos.transactions.get(refund.payload.txId);
    if (!tx) fail('TRANSACTION_NOT_FOUND', { txId: refund.payload.txId });
    return {
      outcome: verdict,
      transaction: toTransactionView(tx),
      printJobs: verdict === 'approved' ? printReceipts(deps, tx) : [],
      gatewayCode: code,
    };
  }
}
export type QrRefundService = ReturnType<typeof createQrRefundService>;
