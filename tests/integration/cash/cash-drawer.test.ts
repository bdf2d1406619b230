import { afterEach, describe, expect, it } from 'vitest';
import type {
  CashCount,
  CashStatus,
  PrintJob,
  ReceiptPreview,
  ReportView,
  ShiftSummary,
  TransactionView,
} from '../../../preload/contract';
import { err, ok, cashierIn, signOff } from '../../support/core';
import { cardTill, rows, SUPERVISOR, supervisorReady, type CardTill } from '../cards/harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

type Counted = { count: CashCount; shift: ShiftSummary; printJobs: PrintJob[] };

async function cashSale(t: CardTill, amountFen: number): Promise<TransactionView> {
  const r = await ok<{ transaction: TransactionView }>(t.core, 'sale:cash', {
    amountFen,
    tenderedFen: amountFen + 1_000,
  });
  return r.transaction;
}

async function slipText(t: CardTill, jobId: number): Promise<string> {
  const p = await ok<ReceiptPreview>(t.core, 'print:preview', { jobId });
  return p.lines.map((l) => l.text).join('\n');
}

const auditActions = (t: CardTill) =>
  rows<{ action: string }>(t.core, 'SELECT action FROM audit_log ORDER BY id').map((r) => r.action);

/**
 * The shift of the issue: float ¥200, paid-in ¥50 (change from the bank),
 * paid-out ¥10 (a supplier), cash sales ¥23.50 + ¥10.00 and the ¥10.00 one
 * voided (cash back over the counter). Expected 200 + 33.50 − 10 + 50 − 10 =
 * ¥263.50; the cashier counts ¥263.00 by denomination: ¥0.50 short.
 */
async function shiftWithMovements(t: CardTill) {
  await ok(t.core, 'cash:setFloat', { amountFen: 20_000 });
  await ok(t.core, 'cash:move', {
    kind: 'in',
    amountFen: 5_000,
    reason: '银行换零钱',
    supervisor: SUPERVISOR,
  });
  await ok(t.core, 'cash:move', {
    kind: 'out',
    amountFen: 1_000,
    reason: '付供应商',
    supervisor: SUPERVISOR,
  });
  await cashSale(t, 2_350);
  const voided = await cashSale(t, 1_000);
  await ok(t.core, 'voids:run', { traceNo: voided.traceNo, supervisor: SUPERVISOR });
}

const COUNT_263 = {
  by: 'denominations',
  denominations: [
    { valueFen: 10_000, pieces: 2 },
    { valueFen: 5_000, pieces: 1 },
    { valueFen: 1_000, pieces: 1 },
    { valueFen: 100, pieces: 3 },
    { valueFen: 50, pieces: 0 },
  ],
};

