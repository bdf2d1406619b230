import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostStatus, SettlementResult } from '../../../preload/contract';
import { err, ok, cashierIn, signOff } from '../../support/core';
import { approvedSale, cardSale, cardTill, hostLog, row, rows, type CardTill } from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

/**
 * The supervisor replaces the initial password once and signs in (the cashier
 * signs off, its ¥0.00 count printing the shift report: one more job on the printer).
 */
async function supervisor(t: CardTill) {
  await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
}

async function dayOfTrade(t: CardTill) {
  await approvedSale(t.core, 10_000);
  await approvedSale(t.core, 2_000_000); // large amount: 0.55 %
  await approvedSale(t.core, 5_000, 'foreign');
  await cardSale(t.core, 7_000, 'insufficient'); // declined: not in the totals
  await ok(t.core, 'sale:cash', { amountFen: 3_000, tenderedFen: 3_000 });
}

describe('settlement (结算)', () => {
  it('balanced: totals per tender with fees, report printed, batch closed, card numbers erased, sign in again', async () => {
    till = await cardTill();
    const { core } = till;
    await dayOfTrade(till);
    await supervisor(till);

    const preview = await ok<{ batchNo: string; totals: SettlementResult['totals'] }>(
      core,
      'settlement:preview',
    );
    expect(preview.batchNo).toBe('000001');
    const r = await ok<SettlementResult>(core, 'settlement:run');
    expect(r).toMatchObject({
      batchNo: '000001',
      verdict: 'balanced',
      uploadedCount: 0,
      nextBatchNo: '000002',
    });
    expect(r.totals).toEqual(preview.totals);
    expect(r.totals.cardDomestic).toEqual({
      debitCount: 2,
      debitFen: 2_010_000,
      creditCount: 0,
      creditFen: 0,
      feeFen: 60 + 11_000,
      netFen: 2_010_000 - 11_060,
    });
    expect(r.totals.cardForeign).toMatchObject({ debitCount: 1, debitFen: 5_000, feeFen: 30 });
    expect(r.totals.cash).toMatchObject({ debitCount: 1, debitFen: 3_000, feeFen: 0 });

    const host = await till.host();
    const settle = hostLog(host).filter((l) => l.startsWith('05'));
    expect(settle).toEqual([expect.stringMatching(/^0500 \d{6} → 00$/)]);

    expect(
      row(
        core,
        "SELECT state, settled_at IS NOT NULL AS at FROM batches WHERE batch_no = '000001'",
      ),
    ).toEqual({
      state: 'settled',
      at: 1,
    });
    // Settled: the sealed card numbers are gone.
    expect(
      row(core, 'SELECT count(*) AS n FROM transactions WHERE card_sealed IS NOT NULL'),
    ).toEqual({ n: 0 });
    expect((await ok<HostStatus>(core, 'host:status')).signedIn).toBe(false);

    const report = iconv.decode((await till.printer.waitForJobs(6 + 1 + 1 + 1)).at(-1)!, 'gb18030');
    expect(report).toContain('结算单');
    expect(report).toContain('对账平 BALANCED');
    expect(report).toContain('20,100.00'); // domestic card sales
    expect(report).toContain('110.60'); // domestic card fees
    expect(report).toContain('110.90'); // all fees
    expect(report).toContain('T+1');

    // The next sale goes into batch 000002 after the cashier signs in again.
    await signOff(core);
    await cashierIn(core);
    const next = await approvedSale(core, 100);
    expect(next.transaction.batchNo).toBe('000002');
    expect(await err(core, 'settlement:preview')).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('unbalanced: uploads every card transaction (0320 … 202), then closes', async () => {
    till = await cardTill();
    const { core } = till;
    await dayOfTrade(till);
    const host = await till.host();
    host.settlementVerdict('T0000001', 'disagree');
    await supervisor(till);
    const r = await ok<SettlementResult>(core, 'settlement:run');
    expect(r).toMatchObject({ verdict: 'unbalanced', uploadedCount: 3 });
    const uploads = host.uploads('T0000001', '000001');
    expect(uploads.map((u) => u.networkCode)).toEqual(['201', '201', '201', '202']);
    expect(uploads.slice(0, 3).map((u) => u.amountFen)).toEqual([10_000, 2_000_000, 5_000]);
    expect(uploads[0]!.panMasked).toBe('622202*********0003');
    const report = iconv.decode((await till.printer.waitForJobs(6 + 1 + 1 + 1)).at(-1)!, 'gb18030');
    expect(report).toContain('对账不平 UNBALANCED');
  });

  it('resumes a settlement cut short by the network, and never settles the batch twice', async () => {
    till = await cardTill();
    const { core } = till;
    await dayOfTrade(till);
    const host = await till.host();
    host.settlementVerdict('T0000001', 'disagree');
    await supervisor(till);
    // The 0500 and the first upload get through; the second upload's answer never comes.
    host.faults.failAfter(2, 'silent');
    const first = await err(core, 'settlement:run');
    expect(first.code).toBe('HOST_TIMEOUT');
    expect(row(core, 'SELECT step, uploaded_count FROM settlements')).toEqual({
      step: 'unbalanced',
      uploaded_count: 1,
    });
    // Meanwhile the batch takes no transactions.
    await signOff(core);
    await cashierIn(core);
    expect(await err(core, 'sale:cash', { amountFen: 100, tenderedFen: 100 })).toEqual({
      code: 'SETTLEMENT_IN_PROGRESS',
    });
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });

    const r = await ok<SettlementResult>(core, 'settlement:run');
    expect(r).toMatchObject({ verdict: 'unbalanced', uploadedCount: 3 });
    expect(hostLog(host).filter((l) => l.startsWith('0500'))).toHaveLength(1);
    expect(rows(core, "SELECT batch_no FROM settlements WHERE step = 'closed'")).toEqual([
      { batch_no: '000001' },
    ]);
    // A second run finds nothing open: the new batch is empty.
    expect(await err(core, 'settlement:run')).toEqual({ code: 'NOTHING_TO_SETTLE' });
  });

  it('after a restart mid-settlement, the supervisor resumes it and the batch closes once', async () => {
    till = await cardTill();
    const { core } = till;
    await dayOfTrade(till);
    await supervisor(till);
    const host = await till.host();
    host.faults.failAfter(0, 'drop'); // the 0500 is lost with the line
    expect((await err(core, 'settlement:run')).code).toBe('HOST_BAD_REPLY');
    expect(row(core, 'SELECT step FROM settlements')).toEqual({ step: 'started' });
    await till.stop(); // power off with the settlement at 'started'

    const again = await cardTill({ dir: till.dir, printer: till.printer });
    try {
      await ok(again.core, 'auth:signIn', { operatorNo: '00', password: '246810' });
      const preview = await ok<{ resuming: boolean; batchNo: string }>(
        again.core,
        'settlement:preview',
      );
      expect(preview).toMatchObject({ resuming: true, batchNo: '000001' });
      const r = await ok<SettlementResult>(again.core, 'settlement:run');
      expect(r.batchNo).toBe('000001');
      expect(rows(again.core, 'SELECT batch_no, step FROM settlements')).toEqual([
        { batch_no: '000001', step: 'closed' },
      ]);
      expect(await err(again.core, 'settlement:run')).toEqual({ code: 'NOTHING_TO_SETTLE' });
    } finally {
      await again.stop();
    }
  });

  it('77 (the host has another batch): signs in again and settles; twice 77 is refused with the code', async () => {
    till = await cardTill();
    const { core } = till;
    await approvedSale(core, 1_000);
    await supervisor(till);
    const host = await till.host();
    host.faults.batchMismatchNext(2);
    expect(await err(core, 'settlement:run')).toEqual({
      code: 'SETTLEMENT_REFUSED',
      params: { code: '77' },
    });
    expect(row(core, 'SELECT step FROM settlements')).toEqual({ step: 'started' });
    host.faults.batchMismatchNext(1);
    const before = hostLog(host).length;
    const r = await ok<SettlementResult>(core, 'settlement:run');
    expect(r.verdict).toBe('balanced');
    expect(
      hostLog(host)
        .slice(before)
        .map((l) => l.replace(/ \d{6} /, ' ')),
    ).toEqual(['0500 → 77', '0800 → 00', '0500 → 00']);
  });

  it('refuses to start while a reversal is still owed, saying what blocks', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    await approvedSale(core, 1_000);
    host.faults.failReversals(99, '96');
    await cardSale(core, 2_000, 'no-reply');
    await supervisor(till);
    expect(await err(core, 'settlement:run')).toEqual({
      code: 'SETTLEMENT_BLOCKED',
      params: { reversals: 1, qr: 0 },
    });
    expect(rows(core, 'SELECT * FROM settlements')).toEqual([]);
    host.faults.reset();
    const r = await ok<SettlementResult>(core, 'settlement:run');
    expect(r.totals.cardDomestic.debitCount).toBe(1);
  });

  it('a reversal owed while not signed in: settlement signs in, sends it and goes on', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    await approvedSale(core, 1_000);
    host.faults.failReversals(99, '96');
    await cardSale(core, 2_000, 'no-reply');
    host.faults.reset();
    // The supervisor's sign-in cannot reach the host: the terminal has no working keys.
    host.faults.refuseConnections(true);
    await supervisor(till);
    expect((await ok<HostStatus>(core, 'host:status')).signedIn).toBe(false);
    // Still unreachable: the blocker named is the host, not "1 reversal pending".
    const blocked = await err(core, 'settlement:run');
    expect(blocked.code).toMatch(/^HOST_(UNREACHABLE|BAD_REPLY)$/); // refused at once: closed unanswered
    host.faults.refuseConnections(false);
    const r = await ok<SettlementResult>(core, 'settlement:run');
    expect(r.totals.cardDomestic.debitCount).toBe(1);
    expect(hostLog(host).map((l) => l.slice(0, 4))).toContain('0400');
  });
});
