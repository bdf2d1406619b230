import type {
  ApprovalAction,
  CardFault,
  PrintJob,
  Session,
  TransactionView,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { voidRequest } from '../../host/follow-up-messages';
import { MSG_TYPE, PROCESSING } from '../../host/messages';
import type { OutboxWorker } from '../../outbox/worker';
import type { SecretBox } from '../../secrets/secret-box';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from '../cards/host-service';
import type { PrintService } from '../printing/print-service';
import { printReceipts, queueReceipts } from '../printing/receipts';
import type { SealedCard } from '../cards/reversal-service';
import {
  armReversible,
  clearPendingReversals,
  reversalOutcome,
  sendReversible,
} from '../cards/reversible-exchange';
import { assertBatchRoom } from '../cards/batch-room';
import { toTransactionView } from '../checkout/transaction-view';
import { outcomeVerdict, type CardActivity } from '../cards/card-activity';

export type VoidOutcome =
  | { outcome: 'approved'; transaction: TransactionView; printJobs: PrintJob[] }
  | { outcome: 'declined'; responseCode: string; transaction: TransactionView }
  | {
      outcome: 'reversal';
      reason: '98' | 'A0';
      fault: CardFault;
      delivered: boolean;
      transaction: TransactionView;
    };

/**
 * 消费撤销 (PRODUCT.md §4): the full amount of a sale of the open batch, by its
 * voucher number, approved at the moment by the supervisor. A card void goes
 * to the host and is reversible like a sale; a cash void gives the money back
 * over the counter (the drawer opens). After settlement it is a refund's job.
 */
export function createVoidService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  host: HostService;
  outbox: Pick<OutboxWorker, 'flush'>;
  print: PrintService;
  /** The till's running card transactions (card:running): a card void is one of them. */
  activity: CardActivity;
  pendingReversals(): { pending: number; blocked: boolean };
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
}) {
  const { repos, settings, clock, secretBox, host } = deps;

  /** The sale to void, found by voucher number in the open batch, or why it can't be. */
  function findOriginal(traceNo: string): TransactionRecord {
    const batchNo = repos.inTransaction(() => repos.counters.batchForTransaction(clock.now()));
    const original = repos.transactions.byTrace(batchNo, traceNo);
    if (!original) {
      // Settled batches are not searched: their sales need a refund.
      fail('VOID_NOT_FOUND', { traceNo, batchNo });
    }
    if (original.type !== 'sale' || original.tender === 'qr')
      fail('VOID_NOT_ALLOWED', { reason: original.tender === 'qr' ? 'qr' : 'type' });
    if (original.state === 'voided') fail('VOID_NOT_ALLOWED', { reason: 'voided' });
    if (original.state !== 'approved') fail('VOID_NOT_ALLOWED', { reason: 'state' });
    return original;
  }

  /**
   * A card void goes to the host (up to its timeout, then a reversal): a page
   * reloaded meanwhile finds it running (card:running) and learns its end.
   */
  const voidCard = (
    original: TransactionRecord,
    session: Session,
    supervisorNo: string,
  ): Promise<VoidOutcome> =>
    deps.activity.track({ kind: 'void', amountFen: original.amountFen }, outcomeVerdict, () =>
      sendVoid(original, session, supervisorNo),
    );

  async function sendVoid(
    original: TransactionRecord,
    session: Session,
    supervisorNo: string,
  ): Promise<VoidOutcome> {
    await host.ensureSignedIn(session.operatorNo); // signs in when needed, or a clear error
    assertBatchRoom(repos, host.ids().batch, 'void', original.card?.cardForeign ?? false);
    await clearPendingReversals(deps, deps.pendingReversals);
    const sealed = repos.transactions.cardSealed(original.id);
    if (!sealed || !original.card) fail('VOID_NOT_ALLOWED', { reason: 'state' });
    const card = JSON.parse(secretBox.open(sealed).toString('utf8')) as SealedCard;
    const ids = host.ids();
    const armed = armReversible(deps, () => {
      // Checked again where the void is armed: the same sale voided twice at
      // once (two sockets, a double click) would otherwise send two voids to
      // the host and, were both approved, give the money back twice.
      const fresh = repos.transactions.get(original.id);
      if (fresh?.state === 'voided') fail('VOID_NOT_ALLOWED', { reason: 'voided' });
      if (fresh?.state !== 'approved') fail('VOID_NOT_ALLOWED', { reason: 'state' });
      if (repos.transactions.pendingCard().some((t) => t.originalTxId === original.id))
        fail('VOID_NOT_ALLOWED', { reason: 'voiding' });
      return {
        type: 'void',
        amountFen: original.amountFen,
        operatorNo: session.operatorNo,
        batchNo: ids.batch,
        training: isTraining(settings.get()),
        createdAt: clock.now(),
        panMasked: original.card!.panMasked,
        cardSealed: sealed,
        cardForeign: original.card!.cardForeign,
        entryMode: card.entryMode,
        processingCode: PROCESSING.void,
        messageTypeCode: MSG_TYPE.void,
        originalTxId: original.id,
      };
    });
    let receipts: number[] = [];
    const done = await sendReversible(
      deps,
      armed,
      voidRequest({
        ids,
        trace: armed.trace,
        card,
        amountFen: original.amountFen,
        original: {
          batchNo: original.batchNo,
          traceNo: original.traceNo,
          rrn: original.card.rrn,
          authCode: original.card.authCode,
        },
      }),
      undefined,
      // The original becomes 'voided' and the slips are queued with the approval.
      (tx) => {
        repos.transactions.transition(
          original.id,
          'approved',
          'voided',
          clock.now(),
          supervisorNo,
          `void #${tx.id}`,
        );
        receipts = queueReceipts(deps, tx);
      },
    );
    const transaction = toTransactionView(done.tx);
    if (done.kind === 'reversal') return reversalOutcome(done, transaction);
    if (done.responseCode !== '00')
      return { outcome: 'declined', responseCode: done.responseCode, transaction };
    deps.print.kick();
    return { outcome: 'approved', transaction, printJobs: deps.print.view(receipts) };
  }

  function voidCash(
    original: TransactionRecord,
    session: Session,
    supervisorNo: string,
  ): VoidOutcome {
    const now = clock.now();
    const txId = repos.inTransaction(() => {
      const id = repos.transactions.insertCashFollowUp({
        type: 'void',
        amountFen: original.amountFen,
        operatorNo: session.operatorNo,
        batchNo: original.batchNo,
        traceNo: repos.counters.nextTrace(),
        training: isTraining(settings.get()),
        createdAt: now,
        originalTxId: original.id,
      });
      if (
        !repos.transactions.transition(
          original.id,
          'approved',
          'voided',
          now,
          supervisorNo,
          `void #${id}`,
        )
      )
        fail('VOID_NOT_ALLOWED', { reason: 'voided' });
      return id;
    });
    const tx = repos.transactions.get(txId);
    if (!tx) fail('TRANSACTION_NOT_FOUND', { txId });
    return {
      outcome: 'approved',
      transaction: toTransactionView(tx),
      printJobs: printReceipts(deps, tx),
    };
  }

  return {
    async void(
      input: { traceNo: string; supervisor: { operatorNo: string; password: string } },
      session: Session,
    ): Promise<VoidOutcome> {
      if (!settings.get().enabled.void) fail('VOID_NOT_ALLOWED', { reason: 'disabled' });
      const original = findOriginal(input.traceNo);
      const supervisorNo = await deps.approve(
        input.supervisor.operatorNo,
        input.supervisor.password,
        'void',
        { txId: original.id, traceNo: original.traceNo, amountFen: original.amountFen },
      );
      return original.tender === 'cash'
        ? voidCash(original, session, supervisorNo)
        : voidCard(original, session, supervisorNo);
    },

    /**
     * Voids a sale the supervisor already approved giving back (a payment of
     * an abandoned order, PRODUCT.md §12): the same void, without asking again.
     */
    voidApproved(
      original: TransactionRecord,
      session: Session,
      supervisorNo: string,
    ): Promise<VoidOutcome> | VoidOutcome {
      if (original.type !== 'sale' || original.tender === 'qr' || original.state !== 'approved')
        fail('VOID_NOT_ALLOWED', { reason: 'state' });
      return original.tender === 'cash'
        ? voidCash(original, session, supervisorNo)
        : voidCard(original, session, supervisorNo);
    },
  };
}
export type VoidService = ReturnType<typeof createVoidService>;
