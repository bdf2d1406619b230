import { afterEach, describe, expect, it } from 'vitest';
import { encodeDocument } from '../../../native/printer/escpos-encoder';
import { createTcpPrinter } from '../../../native/printer/printer';
import { startPrinterSimulator } from '../../../native/printer/simulator';
import type { PrinterSimulator } from '../../../native/printer/simulator';
import { settle } from './helpers';

const job = (text: string) =>
  encodeDocument({ cut: true, lines: [{ kind: 'text', text }] }, { paperWidth: 58 });

const open: PrinterSimulator[] = [];
afterEach(async () => {
  for (const sim of open.splice(0)) await sim.close();
});

async function start(port = 0): Promise<PrinterSimulator> {
  const sim = await startPrinterSimulator({ port });
  open.push(sim);
  return sim;
}

describe('printer simulator', () => {
  it('listens on an ephemeral loopback port by default', async () => {
    const sim = await start();
    expect(sim.host).toBe('127.0.0.1');
    expect(sim.port).toBeGreaterThan(0);
    expect(sim.jobs()).toEqual([]);
  });

  it('gets exactly the jobs sent after it was switched off and on again on the same port', async () => {
    const first = await start();
    const port = first.port;
    const printer = createTcpPrinter({ host: '127.0.0.1', port, connectTimeoutMs: 2_000 });

    await printer.print(job('关机前 1'));
    await printer.print(job('关机前 2'));
    expect(await first.waitForJobs(2)).toHaveLength(2);
    await first.close();

    expect(await settle(printer.print(job('关机中')))).toMatchObject({
      code: 'PRINTER_UNREACHABLE',
    });

    const second = await start(port);
    expect(second.port).toBe(port);
    const after = [job('开机后 1'), job('开机后 2')];
    for (const bytes of after) await printer.print(bytes);
    const jobs = await second.waitForJobs(2);
    expect(jobs.map((b) => b.toString('hex'))).toEqual(after.map((b) => b.toString('hex')));
    expect(first.jobs()).toHaveLength(2);
  });

  it('resolves a waiter as soon as enough jobs arrive, and returns a copy', async () => {
    const sim = await start();
    const waiting = sim.waitForJobs(2);
    const printer = createTcpPrinter({ host: sim.host, port: sim.port });
    await printer.print(job('1'));
    await printer.print(job('2'));
    const jobs = await waiting;
    expect(jobs).toHaveLength(2);
    jobs.pop();
    expect(sim.jobs()).toHaveLength(2);
  });

  it('rejects a waiter on timeout and when closed', async () => {
    const sim = await start();
    await expect(sim.waitForJobs(1, 50)).rejects.toThrow(/expected 1 print jobs/);
    const pending = sim.waitForJobs(1);
    await sim.close();
    await expect(pending).rejects.toThrow(/closed/);
  });

  it('drops an open connection on close without counting it as a job', async () => {
    const sim = await start();
    const { connect } = await import('node:net');
    const socket = connect({ host: sim.host, port: sim.port });
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('half a receipt');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await sim.close();
    await closed;
    expect(sim.jobs()).toEqual([]);
  });
});
