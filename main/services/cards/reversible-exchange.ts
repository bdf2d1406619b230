import type { CardFault, ReversalOutcome, TransactionView } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories, TransactionRecord } from '../../db';
import type { NewCardTransaction } from '../../db/repos/transactions';
import { fail } from '../../domain/errors';
import type { IsoMessage } from '../../host/iso8583';
import { packWithMac, responseCode, text } from '../../host/messages';
import type { OutboxWorker } from '../../outbox/worker';
import type { HostService } from './host-service';
import { assertBatchRoom } from './batch-room';
import { judgeReply } from './card-fault';
import { REVERSAL, type ReversalPayload } from './reversal-service';

export interface ExchangeDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  host: HostService;
  outbox: Pick<OutboxWorker, 'flush'>;
}

export interface Armed {
  txId: number;
  trace: string;
  outboxId: number;
}

export type ExchangeOutcome =
  | { kind: 'answer'; responseCode: string; tx: TransactionRecord }
  | {
      kind: 'reversal';
      reason: '98' | 'A0';
      fault: CardFault;
      delivered: boolean;
      tx: TransactionRecord;
    };

/** The reversed end of an exchange as the contract answers it (sale, pre-auth, follow-up, void). */
export function reversalOutcome(
  done: Extract<ExchangeOutcome, { kind: 'reversal' }>,
  transaction: TransactionView,
): ReversalOutcome {
  const { reason, fault, delivered } = done;
  return { outcome: 'reversal', reason, fault, delivered, transaction };
}

/**
 * Pending reversals go before the next reversible request (PRODUCT.md §4):
 * tried once more now, and the request is refused while any is left.
 */
export async function clearPendingReversals(
  deps: ExchangeDeps,
  counts: () => { pending: number; blocked: boolean },
  onFlushing: () => void = () => undefined,
): Promise<void> {
  if (counts().pending === 0) return;
  onFlushing();
  await deps.outbox.flush(REVERSAL);
  deps.host.publish();
  const after = counts();
  if (after.blocked) fail('CARDS_BLOCKED');
  if (after.pending > 0) fail('REVERSAL_PENDING', { count: after.pending });
}

/**
 * Arms a reversible request (PRODUCT.md §4): the transaction ('pending') and
 * its reversal (a 'held' outbox row) are written in one SQLite transaction
 * before anything leaves, so a crash at any instant leaves something to undo.
 */
export function armReversible(
  deps: ExchangeDeps,
  tx: (trace: string) => Omit<NewCardTransaction, 'traceNo'>,
): Armed {
  const { repos, clock } = deps;
  const now = clock.now();
  return repos.inTransaction(() => {
    const trace = repos.counters.nextTrace();
    const record = tx(trace);
    assertBatchRoom(repos, record.batchNo, record.type, record.cardForeign);
    const txId = repos.transactions.insertCardPending({ ...record, traceNo: trace });
    const row = repos.outbox.enqueue(
      {
        kind: REVERSAL,
        dedupeKey: `reversal:${record.batchNo}:${trace}`,
        payload: { txId, reason: null } satisfies ReversalPayload,
      },
      now,
      'held',
    );
    return { txId, trace, outboxId: row.id };
  });
}

/**
 * Sends an armed request and settles its fate: never sent → failed, nothing to
 * reverse (a clear error is thrown); no answer, not the answer to it, or an
 * approval with a bad MAC → reversal (98 / A0), delivered at once if the host
 * takes it; a valid answer → approved or declined, the reversal stood down.
 * `onApproved` runs inside the SQLite transaction that records an approval
 * (with the transaction as approved): what follows from it — the receipts,
 * the original's new state — commits with it, in one durable write.
 */
export async function sendReversible(
  deps: ExchangeDeps,
  armed: Armed,
  request: IsoMessage,
  onPhase: (phase: 'connecting' | 'reversing') => void = () => undefined,
  onApproved: (tx: TransactionRecord) => void = () => undefined,
): Promise<ExchangeOutcome> {
  const { repos, clock, logger, host, outbox } = deps;
  const { txId, trace, outboxId } = armed;
  let mak: Buffer;
  let packed: Buffer;
  try {
    mak = host.mak();
    packed = packWithMac(request, mak);
  } catch (err) {
    // The working keys went while the request waited to be sent (a settlement
    // or new host settings signed the terminal out during the PIN entry): it
    // never leaves, so the armed row is closed as not sent, not left pending.
    const now = clock.now();
    repos.inTransaction(() => {
      repos.transactions.recordNotSent(txId, now, 'not sent: no working keys');
      repos.outbox.cancelHeld(outboxId, now);
    });
    throw err;
  }
  const { result, endpoint } = await host.send(packed, { progress: true });
  const at = clock.now();
  const reload = () => {
    const tx = repos.transactions.get(txId);
    if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
    return tx;
  };

  if (result.kind === 'not-sent') {
    // It never left: nothing can have been charged, so nothing to reverse.
    repos.inTransaction(() => {
      repos.transactions.recordNotSent(txId, at, `not sent: ${result.reason}`);
      repos.outbox.cancelHeld(outboxId, at);
    });
    throw host.networkError(endpoint, result);
  }

  // Why the answer was not taken, named (a timeout, a cut frame, a reply for
  // another trace…): the reversal reason alone (98) can't tell a host that
  // misbehaves from a network that drops; the technician (note) and the
  // cashier (fault) need to know.
  const judged = judgeReply(request, result, endpoint, mak);
  if (judged.kind === 'none') {
    const { reason, fault, note } = judged;
    onPhase('reversing');
    repos.inTransaction(() => {
      repos.transactions.recordReversalPending(txId, reason, at, note);
      repos.outbox.release(outboxId, { txId, reason } satisfies ReversalPayload, at);
    });
    logger.warn('card request without a valid answer: reversal armed', {
      txId,
      trace,
      reason,
      fault: note,
    });
    await outbox.flush(REVERSAL);
    host.publish();
    const tx = reload();
    return { kind: 'reversal', reason, fault, delivered: tx.state === 'reversed', tx };
  }

  const { reply } = judged;
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
    if (code === '00') onApproved(reload());
  });
  return { kind: 'answer', responseCode: code, tx: reload() };
}
