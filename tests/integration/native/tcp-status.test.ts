import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../native/printer/escpos-encoder';
import { createTcpPrinter, PrinterError } from '../../../native/printer/printer';
import { type PrinterSimulator, startPrinterSimulator } from '../../../native/printer/simulator';
import type { SimulatedPrinterState } from '../../../native/printer/status';
import { queryStatusTcp } from '../../../native/printer/transport-tcp';
import { closedPort, startServer } from '../printer/helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulator(state?: SimulatedPrinterState): Promise<PrinterSimulator> {
  const sim = await startPrinterSimulator(state ? { state } : {});
  cleanups.push(() => sim.close());
  return sim;
}

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof PrinterError ? e.code : `not a PrinterError: ${String(e)}`),
  );

describe('printer status over TCP 9100, against the simulator', () => {
  it('a ready printer; a status query is not a print job', async () => {
    const sim = await simulator();
    const printer = createTcpPrinter({ host: sim.host, port: sim.port });
    const status = await printer.queryStatus();
    expect(status).toMatchObject({
      online: true,
      coverOpen: false,
      paperNearEnd: false,
      paperOut: false,
      error: false,
    });
    await expect.poll(() => sim.statusQueries()).toBe(1);
    expect(sim.jobs()).toEqual([]);
  });

  it('answers from the state it was started with and from each change', async () => {
    const sim = await simulator({ coverOpen: true });
    const printer = createTcpPrinter({ host: sim.host, port: sim.port });
    expect(await printer.queryStatus()).toMatchObject({ online: false, coverOpen: true });

    const cases: [SimulatedPrinterState, Record<string, boolean>][] = [
      [{ paperNearEnd: true }, { online: true, paperNearEnd: true, paperOut: false }],
      [{ paperOut: true }, { online: false, paperOut: true }],
      [{ offline: true }, { online: false, coverOpen: false, paperOut: false, error: false }],
      [{ error: 'unrecoverable' }, { online: false, error: true, unrecoverableError: true }],
      [{ drawerPin3High: true }, { online: true, drawerOpen: true }],
      [{}, { online: true, drawerOpen: false, error: false }],
    ];
    for (const [state, expected] of cases) {
      sim.setState(state);
      expect(sim.state()).toEqual(state);
      expect(await printer.queryStatus()).toMatchObject(expected);
    }
  });

  it('jobs and status queries share the one connection at a time, and jobs stay clean', async () => {
    const sim = await simulator({ paperNearEnd: true });
    const printer = createTcpPrinter({ host: sim.host, port: sim.port });
    const job = encodeDocument(
      { cut: true, lines: [{ kind: 'text', text: '余额不足 LOW PAPER' }] },
      { paperWidth: 58 },
    );
    const [, status] = await Promise.all([printer.print(job), printer.queryStatus()]);
    expect(status.paperNearEnd).toBe(true);
    const jobs = await sim.waitForJobs(1);
    expect(jobs).toEqual([job]);
    expect(decodeEscPos(jobs[0]!).lines[0]?.text).toBe('余额不足 LOW PAPER');
  });

  it('answers a query inside a job and keeps it out of the job', async () => {
    const sim = await simulator({ coverOpen: true });
    const socket = new Socket();
    const answers: number[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(...chunk));
    await new Promise<void>((resolve) => socket.connect(sim.port, sim.host, resolve));
    socket.write(Buffer.from('AB'));
    socket.write(Buffer.from([0x10]));
    socket.write(Buffer.from([0x04, 0x02, 0x43, 0x0a]));
    socket.end();
    const [job] = await sim.waitForJobs(1);
    expect(job?.toString('latin1')).toBe('ABC\n');
    expect(answers).toEqual([0x16]); // offline cause: cover open
  });
});

describe('queryStatusTcp failures', () => {
  it('nothing listening: PRINTER_UNREACHABLE', async () => {
    const port = await closedPort();
    expect(await codeOf(queryStatusTcp({ host: '127.0.0.1', port }))).toBe('PRINTER_UNREACHABLE');
  });

  it('a peer that never answers: PRINTER_TIMEOUT', async () => {
    const server = await startServer(() => {});
    cleanups.push(() => server.close());
    const result = queryStatusTcp(
      { host: '127.0.0.1', port: server.port },
      { statusTimeoutMs: 100 },
    );
    expect(await codeOf(result)).toBe('PRINTER_TIMEOUT');
  });

  it('a peer that hangs up first: PRINTER_DISCONNECTED', async () => {
    const server = await startServer((socket) => socket.destroy());
    cleanups.push(() => server.close());
    expect(await codeOf(queryStatusTcp({ host: '127.0.0.1', port: server.port }))).toBe(
      'PRINTER_DISCONNECTED',
    );
  });
});
