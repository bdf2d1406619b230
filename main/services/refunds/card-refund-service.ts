import {
  type ApprovalAction,
  formatFen,
  type PrintJob,
  type Session,
  type TransactionView,
} from '../../../preload/contract';
import { PinPadError, type PinPad } from '../../../native/pinpad';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { maskPan } from '../../domain/pan';
import { refundRequest } from '../../host/follow-up-messages';
import {
  MSG_TYPE,
  PROCESSING,
  matchesRequest,
  packWithMac,
  replyMacAcceptable,
  responseCode,
  text,
} from '../../host/messages';
import type { SecretBox } from '../../secrets/secret-box';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from '../cards/host-service';
import type { PrintService } from '../printing/print-service';
import { localDate, printReceipts } from '../printing/receipts';
import type { SealedCard } from '../cards/reversal-service';
import { leftAfterSettlement, markRefundedWhenFull, requireRefundable } from './refund-rules';
import { toTransactionView } from '../checkout/transaction-view';
import { createUncertainRefunds } from './uncertain-refund';
import { assertBatchRoom } from '../cards/batch-room';
import type { CardActivity, CardVerdict } from '../cards/card-activity';

export interface CardRefundOutcome {
  outcome: 'approved' | 'declined' | 'uncertain';
  responseCode: string | null;
  transaction: TransactionView;
  printJobs: PrintJob[];
}

/**
 * 退货 of a card sale after settlement (PRODUCT.md §4): found by its reference
 * number and date, up to what is left after earlier refunds and the maximum
 * refund parameter, approved by the supervisor, the card read again at the
 * PIN pad and checked against the sale. Refunds are not reversed: with no
 * valid answer the refund is 'uncertain' and the cashier checks before trying
 * again.
 */