describe('cash drawer (钱箱管理)', () => {
  it('float, paid-in/out with the supervisor, sales, a void, then a blind count ¥0.50 short', async () => {
    till = await cardTill();
    const t = till;
    await supervisorReady(t, { float: false });

    const fresh = await ok<CashStatus>(t.core, 'cash:status');
    expect(fresh).toMatchObject({ floatFen: null, movements: [], count: null });

    // The opening float: once per shift, audited with the drawer opening, a slip kicks the drawer.
    const afterFloat = await ok<CashStatus>(t.core, 'cash:setFloat', { amountFen: 20_000 });
    expect(afterFloat.floatFen).toBe(20_000);
    expect((await err(t.core, 'cash:setFloat', { amountFen: 100 })).code).toBe('CASH_FLOAT_SET');
    expect(auditActions(t).slice(-2)).toEqual(['cash.float', 'drawer.opened']);

    // Paid-out with a wrong supervisor password: refused, nothing recorded.
    const wrong = await err(t.core, 'cash:move', {
      kind: 'out',
      amountFen: 1_000,
      reason: '付供应商',
      supervisor: { operatorNo: '00', password: '999999' },
    });
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect((await ok<CashStatus>(t.core, 'cash:status')).movements).toHaveLength(1);
    // A cashier can't approve their own paid-out.
    const self = await err(t.core, 'cash:move', {
      kind: 'out',
      amountFen: 1_000,
      reason: 'x',
      supervisor: { operatorNo: '01', password: '1357' },
    });
    expect(self.code).toBe('SUPERVISOR_REQUIRED');
    // No reason: a field error naming the rule.
    const noReason = await err(t.core, 'cash:move', {
      kind: 'out',
      amountFen: 1_000,
      reason: '  ',
      supervisor: SUPERVISOR,
    });
    expect(noReason.fields?.[0]).toMatchObject({ field: 'reason', rule: 'cashReason' });

    const paidIn = await ok<{
      movement: { kind: string; approvedBy: string };
      printJobs: PrintJob[];
    }>(t.core, 'cash:move', {
      kind: 'in',
      amountFen: 5_000,
      reason: '银行换零钱',
      supervisor: SUPERVISOR,
    });
    expect(paidIn.movement).toMatchObject({ kind: 'in', approvedBy: '00' });
    expect(await slipText(t, paidIn.printJobs[0]!.id)).toMatch(
      /收入 PAID IN[\s\S]*RMB 50\.00[\s\S]*银行换零钱/,
    );
    expect(auditActions(t).slice(-3)).toEqual([
      'supervisor.approved',
      'cash.paidIn',
      'drawer.opened',
    ]);
    await ok(t.core, 'cash:move', {
      kind: 'out',
      amountFen: 1_000,
      reason: '付供应商',
      supervisor: SUPERVISOR,
    });
    // The slip of each movement opens the drawer (ESC p in its bytes).
    const kicks = rows<{ n: number }>(
      t.core,
      "SELECT count(*) AS n FROM print_jobs WHERE kind = 'report' AND instr(hex(bytes), '1B70') > 0",
    );
    expect(kicks[0]?.n).toBeGreaterThanOrEqual(3);

    await cashSale(t, 2_350);
    const voided = await cashSale(t, 1_000);
    await ok(t.core, 'voids:run', { traceNo: voided.traceNo, supervisor: SUPERVISOR });

    // Blind: before the count nothing tells the cashier what is expected.
    const before = await ok<CashStatus>(t.core, 'cash:status');
    expect(JSON.stringify(before)).not.toMatch(/expected/);
    const ownReport = await ok<ReportView>(t.core, 'reports:shift', {});
    expect(ownReport.drawer).toMatchObject({
      floatFen: 20_000,
      expectedFen: null,
      countedFen: null,
    });

    const counted = await ok<Counted>(t.core, 'cash:count', COUNT_263);
    expect(counted.count.countedFen).toBe(26_300);
    expect(counted.count.drawer).toEqual({
      floatFen: 20_000,
      cashSalesFen: 3_350,
      cashRefundsFen: 1_000,
      paidInFen: 5_000,
      paidOutFen: 1_000,
      expectedFen: 26_350,
      countedFen: 26_300,
      overShortFen: -50,
      counts: 1,
    });
    // Pieces of 0 are left out of what was kept.
    expect(counted.count.denominations).toHaveLength(4);
    expect(auditActions(t)).toContain('cash.counted');

    // The printed shift report: float, cash sales and refunds, paid-in/out, expected, counted, over/short, tenders.
    const report = await slipText(t, counted.printJobs[0]!.id);
    for (const line of [
      /交班报表/,
      /备用金 FLOAT\s+RMB 200\.00/,
      /现金销售 CASH SALES\s+RMB 33\.50/,
      /现金退款 CASH REFUNDS\s+RMB 10\.00/,
      /收入 PAID IN\s+RMB 50\.00/,
      /支出 PAID OUT\s+RMB 10\.00/,
      /应有现金 EXPECTED\s+RMB 263\.50/,
      /实点现金 COUNTED\s+RMB 263\.00/,
      /长短款 短款 SHORT\s+RMB -0\.50/,
      /现金 CASH/,
    ])
      expect(report).toMatch(line);

    // Once counted, the drawer is closed for the shift.
    expect((await err(t.core, 'cash:count', { by: 'total', countedFen: 26_350 })).code).toBe(
      'CASH_COUNTED',
    );
    const late = await err(t.core, 'cash:move', {
      kind: 'in',
      amountFen: 100,
      reason: 'late',
      supervisor: SUPERVISOR,
    });
    expect(late.code).toBe('CASH_COUNTED');
    // After the count the status and the shift report carry what was counted.
    const after = await ok<CashStatus>(t.core, 'cash:status');
    expect(after.count?.drawer.overShortFen).toBe(-50);
    expect((await ok<ReportView>(t.core, 'reports:shift', {})).drawer?.expectedFen).toBe(26_350);

    // Z: the supervisor reads X, settles; the settled batch's report carries the drawer too.
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    // X (the supervisor's): the day's drawer figures.
    const day = await ok<ReportView>(t.core, 'reports:day', {});
    // Two counts in the day: the harness's first shift signed off with ¥0 counted (even), then this one.
    expect(day.drawer).toEqual({ ...counted.count.drawer, counts: 2 });
    const dayPrint = await ok<{ printJobs: PrintJob[] }>(t.core, 'reports:print', { kind: 'day' });
    expect(await slipText(t, dayPrint.printJobs[0]!.id)).toMatch(/长短款 短款 SHORT\s+RMB -0\.50/);

    await ok(t.core, 'settlement:run');
    const z = await ok<ReportView>(t.core, 'reports:settlement', {});
    expect(z.drawer).toEqual({ ...counted.count.drawer, counts: 2 });
    const zPrint = await ok<{ printJobs: PrintJob[] }>(t.core, 'reports:print', {
      kind: 'settlement',
    });
    expect(await slipText(t, zPrint.printJobs[0]!.id)).toMatch(/应有现金 EXPECTED\s+RMB 263\.50/);
  }, 60_000);

  it('a count by total and the figures survive a restart; a new shift asks for a new float', async () => {
    till = await cardTill();
    await supervisorReady(till, { float: false });
    await shiftWithMovements(till);
    const counted = await ok<Counted>(till.core, 'cash:count', { by: 'total', countedFen: 26_400 });
    expect(counted.count.drawer).toMatchObject({ expectedFen: 26_350, overShortFen: 50 });
    expect(await slipText(till, counted.printJobs[0]!.id)).toMatch(/长短款 长款 OVER\s+RMB 0\.50/);

    // The app stops (a kill after the answer): the count is there when it starts again.
    const dir = till.dir;
    const printer = till.printer;
    await till.stop();
    till = await cardTill({ dir, printer });
    await cashierIn(till.core);
    const back = await ok<CashStatus>(till.core, 'cash:status');
    expect(back.count).toEqual(counted.count);
    expect(back.floatFen).toBe(20_000);

    // Sign-off ends the shift; the next sign-in starts one with no float yet.
    await signOff(till.core);
    await ok(till.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    const next = await ok<CashStatus>(till.core, 'cash:status');
    expect(next).toMatchObject({ floatFen: null, movements: [], count: null });
    await ok(till.core, 'cash:setFloat', { amountFen: 0 });
    expect((await ok<CashStatus>(till.core, 'cash:status')).floatFen).toBe(0);
  }, 60_000);

  it('a paid-out or count whose answer was lost, sent again with its request id, happens once', async () => {
    till = await cardTill();
    await supervisorReady(till);
    const move = {
      kind: 'out',
      amountFen: 1_000,
      reason: '付供应商',
      supervisor: SUPERVISOR,
    };
    const id = 'a1'.repeat(16);
    const first = await till.core.dispatch('cash:move', move, { requestId: id });
    const again = await till.core.dispatch('cash:move', move, { requestId: id });
    expect(again).toEqual(first);
    const status = await ok<CashStatus>(till.core, 'cash:status');
    expect(status.movements.filter((m) => m.kind === 'out')).toHaveLength(1);
    const countId = 'b2'.repeat(16);
    const c1 = await till.core.dispatch(
      'cash:count',
      { by: 'total', countedFen: 0 },
      { requestId: countId },
    );
    const c2 = await till.core.dispatch(
      'cash:count',
      { by: 'total', countedFen: 0 },
      { requestId: countId },
    );
    expect(c1.ok).toBe(true);
    expect(c2).toEqual(c1);
    // The movement and its audit rows committed together: one paid-out row, one drawer opening for it.
    const audit = rows<{ action: string }>(
      till.core,
      "SELECT action FROM audit_log WHERE action IN ('cash.paidOut', 'drawer.opened', 'cash.counted')",
    ).map((r) => r.action);
    expect(audit).toEqual(['cash.paidOut', 'drawer.opened', 'cash.counted']);
  }, 60_000);

  it('refuses a denomination that is not a note or coin, and a repeated one', async () => {
    till = await cardTill();
    const bad = await err(till.core, 'cash:count', {
      by: 'denominations',
      denominations: [{ valueFen: 200, pieces: 1 }],
    });
    expect(bad.code).toBe('INVALID_INPUT');
    const twice = await err(till.core, 'cash:count', {
      by: 'denominations',
      denominations: [
        { valueFen: 100, pieces: 1 },
        { valueFen: 100, pieces: 2 },
      ],
    });
    expect(twice.fields?.[0]).toMatchObject({ field: 'denominations', rule: 'denomination' });
    expect((await ok<CashStatus>(till.core, 'cash:status')).count).toBeNull();
  }, 60_000);
});
