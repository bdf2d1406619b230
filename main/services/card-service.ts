import type { CardOutcome, PrintJob, SaleItemInput, Session } from '../../preload/contract';
import { PinPadError, type CardRead, type PinPad } from '../../native/pinpad';
import type { Clock } from '../core/clock';
import type { EventBus } from '../core/events';
import type { Logger } from '../core/logger';
import type { Repositories, TransactionRecord } from '../db';
import { fail } from '../domain/errors';
import { isForeignCard, maskPan, parseBalance } from '../domain/pan';
import {
  financialRequest,
  matchesRequest,
  MSG_TYPE,
  packWithMac,
  PROCESSING,
  replyMacValid,
  responseCode,
  text,
} from '../host/messages';
import type { OutboxWorker } from '../outbox/worker';
import type { SecretBox } from '../secrets/secret-box';
import { isTraining } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import type { HostService } from './host-service';
import type { PrintService } from './print-service';
import {
  REVERSAL,
  type ReversalPayload,
  type ReversalService,
  type SealedCard,
} from './reversal-service';
import { receiptDocuments } from './receipts';
import { toTransactionView } from './sale-service';

export interface CardDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  secretBox: SecretBox;
  pinpad: PinPad;
  host: HostService;
  reversals: ReversalService;
  outbox: OutboxWorker;
  print: PrintService;
}

const pinPadFailure = (err: unknown): never => {
  if (err instanceof PinPadError) fail(err.code);
  throw err;
};

/**
 * Bank-card transactions (PRODUCT.md §4): pending reversals go first, the PIN
 * pad reads the card and PIN, the pending reversal is armed durably before the
 * request leaves, and the answer (or its absence) decides the state.
 */
