import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardOutcome, HostStatus } from '../../../preload/contract';
import { err, ok } from '../../support/core';
import { approvedSale, cardSale, cardTill, hostLog, row, rows, type CardTill } from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function reversalSale(cardId: 'no-reply' | 'bad-mac', amountFen = 3_000) {
  const r = await cardSale(till!.core, amountFen, cardId);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  if (r.value.outcome !== 'reversal')
    throw new Error(`expected a reversal: ${JSON.stringify(r.value)}`);
  return r.value as Extract<CardOutcome, { outcome: 'reversal' }>;
}

describe('reversal (冲正)', () => {
  it('while a card waits for the host the cashier sees the phase and the seconds left, ticking', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    const progress: Array<{ phase: string; secondsLeft: number | null }> = [];
    till.core.onEvent((name, payload) => {
      if (name === 'card:progress') progress.push(payload as (typeof progress)[number]);
    });
    await reversalSale('no-reply');
    const waits = progress.filter((p) => p.phase === 'connecting' || p.phase === 'waiting-host');
    // Connecting (with the connect deadline), then sent: 3, 2, 1 seconds left of the reply wait.
    expect(waits[0]).toEqual({ phase: 'connecting', secondsLeft: 3 });
    const waiting = waits.filter((p) => p.phase === 'waiting-host').map((p) => p.secondsLeft);
    expect(waiting.slice(0, 3)).toEqual([3, 2, 1]);
    expect(progress.at(-1)?.phase).toBe('reversing');
  });

  it('reverses a sale the host acted on but never answered (98), at once', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    const outcome = await reversalSale('no-reply');
    expect(outcome).toMatchObject({
      reason: '98',
      delivered: true,
      transaction: { state: 'reversed', traceNo: '000002' },
    });
    expect(row(core, 'SELECT state, reversal_reason FROM transactions')).toEqual({
      state: 'reversed',
      reversal_reason: '98',
    });
    expect(hostLog(host)).toEqual(['0800 000001 → 00', '0200 000002 → —', '0400 000002 → 00']);
    expect(host.ledger()).toMatchObject([{ trace: '000002', state: 'reversed' }]);
    expect(rows(core, 'SELECT kind, state FROM outbox')).toEqual([
      { kind: 'reversal', state: 'done' },
    ]);
    // The cashier gets no receipt for a failed sale.
    expect(rows(core, 'SELECT id FROM print_jobs')).toEqual([]);
  });

  it('reverses an approval whose reply MAC does not verify (A0)', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    const outcome = await reversalSale('bad-mac');
    expect(outcome).toMatchObject({ reason: 'A0', delivered: true });
    expect(row(core, 'SELECT state, reversal_reason, auth_code FROM transactions')).toEqual({
      state: 'reversed',
      reversal_reason: 'A0',
      auth_code: null,
    });
    expect(hostLog(host)).toEqual(['0800 000001 → 00', '0200 000002 → 00', '0400 000002 → 00']);
    expect(host.ledger()).toMatchObject([{ trace: '000002', state: 'reversed' }]);
  });

  it('treats a connection the host drops after the request as unanswered (98)', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    host.faults.dropNext(1); // the 0200 is read, not acted on, and the line goes dead
    const r = await cardSale(core, 2_500, 'approve');
    expect(r).toMatchObject({
      ok: true,
      value: { outcome: 'reversal', reason: '98', delivered: true },
    });
    // The host never booked it and says so (nothing to reverse): the reversal is settled anyway.
    expect(host.ledger()).toEqual([]);
    expect(hostLog(host).slice(1)).toEqual([
      '0200 000002 → —',
      expect.stringMatching(/^0400 000002 → (00|12|25)$/),
    ]);
    expect(row(core, 'SELECT state FROM transactions')).toEqual({ state: 'reversed' });
  });

  it('delivers a reversal the host would not take before the next sale goes out', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    host.faults.failReversals(1, 'silent');
    const outcome = await reversalSale('no-reply');
    expect(outcome).toMatchObject({ reason: '98', delivered: false });
    expect(outcome.transaction.state).toBe('reversal_pending');
    expect(await ok<HostStatus>(core, 'host:status')).toMatchObject({
      pendingReversals: 1,
      cardsBlocked: false,
    });

    await approvedSale(core, 1_500);
    expect(hostLog(host)).toEqual([
      '0800 000001 → 00',
      '0200 000002 → —',
      '0400 000002 → —', // failed: no answer
      '0400 000002 → 00', // delivered first…
      '0200 000003 → 00', // …then the next sale
    ]);
    expect(rows(core, 'SELECT trace_no, state FROM transactions ORDER BY id')).toEqual([
      { trace_no: '000002', state: 'reversed' },
      { trace_no: '000003', state: 'approved' },
    ]);
    expect((await ok<HostStatus>(core, 'host:status')).pendingReversals).toBe(0);
  });

  it('prints a fault slip and refuses cards once the retries are used up, until the reversal goes through', async () => {
    till = await cardTill({ host: { retries: 2 } });
    const { core } = till;
    const host = await till.host();
    host.faults.failReversals(99, '96');

    const outcome = await reversalSale('no-reply', 8_800);
    expect(outcome.delivered).toBe(false); // try 1 of 2
    expect(rows(core, "SELECT id FROM print_jobs WHERE kind = 'fault_slip'")).toEqual([]);

    // The next card sale tries the reversal first (try 2 of 2), then refuses.
    const refused = await cardSale(core, 1_000, 'approve');
    expect(refused).toEqual({ ok: false, error: { code: 'CARDS_BLOCKED' } });
    expect(await ok<HostStatus>(core, 'host:status')).toMatchObject({
      pendingReversals: 1,
      cardsBlocked: true,
    });
    const [slip] = await till.printer.waitForJobs(1);
    const text = iconv.decode(slip!, 'gb18030');
    expect(text).toContain('冲正不成功,请人工处理');
    expect(text).toContain('000002');
    expect(text).toContain('88.00');
    expect(text).toContain('622202*********0986');
    expect(text).not.toContain('6222021234567800986');
    expect(rows(core, 'SELECT kind FROM print_jobs')).toEqual([{ kind: 'fault_slip' }]);

    // Still refused, still trying, no second slip.
    expect(await err(core, 'card:sale', { amountFen: 1_000 })).toEqual({ code: 'CARDS_BLOCKED' });
    expect(rows(core, 'SELECT kind FROM print_jobs')).toHaveLength(1);
    // Cash still works while cards are blocked.
    await ok(core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });

    // The host takes reversals again: the technician/cashier retries, cards are back.
    host.faults.reset();
    expect(await ok<HostStatus>(core, 'host:flushReversals')).toMatchObject({
      pendingReversals: 0,
      cardsBlocked: false,
    });
    expect(row(core, "SELECT state FROM transactions WHERE trace_no = '000002'")).toEqual({
      state: 'reversed',
    });
    await approvedSale(core, 1_000);
    expect(host.ledger().map((e) => `${e.trace} ${e.state}`)).toEqual([
      '000002 reversed',
      expect.stringMatching(/^\d{6} approved$/),
    ]);
  });

  it('keeps a reversal waiting while signed out of the host, and sends it after sign-in', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    host.faults.failReversals(1, 'silent');
    await reversalSale('no-reply');
    core.internals.host.signOut();
    await ok(core, 'host:flushReversals');
    expect((await ok<HostStatus>(core, 'host:status')).pendingReversals).toBe(1);
    expect(hostLog(host).filter((l) => l.startsWith('0400'))).toHaveLength(1);

    await ok(core, 'host:signIn');
    await vi.waitFor(
      () => expect(row(core, 'SELECT state FROM transactions')).toEqual({ state: 'reversed' }),
      { timeout: 5_000 },
    );
  });
});
