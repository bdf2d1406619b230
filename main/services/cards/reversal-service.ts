import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { OutboxRecord, Repositories } from '../../db';
import { buildFaultSlip } from '../../domain/card-receipt';
import {
  matchesRequest,
  packWithMac,
  replyMacAcceptable,
  responseCode,
  reversalRequest,
} from '../../host/messages';
import type { DeliveryResult, OutboxHandler } from '../../outbox/worker';
import { SecretBoxError, type ManagedSecretBox } from '../../secrets/secret-box';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from './host-service';
import type { PrintService } from '../printing/print-service';
import { receiptTerminal } from '../printing/receipts';

export const REVERSAL = 'reversal';

export interface ReversalPayload {
  txId: number;
  /** null while held (the request is in flight); 98 no answer, A0 bad MAC. */
  reason: '98' | 'A0' | null;
}

export interface SealedCard {
  pan: string;
  expiry: string;
  entryMode: string;
}

/** Reversible requests that name an original transaction (37/38/61). */
const FOLLOW_UPS = new Set(['void', 'preauth_cancel', 'preauth_complete']);

/** Host answers that settle a reversal: done (00), or nothing there to reverse (12, 25). */
const SETTLED = new Set(['00', '12', '25']);

/**
 * 冲正 (PRODUCT.md §4): the pending-reversal record is armed in the outbox
 * before a reversible request goes out; this handler delivers it (0400) when
 * released. After the configured number of tries a fault slip is printed
 * (冲正不成功,请人工处理) and card transactions are refused until it goes
 * through; it keeps trying, before each card transaction and in the background.
 */
export function createReversalService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  secretBox: Pick<ManagedSecretBox, 'open' | 'problem'>;
  host: HostService;
  print: PrintService;
}) {
  const { repos, settings, clock, logger, secretBox, host, print } = deps;
  const retries = () => settings.get().host.retries;

  function open(): OutboxRecord[] {
    return repos.outbox.open(REVERSAL).filter((r) => r.state === 'pending');
  }

  function printFaultSlip(txId: number) {
    const tx = repos.transactions.get(txId);
    if (!tx) return;
    repos.inTransaction(() =>
      print.enqueue(buildFaultSlip(receiptTerminal(settings), tx, clock.now()), {
        txId,
        kind: 'fault_slip',
        copy: null,
      }),
    );
    print.kick();
  }

  const handler: OutboxHandler = {
    kind: REVERSAL,
    async deliver(record): Promise<DeliveryResult> {
      const { txId, reason } = record.payload as ReversalPayload;
      const tx = repos.transactions.get(txId);
      if (!tx || tx.state !== 'reversal_pending' || !tx.card) return { kind: 'done' };
      if (!host.isSignedIn()) return { kind: 'wait', reason: 'not signed in to the host' };
      const sealed = repos.transactions.cardSealed(txId);
      if (!sealed) return { kind: 'dead', error: 'card data already erased' };
      // A data-key problem may still be fixed (the right secret.key put back): wait for it.
      if (secretBox.problem()) return { kind: 'wait', reason: 'the data key has a problem' };
      let card: SealedCard;
      try {
        card = JSON.parse(secretBox.open(sealed).toString('utf8')) as SealedCard;
      } catch (err) {
        if (!(err instanceof SecretBoxError)) throw err;
        // Sealed under a data key the technician replaced: this one is for a person now.
        logger.error('reversal impossible: card number sealed under a replaced key', {
          txId,
          trace: tx.traceNo,
        });
        printFaultSlip(txId);
        return {
          kind: 'dead',
          error: 'card number unreadable (data key replaced): handle by hand',
        };
      }
      // A void or pre-auth follow-up named its original in 37/38/61; its reversal repeats them.
      const original =
        tx.originalTxId !== null && FOLLOW_UPS.has(tx.type)
          ? (repos.transactions.get(tx.originalTxId) ?? null)
          : null;
      const request = reversalRequest({
        ids: { ...host.ids(), batch: tx.batchNo },
        originalTrace: tx.traceNo,
        card,
        processingCode: tx.card.processingCode,
        messageTypeCode: tx.card.messageTypeCode,
        amountFen: tx.amountFen,
        reason: reason ?? '98',
        originalAuthCode: original ? (original.card?.authCode ?? null) : tx.card.authCode,
        original: original && {
          batchNo: original.batchNo,
          traceNo: original.traceNo,
          rrn: original.card?.rrn ?? null,
        },
      });
      const mak = host.mak();
      const { result } = await host.send(packWithMac(request, mak));
      let outcome: DeliveryResult;
      if (result.kind !== 'reply') {
        outcome = { kind: 'retry', error: `${result.kind}: ${result.reason}` };
      } else if (!matchesRequest(request, result.message).ok) {
        outcome = { kind: 'retry', error: 'reply does not match the reversal' };
      } else {
        const code = responseCode(result.message) ?? '';
        if (!replyMacAcceptable(result.body, result.message, mak))
          outcome = { kind: 'retry', error: 'reversal reply with a bad MAC' };
        else if (SETTLED.has(code)) outcome = { kind: 'done' };
        else outcome = { kind: 'retry', error: `host answered ${code}` };
      }
      if (outcome.kind === 'done') {
        repos.transactions.recordReversed(txId, clock.now(), `reversal ${reason ?? '98'} accepted`);
        logger.info('reversal delivered', { txId, trace: tx.traceNo });
      } else if (outcome.kind === 'retry' && record.attempts + 1 === Math.max(1, retries())) {
        logger.error('reversal failed after all retries: fault slip printed, cards refused', {
          txId,
          trace: tx.traceNo,
        });
        printFaultSlip(txId);
      }
      return outcome;
    },
  };

  return {
    handler,
    counts() {
      const rows = open();
      return {
        pending: rows.length,
        blocked: rows.some((r) => r.attempts >= Math.max(1, retries())),
      };
    },
    /**
     * After a crash a card transaction may still be 'pending' with its reversal
     * held: nobody knows what the host did, so it is treated as unanswered (98).
     */
    recoverAtStart(): number {
      let n = 0;
      const now = clock.now();
      for (const row of repos.outbox.held()) {
        if (row.kind !== REVERSAL) continue;
        const { txId } = row.payload as ReversalPayload;
        repos.inTransaction(() => {
          if (repos.transactions.state(txId) === 'pending')
            repos.transactions.recordReversalPending(txId, '98', now);
          repos.outbox.release(row.id, { txId, reason: '98' } satisfies ReversalPayload, now);
        });
        n += 1;
      }
      if (n > 0)
        logger.warn('card requests interrupted by a restart will be reversed', { count: n });
      return n;
    },
  };
}
export type ReversalService = ReturnType<typeof createReversalService>;
