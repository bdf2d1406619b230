import { maskPaymentCode, type PaymentCode } from '../domain/qr-code';
import { judgeCancel, type PendingCancel } from './cancel-delivery';
import type { GatewayResult, QrGatewayClient } from './gateway-client';
import {
  summarise,
  type QrCallRecord,
  type QrOutcomeReason,
  type QrOutcomeStatus,
  type QrPaymentOutcome,
  type QrProgress,
} from './payment-outcome';
import type { GatewayReply } from './protocol';
import type { Scheduler } from './scheduler';

/*
 * One QR payment (PRODUCT.md §4), as a state machine.
 *
 * | state      | event                                              | next                         |
 * |------------|----------------------------------------------------|------------------------------|
 * | start      | cashier already cancelled                          | cancelled (nothing sent)     |
 * | start      | —                                                  | PAYING: /pay, exactly once   |
 * | PAYING     | SUCCESS                                            | approved                     |
 * | PAYING     | FAIL / CLOSED / NOTPAY / REFUNDED                  | declined (gateway code)      |
 * | PAYING     | rejected 401/403/4xx (gateway did not act)         | declined (gateway-…)         |
 * | PAYING     | USERPAYING or uncertain                            | WAITING                      |
 * | WAITING    | cashier cancel (before, during or after a query)   | CANCELLING (cashier)         |
 * | WAITING    | next 5 s slot after the 60 s deadline              | CANCELLING (timeout)         |
 * | WAITING    | slot reached: /query → SUCCESS                     | approved                     |
 * | WAITING    | /query → FAIL / CLOSED / REFUNDED                  | declined (gateway code)      |
 * | WAITING    | /query → USERPAYING / NOTPAY / uncertain / 4xx     | WAITING                      |
 * | CANCELLING | /cancel done (CLOSED, REFUNDED, SUCCESS, not-found)| cancelled                    |
 * | CANCELLING | /cancel retry-later (uncertain, 5xx, busy, 401…)   | cancel-pending + PendingCancel |
 * | CANCELLING | /cancel gave-up (definite refusal, 400)            | cancel-failed (manual)       |
 *
 * Slots are on a fixed grid from the moment /pay was sent: start+5 s,
 * start+10 s, … start+60 s; a slot already passed (slow call) is skipped to
 * the next one not yet passed, so queries are never closer than the grid.
 * A cashier cancel while /pay is in flight is honoured once /pay returns:
 * a definite answer stands; anything else goes straight to CANCELLING.
 * A query in flight when the cashier cancels is abandoned (it only reads).
 */

export interface QrPaymentRequest {
  /** Single-use: `makeOrderNo(...)`. */
  orderNo: string;
  /** Only a classified code can be paid: refusal happens before any call. */
  payment: PaymentCode;
  amountFen: number;
}

export interface QrPaymentDeps {
  client: QrGatewayClient;
  scheduler: Scheduler;
  onProgress?: (progress: QrProgress) => void;
  /** The cashier's cancel button. */
  signal?: AbortSignal;
  pollIntervalMs?: number;
  pollWindowMs?: number;
}

export const QR_POLL_INTERVAL_MS = 5_000;
export const QR_POLL_WINDOW_MS = 60_000;
const MAX_AMOUNT_FEN = 99_999_999;

type Step = { done: true; outcome: QrPaymentOutcome } | { done: false };
const ABANDONED = Symbol('abandoned');