export function createCardRefundService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  host: HostService;
  pinpad: PinPad;
  print: PrintService;
  /** The till's running card transactions (card:running): a card refund is one of them. */
  activity: CardActivity;
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
}) {
  const { repos, settings, clock, logger, secretBox, host, pinpad } = deps;

  function refundableFen(tx: TransactionRecord): number {
    if (tx.tender !== 'card') return 0;
    if (tx.type !== 'sale' && tx.type !== 'preauth_complete') return 0;
    return leftAfterSettlement(repos, tx);
  }

  function findOriginal(rrn: string, date: string): TransactionRecord {
    const original = repos.transactions.byRrn(rrn);
    if (!original || localDate(original.createdAt) !== date)
      fail('REFUND_ORIGINAL_NOT_FOUND', { rrn, date });
    requireRefundable(repos, original);
    return original;
  }

  return {
    refundableFen,

    /** A refund left 'uncertain' settled by the supervisor after asking the bank (uncertain-refund.ts). */
    resolve: createUncertainRefunds(deps).resolve,

    async refund(
      input: {
        rrn: string;
        date: string;
        amountFen: number;
        supervisor: { operatorNo: string; password: string };
      },
      session: Session,
    ): Promise<CardRefundOutcome> {
      const p = settings.get();
      if (!p.enabled.refund) fail('REFUND_NOT_ALLOWED', { reason: 'disabled' });
      const original = findOriginal(input.rrn, input.date);
      const left = Math.min(refundableFen(original), p.enabled.maxRefundFen);
      if (input.amountFen > left) fail('REFUND_EXCEEDS', { refundable: formatFen(left) });
      await host.ensureSignedIn(session.operatorNo); // signs in when needed, or a clear error
      await deps.approve(input.supervisor.operatorNo, input.supervisor.password, 'card.refund', {
        txId: original.id,
        rrn: input.rrn,
        amountFen: input.amountFen,
      });
      return refundOriginal(original, input.amountFen, session);
    },

    /**
     * Refunds a settled card sale the supervisor already approved giving back
     * (a payment of an abandoned order, PRODUCT.md §12): the card is read
     * again and checked as for any refund.
     */
    async refundApproved(
      original: TransactionRecord,
      amountFen: number,
      session: Session,
    ): Promise<CardRefundOutcome> {
      requireRefundable(repos, original);
      if (amountFen > refundableFen(original))
        fail('REFUND_EXCEEDS', { refundable: formatFen(refundableFen(original)) });
      host.mak();
      return refundOriginal(original, amountFen, session);
    },
  };

  /**
   * From the card on, the refund is the till's running card transaction: a
   * page reloaded while it waits at the host (up to its timeout) finds it
   * (card:running) and learns its end, so the cashier does not refund twice.
   */
  function refundOriginal(
    original: TransactionRecord,
    amountFen: number,
    session: Session,
  ): Promise<CardRefundOutcome> {
    return deps.activity.track(
      { kind: 'refund', amountFen, phase: 'insert-card' },
      refundVerdict,
      () => sendRefund(original, amountFen, session),
    );
  }

  async function sendRefund(
    original: TransactionRecord,
    amountFen: number,
    session: Session,
  ): Promise<CardRefundOutcome> {
    const p = settings.get();
    const open = repos.counters.peekBatch();
    // Before the customer is asked for the card: a full batch can't take it.
    if (open) assertBatchRoom(repos, open, 'refund', original.card?.cardForeign ?? false);
    const input = { amountFen, rrn: original.card?.rrn ?? '' };
    const card = await pinpad.readCard({ amountFen: input.amountFen }).catch((err: unknown) => {
      if (err instanceof PinPadError) fail(err.code);
      throw err;
    });
    if (maskPan(card.pan) !== original.card?.panMasked) fail('REFUND_CARD_MISMATCH');

    const ids = host.ids();
    const now = clock.now();
    const sealed: SealedCard = { pan: card.pan, expiry: card.expiry, entryMode: card.entryMode };
    const { txId, trace } = repos.inTransaction(() => {
      // Checked again under the write lock: two refunds at once can't both fit.
      if (input.amountFen > refundableFen(original))
        fail('REFUND_EXCEEDS', { refundable: formatFen(refundableFen(original)) });
      const batchNo = repos.counters.batchForTransaction(now);
      const cardForeign = original.card?.cardForeign ?? false;
      assertBatchRoom(repos, batchNo, 'refund', cardForeign);
      const trace = repos.counters.nextTrace();
      const id = repos.transactions.insertCardPending({
        type: 'refund',
        amountFen: input.amountFen,
        operatorNo: session.operatorNo,
        batchNo,
        traceNo: trace,
        training: isTraining(p),
        createdAt: now,
        panMasked: maskPan(card.pan),
        // Kept sealed until this batch is settled (a batch upload may need it).
        cardSealed: secretBox.seal(Buffer.from(JSON.stringify(sealed))),
        cardForeign,
        entryMode: card.entryMode,
        processingCode: PROCESSING.void,
        messageTypeCode: MSG_TYPE.refund,
        originalTxId: original.id,
      });
      return { txId: id, trace };
    });
    const mmdd = localDate(original.createdAt).slice(5).replace('-', '');
    const request = refundRequest({
      ids,
      trace,
      card,
      amountFen: input.amountFen,
      original: {
        batchNo: original.batchNo,
        traceNo: original.traceNo,
        rrn: input.rrn,
        mmdd,
      },
    });
    const mak = host.mak();
    // The cashier sees connecting / sent, waiting for the host, and the seconds left.
    const { result, endpoint } = await host.send(packWithMac(request, mak), { progress: true });
    const at = clock.now();
    const done = (
      tx: TransactionRecord,
      outcome: CardRefundOutcome['outcome'],
      code: string | null,
    ) => ({
      outcome,
      responseCode: code,
      transaction: toTransactionView(tx),
      printJobs: outcome === 'approved' ? printReceipts(deps, tx) : [],
    });
    const reload = () => {
      const tx = repos.transactions.get(txId);
      if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
      return tx;
    };

    if (result.kind === 'not-sent') {
      repos.transactions.recordNotSent(txId, at, `not sent: ${result.reason}`);
      throw host.networkError(endpoint, result);
    }
    const reply = result.kind === 'reply' ? result.message : null;
    const valid =
      result.kind === 'reply' &&
      reply !== null &&
      matchesRequest(request, reply).ok &&
      replyMacAcceptable(result.body, reply, mak);
    if (!valid || !reply) {
      // Not reversed (PRODUCT.md §4): nobody knows whether the money went back.
      repos.transactions.transition(txId, 'pending', 'uncertain', at, null, 'no valid answer');
      logger.warn('card refund without a valid answer: uncertain', { txId, trace });
      return done(reload(), 'uncertain', null);
    }
    const code = responseCode(reply) ?? '';
    repos.inTransaction(() => {
      repos.transactions.recordAnswer(
        txId,
        {
          responseCode: code,
          authCode: text(reply, 38),
          rrn: text(reply, 37),
          hostDate: text(reply, 13),
          hostTime: text(reply, 12),
          issuer: text(reply, 63),
        },
        at,
      );
      if (code === '00') markRefundedWhenFull(repos, original, at, null, 'fully refunded');
    });
    return done(reload(), code === '00' ? 'approved' : 'declined', code);
  }
}
/** How a refund ended, for card:ended: with no valid answer it is uncertain, never reversed. */
const refundVerdict = (o: CardRefundOutcome): CardVerdict =>
  o.outcome === 'uncertain'
    ? { result: 'uncertain', responseCode: null }
    : { result: o.outcome, responseCode: o.responseCode };

export type CardRefundService = ReturnType<typeof createCardRefundService>;
