import type { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatePrinterOn } from '../../../native/printer/device-emulator';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../native/printer/escpos-encoder';
import { PrinterError } from '../../../native/printer/errors';
import { bitmapFromRows } from '../../../native/printer/raster';
import type { SimulatedPrinterState } from '../../../native/printer/status';
import { createSerialPrinter } from '../../../native/printer/transport-serial';
import { closeSerialPort, openSerialPort } from '../../../native/serial/open-port';
import { openPtyPair, type PtyPair } from './pty-pair';

// The driver opens one end of a pseudo-terminal pair with the real serialport code; the test
// plays the printer on the other end, also through serialport.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function wire(): Promise<{ pair: PtyPair; far: SerialPort }> {
  const pair = await openPtyPair();
  cleanups.push(() => pair.close());
  const far = await openSerialPort({ path: pair.b, baudRate: 115200 });
  cleanups.push(() => closeSerialPort(far));
  return { pair, far };
}

const receipt = (copy: string) =>
  encodeDocument(
    {
      openDrawer: true,
      cut: true,
      lines: [
        { kind: 'text', text: '培训商户', align: 'center', size: 'double', bold: true },
        { kind: 'text', text: copy, align: 'center' },
        { kind: 'rule', char: '=' },
        { kind: 'pair', left: '卡号 CARD NO.', right: '622202******1234' },
        { kind: 'pair', left: '金额 AMOUNT', right: '¥1,234.56', bold: true },
      ],
    },
    { paperWidth: 58, logo: bitmapFromRows(['.##.', '#..#', '.##.']) },
  );

const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof PrinterError ? e.code : `not a PrinterError: ${String(e)}`),
  );

/** Resolves once the far side has `bytes` bytes of print data. */
function waitForData(link: { data(): Buffer }, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const data = link.data();
      if (data.length >= bytes) resolve(data);
      else if (Date.now() - started > 5_000) reject(new Error(`got ${data.length} of ${bytes}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('serial printer over a pseudo-terminal', () => {
  it('prints receipts the far side decodes, confirming each with DLE EOT 1', async () => {
    const { pair, far } = await wire();
    const link = emulatePrinterOn(far, { state: () => ({}) });
    const printer = createSerialPrinter({ path: pair.a, baudRate: 115200 });
    expect(printer.target).toBe('serial');
    expect(printer.address).toBe(`serial:${pair.a}`);

    const jobs = [receipt('商户存根 MERCHANT COPY'), receipt('持卡人存根 CARDHOLDER COPY')];
    await Promise.all(jobs.map((job) => printer.print(job)));

    const data = await waitForData(link, jobs[0]!.length + jobs[1]!.length);
    // The status queries were answered, not printed.
    expect(data).toEqual(Buffer.concat(jobs));
    expect(link.queries()).toBe(2);
    const decoded = decodeEscPos(data);
    expect(decoded.unknownCommands).toBe(0);
    expect(decoded.cuts).toBe(2);
    expect(decoded.drawerKicks).toBe(2);
    const texts = decoded.lines.map((l) => l.text);
    expect(texts).toContain('商户存根 MERCHANT COPY');
    expect(texts).toContain('持卡人存根 CARDHOLDER COPY');
    expect(texts.filter((t) => t === '培训商户')).toHaveLength(2);
    // 金额 and ¥ take two cells each: 11 + 11 spaces + 10 = 32 columns.
    expect(texts).toContain(`金额 AMOUNT${' '.repeat(11)}¥1,234.56`);
  });

  it('reads status answered by a hand-written fake on the far side', async () => {
    const { pair, far } = await wire();
    // Cover open and paper near end, as a real printer reports them (bits per DLE EOT n).
    const answers: Record<number, number> = { 1: 0x1a, 2: 0x16, 3: 0x12, 4: 0x1e };
    const asked: number[] = [];
    far.on('data', (chunk: Buffer) => {
      for (let i = 0; i + 2 < chunk.length + 1; i++) {
        if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) {
          const n = chunk[i + 2] as number;
          asked.push(n);
          // Noise before the answer (an XOFF) must not be taken for it.
          far.write(Buffer.from([0x13, answers[n] as number]));
        }
      }
    });
    const printer = createSerialPrinter({ path: pair.a, baudRate: 115200 });
    const status = await printer.queryStatus();
    expect(asked).toEqual([1, 2, 3, 4]);
    expect(status).toMatchObject({
      online: false,
      coverOpen: true,
      paperNearEnd: true,
      paperOut: false,
      drawerOpen: false,
      error: false,
    });
    expect(status.raw).toEqual({
      printer: 0x1a,
      offlineCause: 0x16,
      errorCause: 0x12,
      paperSensor: 0x1e,
    });
  });

  it('follows the emulated printer through paper out, an error and back', async () => {
    const { pair, far } = await wire();
    let state: SimulatedPrinterState = { paperOut: true };
    emulatePrinterOn(far, { state: () => state });
    const printer = createSerialPrinter({ path: pair.a, baudRate: 115200 });
    expect(await printer.queryStatus()).toMatchObject({ paperOut: true, online: false });
    state = { error: 'autocutter' };
    expect(await printer.queryStatus()).toMatchObject({ autocutterError: true, error: true });
    state = { drawerPin3High: true };
    expect(await printer.queryStatus()).toMatchObject({
      online: true,
      error: false,
      drawerOpen: true,
    });
  });

  it('a printer that never answers: the job and the status query time out', async () => {
    const { pair, far } = await wire();
    const swallowed: Buffer[] = [];
    far.on('data', (chunk: Buffer) => swallowed.push(chunk));
    const printer = createSerialPrinter({ path: pair.a, baudRate: 115200, statusTimeoutMs: 200 });
    expect(await codeOf(printer.print(receipt('X')))).toBe('PRINTER_TIMEOUT');
    expect(await codeOf(printer.queryStatus())).toBe('PRINTER_TIMEOUT');
    // Without confirmation, bytes written are a printed job.
    const trusting = createSerialPrinter({ path: pair.a, confirmWithStatus: false });
    await expect(trusting.print(Buffer.from('OK\n'))).resolves.toBeUndefined();
  });

  it('a port that does not exist is PRINTER_UNREACHABLE', async () => {
    const printer = createSerialPrinter({ path: '/dev/pts/does-not-exist' });
    expect(await codeOf(printer.print(Buffer.from('x')))).toBe('PRINTER_UNREACHABLE');
    expect(await codeOf(printer.queryStatus())).toBe('PRINTER_UNREACHABLE');
  });
});
