import type { CardOutcome, SaleItemInput, Session } from '../../../preload/contract';
import { PinPadError, type CardRead, type PinPad } from '../../../native/pinpad';
import type { Clock } from '../../core/clock';
import type { EventBus } from '../../core/events';
import type { Logger } from '../../core/logger';
import type { Repositories } from '../../db';
import { fail } from '../../domain/errors';
import { isForeignCard, maskPan, parseBalance } from '../../domain/pan';
import {
  financialRequest,
  matchesRequest,
  MSG_TYPE,
  packWithMac,
  PROCESSING,
  replyMacAcceptable,
  responseCode,
  text,
} from '../../host/messages';
import type { OutboxWorker } from '../../outbox/worker';
import type { SecretBox } from '../../secrets/secret-box';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from './host-service';
import type { PrintService } from '../printing/print-service';
import type { ReversalService, SealedCard } from './reversal-service';
import { queueReceipts } from '../printing/receipts';
import { assertBatchRoom } from './batch-room';
import {
  armReversible,
  clearPendingReversals,
  reversalOutcome,
  sendReversible,
} from './reversible-exchange';
import { toTransactionView } from '../checkout/transaction-view';
import { outcomeVerdict, type CardActivity, type CardVerdict } from './card-activity';

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
  /** The till's running card transactions (card:running), shared with the follow-ups. */
  activity: CardActivity;
}

/**
 * A sale that pays an order: the payment row points at it, and `guard` runs in
 * the SQLite transaction that arms the request, so the order is checked (still
 * payable, this amount still due) at the instant the payment is written.
 */
export interface PaysOrder {
  orderId: number;
  guard(amountFen: number): void;
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
/** What a sale and a pre-authorisation put on the wire (HOST-PROTOCOL.md, Messages). */
const AUTH = {
  sale: {
    processing: PROCESSING.sale,
    messageType: MSG_TYPE.sale,
    mti: '0200',
    posCondition: '00',
  },
  preauth: {
    processing: PROCESSING.preauth,
    messageType: MSG_TYPE.preauth,
    mti: '0100',
    posCondition: '06',
  },
} as const;

export function createCardService(deps: CardDeps) {
  const { repos, settings, clock, events, secretBox, pinpad, host, reversals, print, activity } =
    deps;
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
  ) => events.emit('card:progress', { phase: p, secondsLeft: null });

  /** Refuses card work while reversals are outstanding, after trying them once more. */
  const clearReversals = () =>
    clearPendingReversals(
      deps,
      () => reversals.counts(),
      () => phase('flushing-reversals'),
    );

  async function readCardAndPin(
    amountFen: number,
    signal: AbortSignal,
    checkCard: (card: CardRead) => void = () => undefined,
  ): Promise<{ card: CardRead; pinBlock: Buffer }> {
    phase('insert-card');
    const card = await pinpad.readCard({ amountFen, signal }).catch(pinPadFailure);
    checkCard(card); // before the customer keys a PIN for nothing
    phase('enter-pin');
    const pinBlock = await pinpad
      .readPin({ pan: card.pan, amountFen, signal })
      .catch(pinPadFailure);
    return { card, pinBlock };
  }

  async function exclusive<T>(
    what: { kind: 'sale' | 'preauth' | 'balance'; amountFen: number },
    verdict: (value: T) => CardVerdict,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (busy) fail('CARD_BUSY');
    const controller = new AbortController();
    busy = controller;
    try {
      return await activity.track(what, verdict, () => run(controller.signal));
    } finally {
      busy = null;
    }
  }

