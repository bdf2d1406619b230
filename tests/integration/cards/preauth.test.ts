import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  CardOutcome,
  Result,
  SettlementResult,
  TransactionView,
} from '../../../preload/contract';
import { completionCeilingFen } from '../../../main/services/cards/preauth-service';
import { err, ok, signOff } from '../../support/core';
import {
  cardTill,
  padShows,
  presentCardAndPin,
  row,
  type CardTill,
  SUPERVISOR,
  supervisorReady,
} from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

/** 预授权: the card and PIN on the PIN pad, like a sale. */
async function hold(t: CardTill, amountFen: number): Promise<TransactionView> {
  const done = t.core.dispatch('preauth:start', { amountFen }) as Promise<Result<CardOutcome>>;
  await presentCardAndPin(t.core, 'approve');
  const r = await done;
  if (!r.ok || r.value.outcome !== 'approved') throw new Error(JSON.stringify(r));
  return r.value.transaction;
}

/** Completion or cancel: the supervisor approves, the card is read again (no PIN). */
async function followUp(
  t: CardTill,
  channel: 'preauth:complete' | 'preauth:cancel',
  input: Record<string, unknown>,
  cardId = 'approve',
) {
  const done = t.core.dispatch(channel, { ...input, supervisor: SUPERVISOR }) as Promise<
    Result<CardOutcome>
  >;
  const first = await Promise.race([
    done.then((r) => ({ r })),
    padShows(t.core, 'card').then(() => null),
  ]);
  if (first) return first.r;
  await ok(t.core, 'pinpad:presentCard', { cardId });
  return done;
}

describe('pre-authorisation (预授权)', () => {
  it('holds, completes up to 115 %, and the completion is the debit at settlement', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const h = await hold(till, 50_000);
    expect(h).toMatchObject({
      type: 'preauth',
      state: 'approved',
      card: { authCode: expect.stringMatching(/^\d{6}$/) },
    });
    expect(
      (await ok<{ transactions: TransactionView[] }>(core, 'preauth:open')).transactions.map(
        (x) => x.id,
      ),
    ).toEqual([h.id]);

    expect(completionCeilingFen(50_000)).toBe(57_500);
    const over = await followUp(till, 'preauth:complete', { txId: h.id, amountFen: 57_501 });
    expect(over).toEqual({
      ok: false,
      error: { code: 'PREAUTH_OVER_LIMIT', params: { ceiling: '¥575.00' } },
    });

    const done = await followUp(till, 'preauth:complete', { txId: h.id, amountFen: 57_500 });
    expect(done).toMatchObject({
      ok: true,
      value: {
        outcome: 'approved',
        transaction: { type: 'preauth_complete', amountFen: 57_500, originalTxId: h.id },
      },
    });
    expect(
      (await ok<{ transactions: TransactionView[] }>(core, 'preauth:open')).transactions,
    ).toEqual([]);
    expect(await err(core, 'preauth:cancel', { txId: h.id, supervisor: SUPERVISOR })).toEqual({
      code: 'PREAUTH_CLOSED',
      params: { txId: h.id },
    });

    const slip = iconv.decode((await till.printer.waitForJobs(4)).at(-1)!, 'gb18030');
    expect(slip).toContain('预授权完成 AUTH COMPLETE');
    expect(slip).toContain(`原授权码 ORIG AUTH ${h.card!.authCode}`);
    const host = await till.host();
    expect(host.ledger().map((e) => `${e.messageTypeCode} ${e.amountFen} ${e.state}`)).toEqual([
      '10 50000 approved',
      '20 57500 approved',
    ]);
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    const s = await ok<SettlementResult>(core, 'settlement:run');
    expect(s.verdict).toBe('balanced');
    expect(s.totals.cardDomestic).toMatchObject({ debitCount: 1, debitFen: 57_500 });
  });

  it('cancels a hold in full; another card is refused', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const h = await hold(till, 20_000);
    const wrongCard = await followUp(till, 'preauth:cancel', { txId: h.id }, 'swipe');
    expect(wrongCard).toEqual({ ok: false, error: { code: 'REFUND_CARD_MISMATCH' } });
    const cancelled = await followUp(till, 'preauth:cancel', { txId: h.id });
    expect(cancelled).toMatchObject({
      ok: true,
      value: { outcome: 'approved', transaction: { type: 'preauth_cancel', amountFen: 20_000 } },
    });
    expect(row(core, `SELECT state FROM transactions WHERE id = ${h.id}`)).toEqual({
      state: 'cancelled',
    });
  });

  it('a completion the host never answers is reversed, and the hold stays open', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const h = await hold(till, 10_000);
    (await till.host()).faults.silentNext(1);
    const r = await followUp(till, 'preauth:complete', { txId: h.id, amountFen: 10_000 });
    expect(r).toMatchObject({
      ok: true,
      value: { outcome: 'reversal', reason: '98', delivered: true },
    });
    expect(
      (await ok<{ transactions: TransactionView[] }>(core, 'preauth:open')).transactions.map(
        (x) => x.id,
      ),
    ).toEqual([h.id]);
  });

  it('an unbalanced settlement uploads exactly what its totals count: no hold, no cancel', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    await hold(till, 30_000); // stays open
    const cancelledHold = await hold(till, 20_000);
    expect(await followUp(till, 'preauth:cancel', { txId: cancelledHold.id })).toMatchObject({
      ok: true,
      value: { outcome: 'approved' },
    });
    const completedHold = await hold(till, 10_000);
    expect(
      await followUp(till, 'preauth:complete', { txId: completedHold.id, amountFen: 9_000 }),
    ).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    const host = await till.host();
    host.settlementVerdict('T0000001', 'disagree');
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    const s = await ok<SettlementResult>(core, 'settlement:run');
    expect(s).toMatchObject({ verdict: 'unbalanced', uploadedCount: 1 });
    expect(s.totals.cardDomestic).toMatchObject({ debitCount: 1, debitFen: 9_000, creditCount: 0 });
    const uploads = host.uploads('T0000001', '000001');
    expect(uploads.map((u) => `${u.networkCode} ${u.processingCode} ${u.amountFen}`)).toEqual([
      '201 000000 9000',
      expect.stringMatching(/^202 /),
    ]);
  });
});
