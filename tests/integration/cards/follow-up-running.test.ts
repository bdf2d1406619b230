/**
 * The card follow-ups a cashier starts from a screen — 退货, 消费撤销,
 * 预授权完成 / 撤销 — wait at the host up to its timeout like a sale. A page
 * reloaded meanwhile must find them with `card:running` (kind, amount, phase)
 * and learn their end from `card:ended`; before, only the sale family was
 * tracked, the reloaded screen showed nothing and the cashier might do it
 * again. Real core, training host slowed (delayNext) or silent (silentNext).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  CardEnded,
  CardOutcome,
  CardRefundOutcome,
  Result,
  RunningCard,
  TransactionView,
} from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { cashierIn, ok, signOff } from '../../support/core';
import {
  approvedSale,
  cardTill,
  padShows,
  presentCard,
  presentCardAndPin,
  type CardTill,
  SUPERVISOR,
  supervisorReady,
} from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const running = async (core: PosCore) =>
  (await ok<{ running: RunningCard | null }>(core, 'card:running')).running;

/** Waits until card:running shows `expected` (a reply wait starts a moment after the card). */
const runningShows = (core: PosCore, expected: RunningCard) =>
  vi.waitFor(async () => expect(await running(core)).toEqual(expected), {
    timeout: 5_000,
    interval: 10,
  });

/** Every card:ended from now on. */
function endings(core: PosCore): CardEnded[] {
  const seen: CardEnded[] = [];
  core.onEvent((name, payload) => {
    if (name === 'card:ended') seen.push(payload as CardEnded);
  });
  return seen;
}

const localDate = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** A card sale of a settled batch (the supervisor settles), the cashier back: refundable. */
async function settledSale(t: CardTill, amountFen: number): Promise<TransactionView> {
  await supervisorReady(t);
  const sale = await approvedSale(t.core, amountFen);
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', SUPERVISOR);
  await ok(t.core, 'settlement:run');
  await signOff(t.core);
  await cashierIn(t.core);
  return sale.transaction;
}

const refund = (t: CardTill, sale: TransactionView, amountFen: number) =>
  t.core.dispatch('refunds:card', {
    rrn: sale.card!.rrn,
    date: localDate(sale.createdAt),
    amountFen,
    supervisor: SUPERVISOR,
  }) as Promise<Result<CardRefundOutcome>>;

/** An approved ¥-amount pre-authorisation (card and PIN), still open. */
async function hold(t: CardTill, amountFen: number): Promise<TransactionView> {
  const done = t.core.dispatch('preauth:start', { amountFen }) as Promise<Result<CardOutcome>>;
  await presentCardAndPin(t.core, 'approve');
  const r = await done;
  if (!r.ok || r.value.outcome !== 'approved') throw new Error(JSON.stringify(r));
  return r.value.transaction;
}

