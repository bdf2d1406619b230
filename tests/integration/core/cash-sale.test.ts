import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView, PrintJob, TransactionView } from '../../../preload/contract';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { startPrinterSimulator, type PrinterSimulator } from '../../../native/printer/simulator';
import type { PosCore } from '../../../main/core/pos-core';
import {
  SETUP,
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
} from '../../support/core';

type SaleResult = { transaction: TransactionView; printJobs: PrintJob[] };

let core: PosCore | null = null;
let printer: PrinterSimulator | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  await printer?.close();
  tmp?.remove();
  core = null;
  printer = null;
});

async function tillWithTcpPrinter() {
  tmp = tempDir();
  printer = await startPrinterSimulator();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
  });
  await signInCashier(core);
  return core;
}

function count(core: PosCore, table: string): number {
  return core.internals.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('cash sale', () => {
  it('stores the sale with operator, batch, trace and state, and prints a GB18030 receipt', async () => {
    const core = await tillWithTcpPrinter();
    const r = await ok<SaleResult>(core, 'sale:cash', { amountFen: 1234, tenderedFen: 2000 });
    expect(r.transaction).toMatchObject({
      type: 'sale',
      tender: 'cash',
      state: 'approved',
      amountFen: 1234,
      tenderedFen: 2000,
      changeFen: 766,
      operatorNo: '01',
      batchNo: '000001',
      traceNo: '000002', // 000001 went to the cashier's host sign-in (+1 per message)
      training: true,
    });

    const row = core.internals.db
      .prepare('SELECT * FROM transactions WHERE id = ?')
      .get(r.transaction.id);
    expect(row).toMatchObject({
      state: 'approved',
      amount_fen: 1234,
      change_fen: 766,
      operator_no: '01',
      batch_no: '000001',
      trace_no: '000002',
    });
    const outbox = core.internals.db.prepare('SELECT kind, dedupe_key, state FROM outbox').all();
    expect(outbox).toEqual([
      { kind: 'cash-sale', dedupe_key: 'cash-sale:000001:000002', state: 'pending' },
    ]);

    const [job] = await printer!.waitForJobs(1);
    const text = iconv.decode(job!, 'gb18030');
    for (const expected of [
      '测试便利店',
      SETUP.terminalNumber,
      SETUP.merchantNumber,
      '培训',
      'TRAINING',
      '12.34',
      '20.00',
      '7.66',
      '000002',
    ]) {
      expect(text).toContain(expected);
    }
    const decoded = decodeEscPos(job!);
    expect(decoded.lines.find((l) => l.text.startsWith('操作员号'))?.text).toMatch(/01$/);
    expect(decoded.lines.find((l) => l.text.startsWith('应付 TOTAL'))?.text).toMatch(/RMB 12\.34$/);
    expect(decoded.lines.find((l) => l.text.startsWith('找零 CHANGE'))?.text).toMatch(/RMB 7\.66$/);
    // The keypad amount became an order (单号, printed and as a Code 128 bar code).
    const order = await ok<OrderView>(core, 'order:get', { orderId: r.transaction.orderId });
    expect(order).toMatchObject({ state: 'paid', totals: { totalFen: 1234 }, dueFen: 0 });
    expect(order.lines).toMatchObject([{ kind: 'open', name: '数额', netFen: 1234 }]);
    expect(decoded.lines.find((l) => l.barcode)?.barcode).toEqual({
      symbology: 'code128',
      data: order.number,
    });
    expect(decoded.drawerKicks).toBe(1);
    expect(decoded.cuts).toBe(1);

    await core.internals.print.drain();
    const jobs = (await ok<{ jobs: PrintJob[] }>(core, 'print:jobs')).jobs;
    expect(jobs.map((j) => [j.state, j.traceNo])).toEqual([['done', '000002']]);
  });

  it('prices item lines with quantities and prints each line', async () => {
    const core = await tillWithTcpPrinter();
    const r = await ok<SaleResult>(core, 'sale:cash', {
      items: [
        { name: '矿泉水', quantity: 2, unitPriceFen: 350 },
        { name: '面包', quantity: 1, unitPriceFen: 534 },
      ],
      tenderedFen: 2000,
    });
    expect(r.transaction.amountFen).toBe(1234);
    // The lines are the order's; the payment points at it.
    const order = await ok<OrderView>(core, 'order:get', { orderId: r.transaction.orderId });
    expect(order.lines.map((l) => [l.name, l.quantity, l.unitPriceFen, l.netFen])).toEqual([
      ['矿泉水', 2, 350, 700],
      ['面包', 1, 534, 534],
    ]);
    const [job] = await printer!.waitForJobs(1);
    const lines = decodeEscPos(job!).lines.map((l) => l.text);
    expect(lines).toContain('矿泉水');
    expect(lines.some((l) => /^ {2}2 x 3\.50 +7\.00$/.test(l))).toBe(true);
  });

  it('numbers sales with consecutive trace numbers in one batch', async () => {
    const core = await tillWithTcpPrinter();
    const traces: string[] = [];
    for (let i = 0; i < 3; i++)
      traces.push(
        (await ok<SaleResult>(core, 'sale:cash', { amountFen: 100 + i, tenderedFen: 1000 }))
          .transaction.traceNo,
      );
    expect(traces).toEqual(['000002', '000003', '000004']);
    await printer!.waitForJobs(3);
  });

  it('refuses short cash and bad amounts, writing nothing', async () => {
    const core = await tillWithTcpPrinter();
    expect(await err(core, 'sale:cash', { amountFen: 1234, tenderedFen: 1000 })).toEqual({
      code: 'TENDER_TOO_LOW',
      params: { amountFen: 1234, tenderedFen: 1000 },
    });
    expect((await err(core, 'sale:cash', { amountFen: 0, tenderedFen: 1000 })).fields).toEqual([
      { field: 'amountFen', rule: 'amountRange' },
    ]);
    expect((await err(core, 'sale:cash', { amountFen: 12.34, tenderedFen: 2000 })).fields).toEqual([
      { field: 'amountFen', rule: 'amountRange' },
    ]);
    expect((await err(core, 'sale:cash', { tenderedFen: 2000 })).fields).toEqual([
      { field: 'amountFen', rule: 'amountRange' },
    ]);
    expect(
      (
        await err(core, 'sale:cash', {
          items: [{ name: '', quantity: 0, unitPriceFen: 1 }],
          tenderedFen: 5,
        })
      ).fields,
    ).toEqual([
      { field: 'items.0.name', rule: 'itemName' },
      { field: 'items.0.quantity', rule: 'quantity' },
    ]);
    expect(count(core, 'transactions')).toBe(0);
    expect(count(core, 'outbox')).toBe(0);
    expect(count(core, 'print_jobs')).toBe(0);
    // and the refused attempts used no trace number
    expect(
      (await ok<SaleResult>(core, 'sale:cash', { amountFen: 1, tenderedFen: 1 })).transaction
        .traceNo,
    ).toBe('000002');
  });
});

describe('print queue when the printer is down', () => {
  it('keeps the sale, holds the job as waiting, and prints it exactly once when the printer is back', async () => {
    const core = await tillWithTcpPrinter();
    const port = printer!.port;
    await printer!.close();
    printer = null;

    const events: PrintJob[] = [];
    core.onEvent((name, payload) => {
      if (name === 'print:jobChanged') events.push(payload as PrintJob);
    });
    const r = await ok<SaleResult>(core, 'sale:cash', { amountFen: 1234, tenderedFen: 2000 });
    expect(r.transaction.state).toBe('approved');
    await core.internals.print.drain();
    const waiting = (await ok<{ jobs: PrintJob[] }>(core, 'print:jobs')).jobs[0];
    expect(waiting).toMatchObject({
      state: 'waiting',
      attempts: 1,
      lastError: { code: 'PRINTER_UNREACHABLE', params: { address: `127.0.0.1:${port}` } },
    });
    expect(events.map((e) => e.state)).toEqual(['printing', 'waiting']);

    // a second sale while the printer is still off also waits, in order
    await ok(core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });
    await core.internals.print.drain();
    expect((await ok<{ jobs: PrintJob[] }>(core, 'print:jobs')).jobs.map((j) => j.state)).toEqual([
      'waiting',
      'queued',
    ]);

    printer = await startPrinterSimulator({ port });
    const [afterRetry, second] = await Promise.all([
      ok<{ jobs: PrintJob[] }>(core, 'print:retry'),
      ok<{ jobs: PrintJob[] }>(core, 'print:retry'),
    ]);
    expect(afterRetry.jobs).toEqual([]);
    expect(second.jobs).toEqual([]);
    const jobs = await printer.waitForJobs(2);
    expect(jobs).toHaveLength(2);
    expect(iconv.decode(jobs[0]!, 'gb18030')).toContain('12.34');
    expect(iconv.decode(jobs[1]!, 'gb18030')).toContain('5.00');
    await core.internals.print.drain();
    expect(printer.jobs()).toHaveLength(2); // nothing printed twice
  });

  it('retries a job left printing by a crash after the restart', async () => {
    const core0 = await tillWithTcpPrinter();
    await printer!.close();
    const port = printer!.port;
    printer = null;
    await ok(core0, 'sale:cash', { amountFen: 1234, tenderedFen: 2000 });
    await core0.internals.print.drain();
    // simulate a crash mid-print: the row still says 'printing'
    core0.internals.db.prepare("UPDATE print_jobs SET state = 'printing'").run();
    await core0.close();

    printer = await startPrinterSimulator({ port });
    core = (await startCore(tmp!.dir)).core;
    await core.internals.print.drain();
    expect(await printer.waitForJobs(1)).toHaveLength(1);
  });

  it('reprints the last receipt marked 重打印 / DUPLICATE', async () => {
    const core = await tillWithTcpPrinter();
    await ok(core, 'sale:cash', { amountFen: 1234, tenderedFen: 2000 });
    await printer!.waitForJobs(1);
    const r = await ok<{ jobs: PrintJob[] }>(core, 'print:reprint', {});
    expect(r.jobs[0]?.kind).toBe('reprint');
    const jobs = await printer!.waitForJobs(2);
    const reprint = iconv.decode(jobs[1]!, 'gb18030');
    expect(reprint).toContain('重打印');
    expect(reprint).toContain('DUPLICATE');
    expect(decodeEscPos(jobs[1]!).drawerKicks).toBe(0); // a reprint doesn't open the drawer
    expect(iconv.decode(jobs[0]!, 'gb18030')).not.toContain('DUPLICATE');
  });

  it('shows the virtual printer output decoded from the stored bytes', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core, { ...SETUP, paperWidth: 58 });
    await signInCashier(core);
    const r = await ok<SaleResult>(core, 'sale:cash', { amountFen: 1234, tenderedFen: 2000 });
    await core.internals.print.drain();
    const jobId = r.printJobs[0]!.id;
    const preview = await ok<{ paperWidth: number; lines: Array<{ text: string }> }>(
      core,
      'print:preview',
      { jobId },
    );
    expect(preview.paperWidth).toBe(58);
    expect(preview.lines.map((l) => l.text)).toContain('*** 培训 TRAINING ***');
    expect((await ok<{ jobs: PrintJob[] }>(core, 'print:jobs')).jobs[0]).toMatchObject({
      state: 'done',
      target: 'virtual',
    });
    expect(await err(core, 'print:preview', { jobId: 999 })).toEqual({
      code: 'PRINT_JOB_NOT_FOUND',
      params: { jobId: 999 },
    });
  });
});
