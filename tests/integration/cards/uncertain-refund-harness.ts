import { expect } from 'vitest';
import type { CardRefundOutcome, Result, TransactionView } from '../../../preload/contract';
import { localDate } from '../../../main/services/printing/receipts';
import { cashierIn, ok, signOff } from '../../support/core';
import {
  SUPERVISOR,
  approvedSale,
  cardTill,
  padShows,
  supervisorReady,
  type CardTill,
} from './harness';

/** Signs the cashier off and the supervisor (00) in. */
export async function asSupervisor(t: CardTill) {
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', SUPERVISOR);
}

/**
 * A till whose ¥30.00 card sale was settled in batch 000001, then a ¥10.00
 * 退货 of it got no valid answer (batch 000002): on the training host `delay`
 * makes the host act on the refund and answer too late (the money went back),
 * `silent` makes it ignore the refund. The supervisor is signed in at the end.
 * The caller removes the till.
 */
export async function tillWithUncertainRefund(
  fault: 'delay' | 'silent',
): Promise<{ t: CardTill; refund: TransactionView }> {
  const t = await cardTill();
  await supervisorReady(t);
  const sale = (await approvedSale(t.core, 3_000)).transaction;
  await asSupervisor(t);
  await ok(t.core, 'settlement:run');
  await signOff(t.core);
  await cashierIn(t.core);

  const host = await t.host();
  if (fault === 'delay') host.faults.delayNext(1, 2500);
  else host.faults.silentNext(1);
  const done = t.core.dispatch('refunds:card', {
    rrn: sale.card!.rrn,
    date: localDate(Date.parse(sale.createdAt)),
    amountFen: 1_000,
    supervisor: SUPERVISOR,
  }) as Promise<Result<CardRefundOutcome>>;
  await padShows(t.core, 'card');
  await ok(t.core, 'pinpad:presentCard', { cardId: 'approve' });
  const r = await done;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value.outcome).toBe('uncertain');
  host.faults.reset();
  await asSupervisor(t);
  return { t, refund: r.value.transaction };
}
