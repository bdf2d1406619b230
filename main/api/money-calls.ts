import { fail } from '../domain/errors';
import type { ApiServices } from './types';

/** The contract domains whose calls move money or the drawer. */
const MONEY = new Set([
  'sale',
  'card',
  'qr',
  'order',
  'voids',
  'refunds',
  'returns',
  'preauth',
  'cash',
  'settlement',
]);

/**
 * A call that moves money and is running now (a card sale waiting at the PIN
 * pad or the host, a paid-out waiting for the supervisor's password), or
 * undefined. What closes the books — 交班, 结算 — waits for it: taken in the
 * middle, its report would miss the call and the call would land after it.
 */
export function runningMoneyCall(
  s: Pick<ApiServices, 'requests'>,
  /** The asking channel: a second call of it is its service's own business (SETTLEMENT_IN_PROGRESS). */
  self: string,
): string | undefined {
  return s.requests.runningChannels().find((c) => c !== self && MONEY.has(c.split(':')[0] ?? ''));
}

/**
 * Refuses the asking call under `code`, naming the running money call, when
 * one runs. Returned as a check to ask again later too: a payment may start
 * from another window while the asking call waits (a password's hash, the
 * settlement's reversals at the host).
 */
export function refuseWhileMoneyRuns(
  s: Pick<ApiServices, 'requests'>,
  self: string,
  code: 'SIGN_IN_BUSY' | 'SIGN_OFF_BUSY' | 'SETTLEMENT_BUSY',
): () => void {
  const check = () => {
    const busy = runningMoneyCall(s, self);
    if (busy) fail(code, { channel: busy });
  };
  check();
  return check;
}
