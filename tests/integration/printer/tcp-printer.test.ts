import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../native/printer/escpos-encoder';
import {
  PrinterError,
  createTcpPrinter,
  createVirtualPrinter,
} from '../../../native/printer/printer';
import { startPrinterSimulator } from '../../../native/printer/simulator';
import type { PrinterSimulator } from '../../../native/printer/simulator';
import { closedPort, settle, startServer } from './helpers';
import type { TestServer } from './helpers';

const run = promisify(execFile);

const receipt = (title: string) =>
  encodeDocument(
    {
      openDrawer: true,
      cut: true,
      lines: [
        { kind: 'text', text: title, align: 'center', size: 'double', bold: true },
        { kind: 'pair', left: '金额 AMOUNT', right: '¥88.00' },
      ],
    },
    { paperWidth: 80 },
  );

// Big enough to overflow loopback socket buffers on both ends, so a peer that never reads
// really does stall the writer.
const LARGE = Buffer.alloc(64 * 1024 * 1024, 0x41);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(port = 0): Promise<PrinterSimulator> {
  const sim = await startPrinterSimulator({ port });
  cleanups.push(() => sim.close());
  return sim;
}

async function server(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const s = await startServer(...args);
  cleanups.push(() => s.close());
  return s;
}

describe('TCP printer against the simulator', () => {
  it('delivers exactly the bytes sent, one job per print, in order', async () => {
    const sim = await simulator();
    const printer = createTcpPrinter({ host: sim.host, port: sim.port });
    expect(printer.target).toBe('tcp');
    expect(printer.address).toBe(`127.0.0.1:${sim.port}`);

    const sent = [receipt('商户存根'), receipt('持卡人存根'), receipt('重打印 DUPLICATE')];
    // Fired together: the printer must still send them one connection at a time, in order.
    await Promise.all(sent.map((bytes) => printer.print(bytes)));

    const jobs = await sim.waitForJobs(3);
    expect(jobs).toHaveLength(3);
    jobs.forEach((job, k) => expect(job.equals(sent[k] as Buffer)).toBe(true));
    expect(decodeEscPos(jobs[1] as Buffer).lines[0]?.text).toBe('持卡人存根');
    expect(sim.jobs()).toHaveLength(3);
  });

  it('sends the bytes as they were when print() was called', async () => {
    const sim = await simulator();
    const printer = createTcpPrinter({ host: sim.host, port: sim.port });
    const bytes = Buffer.from(receipt('A'));
    const original = Buffer.from(bytes);
    const done = printer.print(bytes);
    bytes.fill(0);
    await done;
    const [job] = await sim.waitForJobs(1);
    expect(job?.equals(original)).toBe(true);
  });

  it('reports a port with no listener as PRINTER_UNREACHABLE', async () => {
    const port = await closedPort();
    const printer = createTcpPrinter({ host: '127.0.0.1', port });
    const error = await settle(printer.print(receipt('X')));
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ code: 'PRINTER_UNREACHABLE', address: `127.0.0.1:${port}` });
  });

  it('reports an impossible port as PRINTER_UNREACHABLE instead of throwing', async () => {
    const printer = createTcpPrinter({ host: '127.0.0.1', port: 70_000 });
    expect(await settle(printer.print(receipt('X')))).toMatchObject({
      code: 'PRINTER_UNREACHABLE',
    });
  });

  it('reports a printer that accepts but never reads as PRINTER_TIMEOUT', async () => {
    const stalled = await server(() => {}, { pauseOnConnect: true });
    const printer = createTcpPrinter({
      host: '127.0.0.1',
      port: stalled.port,
      writeTimeoutMs: 300,
    });
    const error = await settle(printer.print(LARGE));
    expect(error).toBeInstanceOf(PrinterError);
    expect((error as PrinterError).code).toBe('PRINTER_TIMEOUT');
  });

  it('reports a small job the printer takes in but never closes as PRINTER_TIMEOUT', async () => {
    // The kernel accepts a small receipt even from a printer that is out of paper; only the
    // printer closing the connection proves it took the job.
    const silent = await server(() => {}, { allowHalfOpen: true });
    const printer = createTcpPrinter({ host: '127.0.0.1', port: silent.port, writeTimeoutMs: 300 });
    const error = await settle(printer.print(receipt('X')));
    expect((error as PrinterError).code).toBe('PRINTER_TIMEOUT');
  });

  it('never hangs when the printer drops the connection at once', async () => {
    const rude = await server((socket) => socket.destroy());
    const printer = createTcpPrinter({ host: '127.0.0.1', port: rude.port, writeTimeoutMs: 5_000 });
    for (const payload of [receipt('X'), LARGE]) {
      const outcome = await settle(printer.print(payload));
      if (outcome !== 'resolved') {
        expect(outcome).toBeInstanceOf(PrinterError);
        expect((outcome as PrinterError).code).toBe('PRINTER_DISCONNECTED');
      }
    }
    // A large job can't have been taken in whole by a peer that is gone.
    expect(await settle(printer.print(LARGE))).toMatchObject({ code: 'PRINTER_DISCONNECTED' });
  });

  it('keeps printing after a failed job', async () => {
    const sim = await simulator();
    const port = await closedPort();
    const dead = createTcpPrinter({ host: '127.0.0.1', port });
    const live = createTcpPrinter({ host: sim.host, port: sim.port });
    await expect(dead.print(receipt('X'))).rejects.toBeInstanceOf(PrinterError);
    await live.print(receipt('Y'));
    expect(await sim.waitForJobs(1)).toHaveLength(1);
  });

  it('leaves no timers behind after success, refusal and timeout', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/active-timers.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', fixture], {
      timeout: 20_000,
    });
    expect(JSON.parse(stdout)).toEqual({ timers: 0 });
  });
});

describe('virtual printer', () => {
  it('takes any job at once', async () => {
    const printer = createVirtualPrinter();
    expect(printer).toMatchObject({ target: 'virtual', address: 'virtual' });
    await expect(printer.print(receipt('A'))).resolves.toBeUndefined();
  });
});