export async function runQrPayment(
  req: QrPaymentRequest,
  deps: QrPaymentDeps,
): Promise<QrPaymentOutcome> {
  if (!Number.isInteger(req.amountFen) || req.amountFen < 1 || req.amountFen > MAX_AMOUNT_FEN) {
    throw new RangeError(`QR payment amount out of range: ${req.amountFen}`);
  }
  const { client, scheduler, signal } = deps;
  const interval = deps.pollIntervalMs ?? QR_POLL_INTERVAL_MS;
  const window = deps.pollWindowMs ?? QR_POLL_WINDOW_MS;
  const timeline: QrCallRecord[] = [];
  const startedAt = scheduler.now();
  const deadline = startedAt + window;
  let lastReply: GatewayReply | undefined;
  let transactionId: string | undefined;
  let payerId: string | undefined;

  const emit = (p: QrProgress): void => {
    // A broken screen update must never change what happens to the money.
    try {
      deps.onProgress?.(p);
    } catch {
      /* ignored on purpose */
    }
  };

  const finish = (
    status: QrOutcomeStatus,
    extra: Partial<QrPaymentOutcome> = {},
  ): QrPaymentOutcome => ({
    status,
    orderNo: req.orderNo,
    wallet: lastReply?.wallet ?? req.payment.wallet,
    amountFen: req.amountFen,
    maskedCode: maskPaymentCode(req.payment.code),
    ...(transactionId !== undefined ? { transactionId } : {}),
    ...(payerId !== undefined ? { payerId } : {}),
    ...(lastReply?.code !== undefined ? { gatewayCode: lastReply.code } : {}),
    ...(lastReply?.message !== undefined ? { gatewayMessage: lastReply.message } : {}),
    ...extra,
    startedAt,
    finishedAt: scheduler.now(),
    timeline,
  });

  function call(op: QrCallRecord['op'], send: () => Promise<GatewayResult>): Promise<GatewayResult>;
  function call(
    op: QrCallRecord['op'],
    send: () => Promise<GatewayResult>,
    abandonOn: AbortSignal | undefined,
  ): Promise<GatewayResult | typeof ABANDONED>;
  async function call(
    op: QrCallRecord['op'],
    send: () => Promise<GatewayResult>,
    abandonOn?: AbortSignal,
  ): Promise<GatewayResult | typeof ABANDONED> {
    const at = scheduler.now();
    const result = await raceAbort(safely(send), abandonOn);
    timeline.push({
      op,
      at,
      ms: scheduler.now() - at,
      result: summarise(result === ABANDONED ? 'abandoned' : result),
    });
    if (result !== ABANDONED && result.kind === 'reply') {
      lastReply = result.reply;
      transactionId = result.reply.transactionId ?? transactionId;
      payerId = result.reply.payerId ?? payerId;
    }
    return result;
  }

  /** Decides from a /pay or /query result whether the flow has ended. */
  function judge(result: GatewayResult, op: 'pay' | 'query'): Step {
    if (result.kind === 'rejected') {
      if (op === 'query') return { done: false };
      const reason = result.reason === 'unauthorized' ? 'gateway-unauthorized' : 'gateway-rejected';
      const code = result.code !== undefined ? { gatewayCode: result.code } : {};
      return { done: true, outcome: finish('declined', { reason, ...code }) };
    }
    if (result.kind === 'uncertain') return { done: false };
    switch (result.reply.status) {
      case 'SUCCESS':
        return { done: true, outcome: finish('approved') };
      case 'FAIL':
      case 'CLOSED':
      case 'REFUNDED':
        return { done: true, outcome: finish('declined', { reason: 'gateway-declined' }) };
      case 'NOTPAY':
        // On /pay the gateway has answered definitely; on /query it may just
        // not have the payment yet (the /pay reply was lost).
        return op === 'pay'
          ? { done: true, outcome: finish('declined', { reason: 'gateway-declined' }) }
          : { done: false };
      case 'USERPAYING':
        return { done: false };
    }
  }

  async function cancel(cause: PendingCancel['cause']): Promise<QrPaymentOutcome> {
    emit({ phase: 'cancelling' });
    const firstAttemptAt = scheduler.now();
    const result = await call('cancel', () => client.cancel({ orderNo: req.orderNo }));
    const verdict = judgeCancel(result);
    const reason: QrOutcomeReason = cause === 'cashier' ? 'cashier-cancelled' : 'timed-out';
    if (verdict.kind === 'done') return finish('cancelled', { reason, cancel: verdict });
    if (verdict.kind === 'gave-up') return finish('cancel-failed', { reason, cancel: verdict });
    const pendingCancel: PendingCancel = {
      orderNo: req.orderNo,
      wallet: req.payment.wallet,
      amountFen: req.amountFen,
      cause,
      firstAttemptAt,
    };
    return finish('cancel-pending', { reason, cancel: verdict, pendingCancel });
  }

  if (signal?.aborted) return finish('cancelled', { reason: 'cashier-cancelled' });

  emit({ phase: 'paying' });
  const pay = await call('pay', () =>
    client.pay({ orderNo: req.orderNo, authCode: req.payment.code, amountFen: req.amountFen }),
  );
  const afterPay = judge(pay, 'pay');
  if (afterPay.done) return afterPay.outcome;

  let slot = startedAt;
  for (;;) {
    if (signal?.aborted) return cancel('cashier');
    slot = nextSlot(startedAt, interval, slot, scheduler.now());
    if (slot > deadline) return cancel('timeout');
    emit({ phase: 'waiting-for-customer', secondsLeft: secondsLeft(deadline, scheduler.now()) });
    const wait = slot - scheduler.now();
    if (wait > 0) await scheduler.sleep(wait, signal);
    if (signal?.aborted) return cancel('cashier');
    const query = await call(
      'query',
      () => client.query({ orderNo: req.orderNo, amountFen: req.amountFen }),
      signal,
    );
    if (query === ABANDONED) return cancel('cashier');
    const step = judge(query, 'query');
    if (step.done) return step.outcome;
  }
}

/** The first grid slot after `prev` that has not already passed at `now`. */
export function nextSlot(start: number, interval: number, prev: number, now: number): number {
  const k = Math.max(
    Math.floor((prev - start) / interval) + 1,
    Math.ceil((now - start) / interval),
  );
  return start + k * interval;
}

function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * The client never throws for network conditions; should a bug make it throw
 * anyway, the request's fate is unknown, which is exactly "uncertain".
 */
async function safely(send: () => Promise<GatewayResult>): Promise<GatewayResult> {
  try {
    return await send();
  } catch {
    return { kind: 'uncertain', reason: 'network' };
  }
}

/** Resolves with the promise's value, or ABANDONED as soon as `signal` aborts. */
function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T | typeof ABANDONED> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve(ABANDONED);
  return new Promise((resolve) => {
    const onAbort = () => resolve(ABANDONED);
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then((v) => {
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    });
  });
}
