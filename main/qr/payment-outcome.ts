import type { Wallet } from '../domain/qr-code';
import type { CancelDelivery, PendingCancel } from './cancel-delivery';
import type { GatewayResult, RejectedReason, UncertainReason } from './gateway-client';
import type { ReplyStatus } from './protocol';

/** What one QR payment reports while it runs and what it ends with. */

export type QrProgress =
  | { phase: 'paying' }
  | { phase: 'waiting-for-customer'; secondsLeft: number }
  | { phase: 'cancelling' };

export type QrOutcomeStatus =
  'approved' | 'declined' | 'cancelled' | 'cancel-pending' | 'cancel-failed';

/** Stable codes for the cashier's message; the gateway's own words stay in gatewayCode. */
export type QrOutcomeReason =
  | 'gateway-declined'
  | 'gateway-unauthorized'
  | 'gateway-rejected'
  | 'timed-out'
  | 'cashier-cancelled';

export type QrCallSummary =
  | { kind: 'reply'; status: ReplyStatus; code?: string; message?: string; transactionId?: string }
  | { kind: 'uncertain'; reason: UncertainReason; httpStatus?: number }
  | { kind: 'rejected'; reason: RejectedReason; status: number; code?: string }
  | { kind: 'abandoned' };

/** One gateway call, for the audit trail. */
export interface QrCallRecord {
  op: 'pay' | 'query' | 'cancel';
  /** Scheduler time when the call was sent (epoch ms). */
  at: number;
  ms: number;
  result: QrCallSummary;
}

export interface QrPaymentOutcome {
  status: QrOutcomeStatus;
  reason?: QrOutcomeReason;
  orderNo: string;
  wallet: Wallet;
  amountFen: number;
  /** First 4 / last 4 of the payment code: the only form that may be stored. */
  maskedCode: string;
  transactionId?: string;
  payerId?: string;
  /** Code and message of the last reply the gateway gave (any call). */
  gatewayCode?: string;
  gatewayMessage?: string;
  /** Verdict of the cancel, when one was sent. */
  cancel?: CancelDelivery;
  /** Only on cancel-pending: what the caller must put in the durable outbox. */
  pendingCancel?: PendingCancel;
  startedAt: number;
  finishedAt: number;
  timeline: QrCallRecord[];
}

/** The audit form of a call's result: no payment code, nothing the cashier can't see. */
export function summarise(result: GatewayResult | 'abandoned'): QrCallSummary {
  if (result === 'abandoned') return { kind: 'abandoned' };
  switch (result.kind) {
    case 'reply': {
      const { status, code, message, transactionId } = result.reply;
      return {
        kind: 'reply',
        status,
        ...(code !== undefined ? { code } : {}),
        ...(message !== undefined ? { message } : {}),
        ...(transactionId !== undefined ? { transactionId } : {}),
      };
    }
    case 'uncertain':
      return result.httpStatus !== undefined
        ? { kind: 'uncertain', reason: result.reason, httpStatus: result.httpStatus }
        : { kind: 'uncertain', reason: result.reason };
    case 'rejected':
      return {
        kind: 'rejected',
        reason: result.reason,
        status: result.status,
        ...(result.code !== undefined ? { code: result.code } : {}),
      };
  }
}