export function createCardService(deps: CardDeps) {
  const {
    repos,
    settings,
    clock,
    logger,
    events,
    secretBox,
    pinpad,
    host,
    reversals,
    outbox,
    print,
  } = deps;
  let busy: AbortController | null = null;

  const phase = (
    p:
      | 'flushing-reversals'
      | 'insert-card'
      | 'enter-pin'
      | 'connecting'
      | 'waiting-host'
      | 'reversing'
      | 'printing',
  ) => events.emit('card:progress', { phase: p });

  /** Refuses card work while reversals are outstanding, after trying them once more. */
  async function clearReversals(): Promise<void> {
    if (reversals.counts().pending === 0) return;
    phase('flushing-reversals');
    await outbox.flush(REVERSAL);
    const counts = reversals.counts();
    host.publish();
    if (counts.blocked) fail('CARDS_BLOCKED');
    if (counts.pending > 0) fail('REVERSAL_PENDING', { count: counts.pending });
  }

  async function readCardAndPin(
    amountFen: number,
    signal: AbortSignal,
  ): Promise<{ card: CardRead; pinBlock: Buffer }> {
    phase('insert-card');
    const card = await pinpad.readCard({ amountFen, signal }).catch(pinPadFailure);
    phase('enter-pin');
    const pinBlock = await pinpad
      .readPin({ pan: card.pan, amountFen, signal })
      .catch(pinPadFailure);
    return { card, pinBlock };
  }

  async function exclusive<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (busy) fail('CARD_BUSY');
    const controller = new AbortController();
    busy = controller;
    try {
      return await run(controller.signal);
    } finally {
      busy = null;
    }
  }

  function printReceipts(tx: TransactionRecord): PrintJob[] {
    const ids = repos.inTransaction(() =>
      receiptDocuments(settings, tx, { duplicate: false }).map(({ doc, copy }) =>
        print.enqueue(doc, { txId: tx.id, kind: 'receipt', copy }),
      ),
    );
    print.kick();
    return print.view(ids);
  }

  return {
    async sale(
      amountFen: number,
      session: Session,
      items: SaleItemInput[] = [],
    ): Promise<CardOutcome> {
      return exclusive(async (signal) => {
        host.mak(); // signed in to the host, or a clear error
        repos.inTransaction(() => repos.counters.batchForTransaction(clock.now()));
        await clearReversals();
        const { card, pinBlock } = await readCardAndPin(amountFen, signal);
        const now = clock.now();
        const ids = host.ids();

        // Armed before anything leaves: the transaction (pending) and its reversal (held).
        const { txId, trace, outboxId } = repos.inTransaction(() => {
          const trace = repos.counters.nextTrace();
          const sealed: SealedCard = {
            pan: card.pan,
            expiry: card.expiry,
            entryMode: card.entryMode,
          };
          const txId = repos.transactions.insertCardPending({
            type: 'sale',
            amountFen,
            operatorNo: session.operatorNo,
            batchNo: ids.batch,
            traceNo: trace,
            training: isTraining(settings.get()),
            createdAt: now,
            panMasked: maskPan(card.pan),
            cardSealed: secretBox.seal(Buffer.from(JSON.stringify(sealed))),
            cardForeign: isForeignCard(card.pan),
            entryMode: card.entryMode,
            processingCode: PROCESSING.sale,
            messageTypeCode: MSG_TYPE.sale,
            items: items.map((i) => ({ ...i, amountFen: i.quantity * i.unitPriceFen })),
          });
          const row = repos.outbox.enqueue(
            {
              kind: REVERSAL,
              dedupeKey: `reversal:${ids.batch}:${trace}`,
              payload: { txId, reason: null } satisfies ReversalPayload,
            },
            now,
            'held',
          );
          return { txId, trace, outboxId: row.id };
        });

        const request = financialRequest({
          ids,
          trace,
          card,
          pinBlock,
          processingCode: PROCESSING.sale,
          messageTypeCode: MSG_TYPE.sale,
          amountFen,
        });
        const mak = host.mak();
        phase('connecting');
        const { result, endpoint } = await host.send(packWithMac(request, mak));
        const at = clock.now();

        if (result.kind === 'not-sent') {
          // It never left: nothing can have been charged, so nothing to reverse.
          repos.inTransaction(() => {
            repos.transactions.recordNotSent(txId, at, `not sent: ${result.reason}`);
            repos.outbox.cancelHeld(outboxId, at);
          });
          throw host.networkError(endpoint, result);
        }

        // No valid answer → reversal: none at all or not the answer to this request (98), or an approval with a bad MAC (A0).
        let reason: '98' | 'A0' | null = null;
        const reply = result.kind === 'reply' ? result.message : null;
        if (result.kind === 'no-answer' || !reply) reason = '98';
        else if (!matchesRequest(request, reply).ok) reason = '98';
        else if (responseCode(reply) === '00' && !replyMacValid(result.body, reply, mak))
          reason = 'A0';

        if (reason || !reply) {
          const why = reason ?? '98';
          phase('reversing');
          repos.inTransaction(() => {
            repos.transactions.recordReversalPending(txId, why, at);
            repos.outbox.release(outboxId, { txId, reason: why } satisfies ReversalPayload, at);
          });
          logger.warn('card sale without a valid answer: reversal armed', {
            txId,
            trace,
            reason: why,
          });
          await outbox.flush(REVERSAL);
          host.publish();
          const tx = repos.transactions.get(txId);
          if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
          return {
            outcome: 'reversal',
            reason: why,
            delivered: tx.state === 'reversed',
            transaction: toTransactionView(tx),
          };
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
          repos.outbox.cancelHeld(outboxId, at);
        });
        const tx = repos.transactions.get(txId);
        if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
        if (code !== '00')
          return { outcome: 'declined', responseCode: code, transaction: toTransactionView(tx) };
        phase('printing');
        return {
          outcome: 'approved',
          transaction: toTransactionView(tx),
          printJobs: printReceipts(tx),
        };
      });
    },

    /** 余额查询: a PIN-protected 0200 that stores nothing and is never reversed. */
    async balance(): Promise<{
      responseCode: string;
      balanceFen: number | null;
      balanceText: string;
      panMasked: string;
    }> {
      return exclusive(async (signal) => {
        const mak = host.mak();
        await clearReversals();
        const { card, pinBlock } = await readCardAndPin(0, signal);
        const request = financialRequest({
          ids: host.ids(),
          trace: host.nextTrace(),
          card,
          pinBlock,
          processingCode: PROCESSING.balance,
          messageTypeCode: MSG_TYPE.balance,
          amountFen: null,
        });
        phase('connecting');
        const { result, endpoint } = await host.send(packWithMac(request, mak));
        if (result.kind !== 'reply') throw host.networkError(endpoint, result);
        if (!matchesRequest(request, result.message).ok)
          fail('HOST_BAD_REPLY', { address: `${endpoint.host}:${endpoint.port}` });
        const code = responseCode(result.message) ?? '';
        if (code === '00' && !replyMacValid(result.body, result.message, mak))
          fail('HOST_BAD_REPLY', { address: `${endpoint.host}:${endpoint.port}` });
        const balanceText = code === '00' ? (text(result.message, 54) ?? '') : '';
        return {
          responseCode: code,
          balanceFen: parseBalance(balanceText),
          balanceText,
          panMasked: maskPan(card.pan),
        };
      });
    },

    cancel(): void {
      busy?.abort();
      pinpad.cancel();
    },
  };
}
export type CardService = ReturnType<typeof createCardService>;