  async function authorise(
    kind: 'sale' | 'preauth',
    amountFen: number,
    session: Session,
    items: SaleItemInput[],
    forOrder?: PaysOrder,
  ): Promise<CardOutcome> {
    return exclusive({ kind, amountFen }, outcomeVerdict, async (signal) => {
      await host.ensureSignedIn(session.operatorNo); // signs in when needed, or a clear error
      repos.inTransaction(() => repos.counters.batchForTransaction(clock.now()));
      await clearReversals();
      const { card, pinBlock } = await readCardAndPin(amountFen, signal, (read) => {
        if (kind === 'sale')
          assertBatchRoom(repos, host.ids().batch, 'sale', isForeignCard(read.pan));
      });
      const ids = host.ids();
      const sealed: SealedCard = {
        pan: card.pan,
        expiry: card.expiry,
        entryMode: card.entryMode,
      };
      const code = kind === 'sale' ? AUTH.sale : AUTH.preauth;
      const armed = armReversible(deps, () => {
        // In the arming transaction: the order is still payable and owes this amount.
        forOrder?.guard(amountFen);
        return {
          orderId: forOrder?.orderId ?? null,
          type: kind,
          amountFen,
          operatorNo: session.operatorNo,
          batchNo: ids.batch,
          training: isTraining(settings.get()),
          createdAt: clock.now(),
          panMasked: maskPan(card.pan),
          cardSealed: secretBox.seal(Buffer.from(JSON.stringify(sealed))),
          cardForeign: isForeignCard(card.pan),
          entryMode: card.entryMode,
          processingCode: code.processing,
          messageTypeCode: code.messageType,
          items: items.map((i) => ({ ...i, amountFen: i.quantity * i.unitPriceFen })),
        };
      });
      const request = financialRequest({
        ids,
        trace: armed.trace,
        card,
        pinBlock,
        processingCode: code.processing,
        messageTypeCode: code.messageType,
        amountFen,
        mti: code.mti,
        posCondition: code.posCondition,
      });
      let receipts: number[] = [];
      const done = await sendReversible(deps, armed, request, phase, (tx) => {
        receipts = queueReceipts(deps, tx);
      });
      const transaction = toTransactionView(done.tx);
      if (done.kind === 'reversal') return reversalOutcome(done, transaction);
      if (done.responseCode !== '00')
        return { outcome: 'declined', responseCode: done.responseCode, transaction };
      phase('printing');
      print.kick();
      return { outcome: 'approved', transaction, printJobs: print.view(receipts) };
    });
  }

  return {
    sale: (
      amountFen: number,
      session: Session,
      items: SaleItemInput[] = [],
      forOrder?: PaysOrder,
    ) => authorise('sale', amountFen, session, items, forOrder),

    /** 预授权: holds an amount on the card (hotels, rentals); completed or cancelled later. */
    preauth: (amountFen: number, session: Session) => {
      if (!settings.get().enabled.preAuth) fail('PREAUTH_DISABLED');
      return authorise('preauth', amountFen, session, []);
    },

    /** 余额查询: a PIN-protected 0200 that stores nothing and is never reversed. */
    async balance(session: Session): Promise<{
      responseCode: string;
      balanceFen: number | null;
      balanceText: string;
      panMasked: string;
    }> {
      const verdict = (r: { responseCode: string }): CardVerdict => ({
        result: r.responseCode === '00' ? 'approved' : 'declined',
        responseCode: r.responseCode,
      });
      return exclusive({ kind: 'balance', amountFen: 0 }, verdict, async (signal) => {
        await host.ensureSignedIn(session.operatorNo);
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
        const { result, endpoint } = await host.send(packWithMac(request, mak), { progress: true });
        if (result.kind !== 'reply') throw host.networkError(endpoint, result);
        if (!matchesRequest(request, result.message).ok)
          fail('HOST_BAD_REPLY', { address: `${endpoint.host}:${endpoint.port}` });
        const code = responseCode(result.message) ?? '';
        if (!replyMacAcceptable(result.body, result.message, mak))
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

    /** The card transaction running now, for a screen that did not start it (card:running). */
    running: () => activity.current(),
  };
}
export type CardService = ReturnType<typeof createCardService>;
