import {
  type ApprovalAction,
  formatFen,
  type CardOutcome,
  type Session,
  type TransactionView,
} from '../../../preload/contract';
import { PinPadError, type PinPad } from '../../../native/pinpad';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { maskPan } from '../../domain/pan';
import { preauthFollowUpRequest } from '../../host/follow-up-messages';
import { MSG_TYPE, PROCESSING } from '../../host/messages';
import type { OutboxWorker } from '../../outbox/worker';
import type { SecretBox } from '../../secrets/secret-box';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from './host-service';
import type { PrintService } from '../printing/print-service';
import { queueReceipts } from '../printing/receipts';
import type { SealedCard } from './reversal-service';
import { assertBatchRoom } from './batch-room';
import {
  armReversible,
  clearPendingReversals,
  reversalOutcome,
  sendReversible,
} from './reversible-exchange';
import { toTransactionView } from '../checkout/transaction-view';
import { outcomeVerdict, type CardActivity } from './card-activity';

/** A completion may exceed the hold by up to 15 % (PRODUCT.md §4). */
export const COMPLETION_PERCENT = 115;

/** The most a completion of `holdFen` may take, in whole fen. */
export function completionCeilingFen(holdFen: number): number {
  return Math.floor((holdFen * COMPLETION_PERCENT) / 100);
}

/**
 * 预授权撤销 / 预授权完成 of an open pre-authorisation, approved by the
 * supervisor, the card read again on the PIN pad and checked against the
 * hold. Both are reversible (armed before they leave, like a sale).
 */
export function createPreauthService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  host: HostService;
  pinpad: PinPad;
  outbox: Pick<OutboxWorker, 'flush'>;
  print: PrintService;
  /** The till's running card transactions (card:running): a follow-up is one of them. */
  activity: CardActivity;
  pendingReversals(): { pending: number; blocked: boolean };
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
}) {
  const { repos, settings, clock, secretBox, host, pinpad } = deps;

  /** An approved pre-auth nobody has completed or cancelled yet. */
  function openHold(txId: number): TransactionRecord {
    const hold = repos.transactions.get(txId);
    if (!hold || hold.type !== 'preauth') fail('PREAUTH_NOT_FOUND', { txId });
    if (hold.state !== 'approved' || repos.transactions.hasApprovedFollowUp(hold.id))
      fail('PREAUTH_CLOSED', { txId });
    return hold;
  }

  async function followUp(
    kind: 'cancel' | 'complete',
    input: {
      txId: number;
      amountFen?: number;
      supervisor: { operatorNo: string; password: string };
    },
    session: Session,
  ): Promise<CardOutcome> {
    const hold = openHold(input.txId);
    const amountFen = kind === 'cancel' ? hold.amountFen : (input.amountFen ?? hold.amountFen);
    if (kind === 'complete' && amountFen > completionCeilingFen(hold.amountFen))
      fail('PREAUTH_OVER_LIMIT', { ceiling: formatFen(completionCeilingFen(hold.amountFen)) });
    await host.ensureSignedIn(session.operatorNo); // signs in when needed, or a clear error
    repos.inTransaction(() => repos.counters.batchForTransaction(clock.now()));
    if (kind === 'complete')
      assertBatchRoom(repos, host.ids().batch, 'preauth_complete', hold.card?.cardForeign ?? false);
    await clearPendingReversals(deps, deps.pendingReversals);
    const supervisorNo = await deps.approve(
      input.supervisor.operatorNo,
      input.supervisor.password,
      kind === 'cancel' ? 'preauth.cancel' : 'preauth.complete',
      { txId: hold.id, amountFen },
    );
    // From the card on, a page reloaded meanwhile finds it running (card:running).
    return deps.activity.track(
      {
        kind: kind === 'cancel' ? 'preauth_cancel' : 'preauth_complete',
        amountFen,
        phase: 'insert-card',
      },
      outcomeVerdict,
      () => sendFollowUp(kind, hold, amountFen, supervisorNo, session),
    );
  }

  /** The card read again, checked against the hold, armed and sent; its answer settles both. */
  async function sendFollowUp(
    kind: 'cancel' | 'complete',
    hold: TransactionRecord,
    amountFen: number,
    supervisorNo: string,
    session: Session,
  ): Promise<CardOutcome> {
    const card = await pinpad.readCard({ amountFen }).catch((err: unknown) => {
      if (err instanceof PinPadError) fail(err.code);
      throw err;
    });
    if (maskPan(card.pan) !== hold.card?.panMasked) fail('REFUND_CARD_MISMATCH');

    const ids = host.ids();
    const sealed: SealedCard = { pan: card.pan, expiry: card.expiry, entryMode: card.entryMode };
    const armed = armReversible(deps, () => {
      // Checked again where the follow-up is armed: two at once (two sockets)
      // would otherwise both reach the host, a hold completed twice. A
      // follow-up already armed closes the hold (hasApprovedFollowUp).
      openHold(hold.id);
      return {
        type: kind === 'cancel' ? 'preauth_cancel' : 'preauth_complete',
        amountFen,
        operatorNo: session.operatorNo,
        batchNo: ids.batch,
        training: isTraining(settings.get()),
        createdAt: clock.now(),
        panMasked: maskPan(card.pan),
        cardSealed: secretBox.seal(Buffer.from(JSON.stringify(sealed))),
        cardForeign: hold.card?.cardForeign ?? false,
        entryMode: card.entryMode,
        processingCode: kind === 'cancel' ? PROCESSING.void : PROCESSING.sale,
        messageTypeCode: kind === 'cancel' ? MSG_TYPE.preauthCancel : MSG_TYPE.preauthComplete,
        originalTxId: hold.id,
      };
    });
    let receipts: number[] = [];
    const done = await sendReversible(
      deps,
      armed,
      preauthFollowUpRequest({
        kind,
        ids,
        trace: armed.trace,
        card,
        amountFen,
        original: {
          batchNo: hold.batchNo,
          traceNo: hold.traceNo,
          authCode: hold.card?.authCode ?? '',
        },
      }),
      undefined,
      // The hold's new state and the receipts commit with the approval.
      (tx) => {
        if (kind === 'cancel')
          repos.transactions.transition(
            hold.id,
            'approved',
            'cancelled',
            clock.now(),
            supervisorNo,
            `cancelled by #${tx.id}`,
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

  return {
    cancel: (
      input: { txId: number; supervisor: { operatorNo: string; password: string } },
      session: Session,
    ) => followUp('cancel', input, session),
    complete: (
      input: {
        txId: number;
        amountFen: number;
        supervisor: { operatorNo: string; password: string };
      },
      session: Session,
    ) => followUp('complete', input, session),
    /** Pre-authorisations still holding money on a card. */
    open(): TransactionView[] {
      return repos.transactions.openPreauths().map(toTransactionView);
    },
  };
}
export type PreauthService = ReturnType<typeof createPreauthService>;
