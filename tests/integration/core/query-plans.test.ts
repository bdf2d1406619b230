import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView, QrOutcome, Result } from '../../../preload/contract';
import { manualClock } from '../../../main/core/clock';
import { createLogger } from '../../../main/core/logger';
import { createPosCore, type PosCore } from '../../../main/core/pos-core';
import { confEngine } from '../../../main/settings/conf-engine';
import { startPrinterSimulator, type PrinterSimulator } from '../../../native/printer/simulator';
import {
  SETUP,
  TEST_SCRYPT,
  ok,
  setUpTerminal,
  signInCashier,
  tempDir,
  signOff,
} from '../../support/core';
import { seedHistory } from '../../support/history';
import {
  judgeStatement,
  preparesEveryRun,
  recordStatements,
  type JudgeOptions,
  type PlanVerdict,
  type RanStatement,
} from '../../support/query-plans';
import { HOST_SETTINGS, SUPERVISOR, cardSale, technician } from '../cards/harness';
import { PRODUCTS, stockCatalogue } from '../checkout/harness';
import { runToEnd, steppedScheduler, wechat } from '../qr-core/harness';

/**
 * The guard for flat cost (issue 17): every statement the till runs while it
 * starts, signs in, sells for cash, by card and by QR code, prints and
 * reprints, removes old printed jobs, delivers its outbox and signs off is recorded as it runs (not
 * listed by hand, so a new table or query is judged too) and its plan is read
 * against a database holding weeks of history. A plan that reads more as the
 * history grows — a SCAN of a growing table, an index key that matches
 * thousands of rows, a temp B-tree sort over such a read — fails the test.
 * A new flow (an order with its basket, a catalogue search) adds its steps to
 * the paths below; its statements are then judged with nothing else to list.
 * Tables not named bounded count as growing even while empty here; fill them
 * in tests/support/history.ts so their indexes are judged on real numbers.
 */
/** A month of trading, 1,000 transactions a day, today's batch still open. */
const PER_DAY = 1_000;
const HISTORY = 30 * PER_DAY;
const RULES: JudgeOptions = {
  // Configuration and counters: a handful of rows however long the shop trades.
  boundedTables: ['operators', 'counters', 'secrets', 'password_history'],
  // Open print jobs, held reversals, today's batch and its cash sales to hand
  // over: a read of up to a day's trading is the day's, more is the history's.
  maxEntries: PER_DAY,
};

const START = Date.parse('2026-11-24T09:30:00+08:00');
const tmp = tempDir('pos-plans-');
let printer: PrinterSimulator;
let core: PosCore;
let ran: RanStatement[] = [];
const stepper = steppedScheduler(START);

async function startTill(): Promise<PosCore> {
  return createPosCore({
    dataDir: tmp.dir,
    settings: confEngine(tmp.dir),
    version: '0.0.0-test',
    clock: manualClock(START),
    logger: createLogger({ file: join(tmp.dir, 'logs', 'test.log'), level: 'warn' }),
    scryptCost: TEST_SCRYPT,
    printRetryDelaysMs: [60_000],
    qrScheduler: stepper.scheduler,
    qrTraining: { confirmAfterQueries: 2, holdMs: 1_500 },
  });
}

