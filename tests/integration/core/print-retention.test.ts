import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PrintJob, ReceiptPreview, TransactionView } from '../../../preload/contract';
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
const DAY = 86_400_000;

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

async function till() {
  tmp = tempDir();
  printer = await startPrinterSimulator();
  const started = await startCore(tmp.dir);
  core = started.core;
  await setUpTerminal(core, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
  });
  await signInCashier(core);
  return { core, clock: started.clock };
}

const sale = async (c: PosCore, amountFen: number) => {
  const r = await ok<SaleResult>(c, 'sale:cash', { amountFen, tenderedFen: amountFen });
  await c.internals.print.drain();
  return r;
};
const jobIds = (c: PosCore) =>
  (
    c.internals.db.prepare('SELECT id FROM print_jobs ORDER BY id').all() as Array<{ id: number }>
  ).map((r) => r.id);
const text = (p: ReceiptPreview) => p.lines.map((l) => l.text.trim()).filter(Boolean);

describe('printed receipts are not kept forever (keepPrintedDays, default 30)', () => {
  it('removes printed jobs past the parameter, keeps younger and unprinted ones; a reprint rebuilds the receipt', async () => {
    const { core, clock } = await till();
    const old = await sale(core, 1_234);
    const oldJob = old.printJobs[0]!.id;
    const original = await ok<ReceiptPreview>(core, 'print:preview', { jobId: oldJob });

    clock.advance(20 * DAY);
    const young = await sale(core, 2_000);
    // The printer is away: this job waits (and must never be removed, however old).
    await printer!.close();
    const waiting = await ok<SaleResult>(core, 'sale:cash', { amountFen: 300, tenderedFen: 300 });
    await core.internals.print.drain();
    expect(core.internals.print.view([waiting.printJobs[0]!.id])[0]!.state).toBe('waiting');

    clock.advance(11 * DAY); // the first sale's receipt is 31 days old, the second's 11
    expect(await core.internals.print.pruneOld()).toBe(1);
    expect(jobIds(core)).toEqual([young.printJobs[0]!.id, waiting.printJobs[0]!.id]);
    expect(await err(core, 'print:preview', { jobId: oldJob })).toMatchObject({
      code: 'PRINT_JOB_NOT_FOUND',
    });

    // The reprint is built from the transaction: the same receipt, marked as a duplicate.
    printer = await startPrinterSimulator({ port: printer!.port });
    const { jobs } = await ok<{ jobs: PrintJob[] }>(core, 'print:reprint', {
      txId: old.transaction.id,
    });
    const again = await ok<ReceiptPreview>(core, 'print:preview', { jobId: jobs[0]!.id });
    expect(text(again).filter((l) => !l.includes('重打印 DUPLICATE'))).toEqual(text(original));
    expect(text(again)).toContain('*** 重打印 DUPLICATE ***');
  });

  it('follows the parameter, and runs by itself once the queue has printed', async () => {
    const { core, clock } = await till();
    const settings = core.internals.settings;
    settings.save({
      ...settings.get(),
      receipt: { ...settings.get().receipt, keepPrintedDays: 7 },
    });
    const first = await sale(core, 1_234);
    clock.advance(8 * DAY);
    const second = await sale(core, 500); // printing it lets the hourly clean-up run
    await vi.waitFor(() => expect(jobIds(core)).toEqual([second.printJobs[0]!.id]));
    expect(first.printJobs[0]!.id).toBeLessThan(second.printJobs[0]!.id);
  });
});
