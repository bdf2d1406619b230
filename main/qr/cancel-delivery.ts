import type { Wallet } from '../domain/qr-code';
import type { GatewayResult, QrGatewayClient } from './gateway-client';
import { ORDER_NOT_FOUND, type GatewayReply } from './protocol';

/**
 * What the caller stores (in the durable outbox, in the same SQLite
 * transaction as the payment row) when a cancel did not stick, so it can be
 * delivered later by `deliverCancel`.
 */
export interface PendingCancel {
  /** The cancel body needs only this; the rest is for the audit and fault slip. */
  orderNo: string;
  wallet: Wallet;
  amountFen: number;
  /** Why the payment was being cancelled. */
  cause: 'timeout' | 'cashier';
  /** Epoch ms of the first cancel attempt. */
  firstAttemptAt: number;
}

/**
 * One cancel attempt's verdict.
 * - `done`: the order can no longer take money, or its money went back.
 * - `retry-later`: nothing definite yet; keep the outbox row and try again.
 * - `gave-up`: the gateway definitely refused the cancel, and repeating the
 *   same request cannot change that; a person must look (fault slip).
 */
export type CancelDelivery =
  | { kind: 'done'; outcome: 'closed' | 'reversed' | 'not-found'; reply?: GatewayReply }
  | { kind: 'retry-later'; reason: CancelRetryReason; code?: string }
  | { kind: 'gave-up'; reason: 'refused' | 'bad-request'; code?: string; message?: string };

export type CancelRetryReason =
  | 'timeout'
  | 'http-5xx'
  | 'network'
  | 'bad-reply'
  | 'not-this-order'
  | 'unauthorized'
  | 'still-paying'
  | 'gateway-busy';

/**
 * FAIL codes on a cancel that mean "try again" rather than "never": the
 * wallets' own system-busy codes. Any other FAIL is a definite refusal.
 */
const RETRYABLE_FAIL_CODES = new Set(['SYSTEMERROR', 'SYSTEM_ERROR', 'BANKERROR', 'TRADE_BUSY']);

/**
 * Meaning of a cancel's reply (the gateway contract we rely on, and what the
 * training gateway does):
 *
 * | reply to /cancel              | meaning                                     | verdict        |
 * |-------------------------------|---------------------------------------------|----------------|
 * | CLOSED                        | order was unpaid; now closed for good        | done closed    |
 * | REFUNDED                      | order had been paid; the cancel reversed it  | done reversed  |
 * | SUCCESS                       | the *cancel* succeeded (WeChat reverse style)| done closed    |
 * | USERPAYING / NOTPAY           | gateway could not close it yet               | retry-later    |
 * | FAIL, retryable code          | gateway busy                                 | retry-later    |
 * | FAIL, any other code          | definite refusal                             | gave-up        |
 * | 404 + ORDER_NOT_FOUND         | pay never arrived; the number is now burned  | done not-found |
 * | 401 / 403                     | token wrong: may be fixed, keep trying       | retry-later    |
 * | other 4xx                     | our request is malformed: retry is pointless | gave-up        |
 * | timeout / 5xx / network / bad | nothing known                                | retry-later    |
 *
 * A cancel never answers SUCCESS to mean "the payment stands": a cancel of a
 * paid order must reverse it, and the gateway says so with REFUNDED. So
 * SUCCESS here can only be the cancel's own success.
 */
export function judgeCancel(result: GatewayResult): CancelDelivery {
  switch (result.kind) {
    case 'uncertain':
      return { kind: 'retry-later', reason: result.reason };
    case 'rejected':
      if (result.status === 404 && result.code === ORDER_NOT_FOUND) {
        return { kind: 'done', outcome: 'not-found' };
      }
      if (result.reason === 'unauthorized') return { kind: 'retry-later', reason: 'unauthorized' };
      return withDetail({ kind: 'gave-up', reason: 'bad-request' }, result);
    case 'reply':
      return judgeCancelReply(result.reply);
  }
}

function judgeCancelReply(reply: GatewayReply): CancelDelivery {
  switch (reply.status) {
    case 'CLOSED':
    case 'SUCCESS':
      return { kind: 'done', outcome: 'closed', reply };
    case 'REFUNDED':
      return { kind: 'done', outcome: 'reversed', reply };
    case 'USERPAYING':
    case 'NOTPAY':
      return { kind: 'retry-later', reason: 'still-paying' };
    case 'FAIL':
      if (reply.code !== undefined && RETRYABLE_FAIL_CODES.has(reply.code)) {
        return { kind: 'retry-later', reason: 'gateway-busy', code: reply.code };
      }
      return withDetail({ kind: 'gave-up', reason: 'refused' }, reply);
  }
}

function withDetail(
  base: { kind: 'gave-up'; reason: 'refused' | 'bad-request' },
  from: { code?: string; message?: string },
): CancelDelivery {
  return {
    ...base,
    ...(from.code !== undefined ? { code: from.code } : {}),
    ...(from.message !== undefined ? { message: from.message } : {}),
  };
}

/**
 * One delivery attempt for the outbox worker: a single cancel, judged. The
 * worker owns retries and backoff; this never throws for network conditions.
 */
export async function deliverCancel(
  client: QrGatewayClient,
  order: Pick<PendingCancel, 'orderNo'>,
): Promise<CancelDelivery> {
  return judgeCancel(await client.cancel({ orderNo: order.orderNo }));
}