async function qrPay(code: string) {
  const done = core.dispatch('qr:pay', { amountFen: 2_350, code }) as Promise<Result<QrOutcome>>;
  const r = await runToEnd(stepper, done);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

beforeAll(async () => {
  printer = await startPrinterSimulator();
  const first = await startTill();
  await setUpTerminal(first, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
  });
  await technician(first, () => ok(first, 'setup:saveHost', HOST_SETTINGS));
  await ok(first, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await signOff(first);
  await signInCashier(first, { float: false });
  const products = stockCatalogue(first);
  await first.close();
  seedHistory(join(tmp.dir, 'pos.sqlite'), {
    transactions: HISTORY,
    perDay: PER_DAY,
    endAt: START,
    openDay: true,
    orders: true,
  });

  const recorder = recordStatements();
  try {
    // Start-up (recovery of the print queue, reversals, QR payments) and sign-in.
    core = await startTill();
    await ok(core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    // The drawer: the opening float and a paid-out the supervisor approves (issue 15).
    await ok(core, 'cash:status');
    await ok(core, 'cash:setFloat', { amountFen: 20_000 });
    await ok(core, 'cash:move', {
      kind: 'out',
      amountFen: 1_000,
      reason: '付供应商',
      supervisor: { operatorNo: '00', password: '246810' },
    });
    // Cash: the sale, its receipt printed over TCP, the queue listed, a reprint.
    const sale = await ok<{ transaction: { id: number }; printJobs: Array<{ id: number }> }>(
      core,
      'sale:cash',
      { items: [{ name: '矿泉水', quantity: 2, unitPriceFen: 350 }], tenderedFen: 1000 },
    );
    await core.internals.print.drain();
    await ok(core, 'print:jobs');
    await ok(core, 'print:preview', { jobId: sale.printJobs[0]!.id });
    await ok(core, 'print:reprint', { txId: sale.transaction.id });
    await ok(core, 'print:reprint', {});
    // The printer away: the job waits, then the cashier retries.
    await printer.close();
    await ok(core, 'sale:cash', { items: [], amountFen: 500, tenderedFen: 500 });
    await core.internals.print.drain();
    printer = await startPrinterSimulator({ port: printer.port });
    await ok(core, 'print:retry');
    // Cards: an approval, and a sale the host never answers (reversed via the outbox).
    const approved = await cardSale(core, 1_234, 'approve');
    if (!approved.ok || approved.value.outcome !== 'approved')
      throw new Error(JSON.stringify(approved));
    const reversed = await cardSale(core, 2_000, 'no-reply');
    if (!reversed.ok || reversed.value.outcome !== 'reversal')
      throw new Error(JSON.stringify(reversed));
    // QR codes: paid at once; never paid and cancelled through the outbox.
    expect((await qrPay(wechat(0))).outcome).toBe('approved');
    await qrPay(wechat(6));
    await core.internals.outbox.deliverDue();
    await core.internals.print.drain();
    // Printed jobs past keepPrintedDays removed (it runs hourly after printing).
    await core.internals.print.pruneOld();
    // The basket (issue 14): scan, scan again, a picked product, quantity,
    // discounts, hold, serve the next customer, recall, pay by cash.
    await ok(core, 'order:scan', { code: PRODUCTS.cola.barcode });
    await ok(core, 'order:scan', { code: PRODUCTS.cola.code });
    let order = await ok<OrderView>(core, 'order:addProduct', { productId: products.chips });
    const [cola, chips] = order.lines;
    await ok(core, 'order:setQuantity', { lineId: chips!.id, quantity: 3 });
    await ok(core, 'order:setLineDiscount', {
      lineId: cola!.id,
      discount: { kind: 'percent', value: 500 },
    });
    await ok(core, 'order:setOrderDiscount', { discount: { kind: 'amount', value: 10 } });
    await ok(core, 'order:hold');
    await ok(core, 'order:listHeld');
    await ok(core, 'order:scan', { code: PRODUCTS.water.barcode });
    const recalled = await ok<{ order: OrderView }>(core, 'order:recall', { orderId: order.id });
    order = recalled.order;
    await ok(core, 'order:payCash', { orderId: order.id, tenderedFen: 10_000 });
    await ok(core, 'order:current');
    await core.internals.print.drain();
    // split tender: a QR part of an order, then the order abandoned and its payment given back
    const parted = await ok<{ id: number }>(core, 'order:addOpenLine', { amountFen: 3_000 });
    const part = await runToEnd(
      stepper,
      core.dispatch('order:payQr', { orderId: parted.id, code: wechat(0), amountFen: 1_000 }),
    );
    if (!part.ok) throw new Error(JSON.stringify(part.error));
    await ok(core, 'order:undoState', { orderId: parted.id });
    await ok(core, 'order:abandon', { orderId: parted.id, supervisor: SUPERVISOR });
    await runToEnd(stepper, core.dispatch('order:undoNext', { orderId: parted.id }));
    // The blind count (it prints the shift report), the shift summary and sign-off.
    await ok(core, 'cash:count', { by: 'total', countedFen: 50_000 });
    await ok(core, 'cash:status');
    await ok(core, 'auth:shift');
    await signOff(core);
    // Sales reports (issue 14): today, the month, a shift, a CSV export.
    await ok(core, 'auth:signIn', SUPERVISOR);
    await ok(core, 'reports:sales', { kind: 'day' });
    await ok(core, 'reports:sales', { kind: 'range', from: '2026-10-26', to: '2026-11-24' });
    await ok(core, 'reports:sales', { kind: 'shift', operatorNo: '01' });
    await ok(core, 'reports:exportSalesCsv', { report: { kind: 'day' }, view: 'products' });
  } finally {
    ran = recorder.stop();
  }
}, 120_000);

afterAll(async () => {
  await core?.close();
  await printer?.close();
  tmp.remove();
});

describe('query plans on a till with history (flat cost)', () => {
  it('runs no statement whose reads grow with the history', () => {
    const db = core.internals.db;
    const verdicts = ran
      .map((s) => judgeStatement(db, s, RULES))
      .filter((v): v is PlanVerdict => v !== null);
    // The paths ran: sales, cards, QR, the print queue and the outbox all touched the database.
    const touched = (t: string) => verdicts.some((v) => new RegExp(`\\b${t}\\b`).test(v.sql));
    for (const table of [
      'transactions',
      'print_jobs',
      'outbox',
      'qr_payments',
      'audit_log',
      'orders',
      'order_lines',
    ])
      expect(touched(table), table).toBe(true);
    expect(verdicts.length).toBeGreaterThan(40);

    const bad = verdicts.filter((v) => v.problems.length > 0);
    expect(
      bad.map((v) => `${v.sql}\n    ${v.problems.join('\n    ')}`),
      'statements whose plan reads more as the history grows',
    ).toEqual([]);
  });

  it('runs no statement SQLite must prepare again on every run', () => {
    const db = core.internals.db;
    const again = ran.filter((s) => preparesEveryRun(db, s)).map((s) => s.sql.replace(/\s+/g, ' '));
    expect(again, 'statements re-prepared on every run (write +? for the bare ?)').toEqual([]);
    // …and it would see one: a bare ? that constant propagation compares across the join.
    expect(
      preparesEveryRun(db, {
        sql: 'SELECT j.id, t.trace_no FROM print_jobs j LEFT JOIN transactions t ON t.id = j.tx_id WHERE j.id = ?',
        args: [1],
      }),
    ).toBe(true);
  });

  it('would catch the print queue scan of issue 17 and a useless index', () => {
    const db = core.internals.db;
    const old = judgeStatement(
      db,
      {
        sql: "SELECT j.id FROM print_jobs j WHERE j.state IN ('queued', 'waiting') ORDER BY j.id LIMIT 1",
        args: [],
      },
      RULES,
    );
    expect(old?.problems.join()).toMatch(/SCAN j: reads every row/);
    const wide = judgeStatement(
      db,
      {
        sql: 'SELECT id FROM transactions WHERE state = ? ORDER BY created_at',
        args: ['approved'],
      },
      RULES,
    );
    expect(wide?.problems.join()).toMatch(/one key matches up to \d+ rows/);
    const sorted = judgeStatement(
      db,
      { sql: 'SELECT id FROM audit_log WHERE at > ? ORDER BY action', args: [0] },
      RULES,
    );
    expect(sorted?.problems.join()).toMatch(/TEMP B-TREE FOR ORDER BY: sorts what/);
  });
});