describe('card:running covers the follow-ups at the host', () => {
  it('a refund waiting at a slow host is running as a refund with its amount, then ends approved', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    const sale = await settledSale(till, 8_800);
    const ended = endings(till.core);
    const done = refund(till, sale, 3_300);
    await padShows(till.core, 'card'); // the refund's sign-in (keys went at settlement) is behind us
    expect(await running(till.core)).toEqual({
      kind: 'refund',
      amountFen: 3_300,
      phase: 'insert-card',
    });
    (await till.host()).faults.delayNext(1, 1_500);
    await presentCard(till.core, 'approve');
    await runningShows(till.core, { kind: 'refund', amountFen: 3_300, phase: 'waiting-host' });
    expect(ended).toEqual([]);
    expect(await done).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(ended).toEqual([
      { kind: 'refund', amountFen: 3_300, result: 'approved', responseCode: '00', error: null },
    ]);
    expect(await running(till.core)).toBeNull();
  });

  it('a refund the host never answers ends uncertain (never reversed), a cancelled one failed', async () => {
    till = await cardTill(); // 1 s reply wait
    const sale = await settledSale(till, 8_800);
    const ended = endings(till.core);
    const silent = refund(till, sale, 1_000);
    await padShows(till.core, 'card');
    (await till.host()).faults.silentNext(1);
    await presentCard(till.core, 'approve');
    await runningShows(till.core, { kind: 'refund', amountFen: 1_000, phase: 'waiting-host' });
    expect(await silent).toMatchObject({ ok: true, value: { outcome: 'uncertain' } });

    const cancelled = refund(till, sale, 2_000);
    await padShows(till.core, 'card');
    await ok(till.core, 'card:cancel');
    expect(await cancelled).toMatchObject({ ok: false });
    expect(ended).toEqual([
      { kind: 'refund', amountFen: 1_000, result: 'uncertain', responseCode: null, error: null },
      {
        kind: 'refund',
        amountFen: 2_000,
        result: 'failed',
        responseCode: null,
        error: { code: 'PINPAD_CANCELLED' },
      },
    ]);
    expect(await running(till.core)).toBeNull();
  });

  it('a void waiting at a slow host is running as a void, then ends approved', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    await supervisorReady(till);
    const sale = await approvedSale(till.core, 6_600);
    const ended = endings(till.core);
    (await till.host()).faults.delayNext(1, 1_500); // the void's 0200: no card, no sign-in first
    const done = till.core.dispatch('voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    await runningShows(till.core, { kind: 'void', amountFen: 6_600, phase: 'waiting-host' });
    expect(await done).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(ended).toEqual([
      { kind: 'void', amountFen: 6_600, result: 'approved', responseCode: '00', error: null },
    ]);
    expect(await running(till.core)).toBeNull();
  });

  it('a void the host never answers ends reversed', async () => {
    till = await cardTill();
    await supervisorReady(till);
    const sale = await approvedSale(till.core, 6_600);
    const ended = endings(till.core);
    (await till.host()).faults.silentNext(1);
    const done = till.core.dispatch('voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    await runningShows(till.core, { kind: 'void', amountFen: 6_600, phase: 'waiting-host' });
    expect(await done).toMatchObject({ ok: true, value: { outcome: 'reversal' } });
    expect(ended).toEqual([
      { kind: 'void', amountFen: 6_600, result: 'reversal', responseCode: null, error: null },
    ]);
  });

  it('a pre-auth completion and a cancel at a slow host run with their kinds and amounts', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    await supervisorReady(till);
    const first = await hold(till, 10_000);
    const second = await hold(till, 20_000);
    const ended = endings(till.core);

    const complete = till.core.dispatch('preauth:complete', {
      txId: first.id,
      amountFen: 11_500,
      supervisor: SUPERVISOR,
    });
    await padShows(till.core, 'card');
    expect(await running(till.core)).toEqual({
      kind: 'preauth_complete',
      amountFen: 11_500,
      phase: 'insert-card',
    });
    (await till.host()).faults.delayNext(1, 1_500);
    await presentCard(till.core, 'approve');
    await runningShows(till.core, {
      kind: 'preauth_complete',
      amountFen: 11_500,
      phase: 'waiting-host',
    });
    expect(await complete).toMatchObject({ ok: true, value: { outcome: 'approved' } });

    const cancel = till.core.dispatch('preauth:cancel', {
      txId: second.id,
      supervisor: SUPERVISOR,
    });
    await padShows(till.core, 'card');
    (await till.host()).faults.delayNext(1, 1_500);
    await presentCard(till.core, 'approve');
    await runningShows(till.core, {
      kind: 'preauth_cancel',
      amountFen: 20_000,
      phase: 'waiting-host',
    });
    expect(await cancel).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(ended).toEqual([
      {
        kind: 'preauth_complete',
        amountFen: 11_500,
        result: 'approved',
        responseCode: '00',
        error: null,
      },
      {
        kind: 'preauth_cancel',
        amountFen: 20_000,
        result: 'approved',
        responseCode: '00',
        error: null,
      },
    ]);
    expect(await running(till.core)).toBeNull();
  });

  it('a void from another window while a sale waits at the pad: its progress and end do not touch the sale', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    await supervisorReady(till);
    const earlier = await approvedSale(till.core, 6_600);
    const ended = endings(till.core);
    const sale = till.core.dispatch('card:sale', { amountFen: 1_000 }) as Promise<
      Result<CardOutcome>
    >;
    await padShows(till.core, 'card');
    (await till.host()).faults.delayNext(1, 500);
    const done = till.core.dispatch('voids:run', {
      traceNo: earlier.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    // Both run; card:running answers the first, the sale.
    expect(await running(till.core)).toMatchObject({ kind: 'sale', amountFen: 1_000 });
    expect(await done).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(ended).toEqual([
      { kind: 'void', amountFen: 6_600, result: 'approved', responseCode: '00', error: null },
    ]);
    // The void's own progress (connecting, waiting for the host) was not the
    // sale's: the sale still shows where it is, at the card.
    expect(await running(till.core)).toEqual({
      kind: 'sale',
      amountFen: 1_000,
      phase: 'insert-card',
    });
    await presentCardAndPin(till.core, 'approve');
    expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(ended.map((e) => `${e.kind} ${e.result}`)).toEqual(['void approved', 'sale approved']);
    expect(await running(till.core)).toBeNull();
  });
});
