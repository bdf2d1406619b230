import { afterEach, describe, expect, it } from 'vitest';
import type { BatchTotals, SettlementResult, TransactionView } from '../../../preload/contract';
import { cashierIn, err, ok, signOff } from '../../support/core';
import { SUPERVISOR, approvedSale, hostLog, rows, type CardTill } from './harness';
import { asSupervisor, tillWithUncertainRefund } from './uncertain-refund-harness';

/**
 * Settlement and card 退货 the host never answered. A refund is never
 * reversed, so such a refund stays 'uncertain' until the supervisor has asked
 * the bank. The host may have counted it or not: totals sent before it is
 * settled would be wrong either way, and settling it afterwards would change a
 * closed batch. So the batch is not settled while one is open; the settlement
 * screen lists them to be settled there. On the training host `delayNext`
 * makes the host act on the refund and answer too late, `silentNext` makes it
 * ignore the refund.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function uncertainRefund(fault: 'delay' | 'silent') {
  const made = await tillWithUncertainRefund(fault);
  till = made.t;
  return made;
}

interface Preview {
  batchNo: string | null;
  totals: BatchTotals | null;
  resuming: boolean;
  uncertainRefunds: TransactionView[];
}

const resolve = (t: CardTill, txId: number, wentThrough: boolean) =>
  ok(t.core, 'refunds:resolve', { txId, wentThrough, supervisor: SUPERVISOR });

/** What the host has been sent since `from` (message type and answer). */
const sentSince = async (t: CardTill, from: number) => hostLog(await t.host()).slice(from);

describe('settlement with a card refund of unknown outcome', () => {
  it('lists it and refuses to settle, sending nothing; once it went through the batch settles balanced with it', async () => {
    const { t, refund } = await uncertainRefund('delay');
    const preview = await ok<Preview>(t.core, 'settlement:preview');
    expect(preview.uncertainRefunds.map((r) => [r.id, r.state, r.amountFen])).toEqual([
      [refund.id, 'uncertain', 1_000],
    ]);
    // The card shows only masked, so the supervisor can tell the bank which card.
    expect(preview.uncertainRefunds[0]!.card!.panMasked).toMatch(/^\d{6}\*+\d{4}$/);

    const before = hostLog(await t.host()).length;
    expect(await err(t.core, 'settlement:run')).toEqual({
      code: 'SETTLEMENT_REFUNDS_UNCERTAIN',
      params: { count: 1 },
    });
    expect(await sentSince(t, before)).toEqual([]);
    expect(rows(t.core, "SELECT batch_no FROM settlements WHERE step != 'closed'")).toEqual([]);

    // The bank says the money went back: the host counted it, and so do we now.
    await resolve(t, refund.id, true);
    expect((await ok<Preview>(t.core, 'settlement:preview')).uncertainRefunds).toEqual([]);
    const settled = await ok<SettlementResult>(t.core, 'settlement:run');
    expect(settled.verdict).toBe('balanced');
    expect([
      settled.totals.cardDomestic.creditCount,
      settled.totals.cardDomestic.creditFen,
    ]).toEqual([1, 1_000]);
  });

  it('did not go through: declined, left out of the totals, and the batch balances', async () => {
    const { t, refund } = await uncertainRefund('silent');
    expect(await err(t.core, 'settlement:run')).toMatchObject({
      code: 'SETTLEMENT_REFUNDS_UNCERTAIN',
    });
    await resolve(t, refund.id, false);
    const settled = await ok<SettlementResult>(t.core, 'settlement:run');
    expect(settled.verdict).toBe('balanced');
    expect(settled.totals.cardDomestic.creditCount).toBe(0);
  });

  it('an uncertain refund of an earlier, closed batch does not hold up this one', async () => {
    const { t, refund } = await uncertainRefund('silent');
    // Stamped into the batch that is already closed (as a till settled before this rule would have left it).
    t.core.internals.db
      .prepare('UPDATE transactions SET batch_no = ? WHERE id = ?')
      .run('000001', refund.id);
    await signOff(t.core);
    await cashierIn(t.core);
    await approvedSale(t.core, 500);
    await asSupervisor(t);
    expect((await ok<Preview>(t.core, 'settlement:preview')).uncertainRefunds).toEqual([]);
    expect((await ok<SettlementResult>(t.core, 'settlement:run')).verdict).toBe('balanced');
  });
});
