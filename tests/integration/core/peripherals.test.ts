import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PeripheralSettings } from '../../../preload/contract';
import { startPrinterSimulator } from '../../../native/printer/simulator';
import {
  SETUP,
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  signOff,
} from '../../support/core';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function technician() {
  const printer = await startPrinterSimulator();
  const tmp = tempDir();
  const { core } = await startCore(tmp.dir);
  cleanup.push(
    () => tmp.remove(),
    () => printer.close(),
    () => core.close(),
  );
  await setUpTerminal(core, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
  });
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  return { core, printer };
}

const ESC_P = (pin: number) => Buffer.from([0x1b, 0x70, pin]);
const CUT = Buffer.from([0x1d, 0x56]);

describe('peripheral settings (外设设置)', () => {
  it('drawer pin, pulse, code page and cutter reach the bytes the printer gets; audited', async () => {
    const { core, printer } = await technician();
    const now = await ok<PeripheralSettings>(core, 'peripherals:get');
    expect(now.peripherals).toMatchObject({ codePage: 'gb18030', cut: true, drawer: { pin: 2 } });
    await ok(core, 'peripherals:save', {
      ...now,
      peripherals: {
        ...now.peripherals,
        cut: false,
        drawer: { pin: 5, onMs: 100, offMs: 200 },
      },
    });
    await signOff(core);
    await signInCashier(core);
    await ok(core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });
    const [receipt] = await printer.waitForJobs(1);
    // ESC p m t1 t2 with m = 1 (pin 5), t1 = 100/2, t2 = 200/2.
    expect(receipt!.includes(Buffer.concat([ESC_P(1), Buffer.from([50, 100])]))).toBe(true);
    expect(receipt!.includes(CUT)).toBe(false);
    const changes = (
      core.internals.db
        .prepare(
          "SELECT detail FROM audit_log WHERE action = 'parameters.changed' ORDER BY id DESC",
        )
        .get() as { detail: string }
    ).detail;
    expect(JSON.parse(changes).changes).toEqual(
      expect.arrayContaining([
        { field: 'peripherals.cut', from: true, to: false },
        { field: 'peripherals.drawer.pin', from: 2, to: 5 },
      ]),
    );
  });

  it('takes a serial or USB printer and device ports; bad values are named per field', async () => {
    const { core } = await technician();
    const now = await ok<PeripheralSettings>(core, 'peripherals:get');
    const serial = {
      ...now,
      printer: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 },
      peripherals: {
        ...now.peripherals,
        scanner: { kind: 'serial', path: 'COM3', baudRate: 9600 },
        display: { kind: 'serial', path: '/dev/ttyS1', baudRate: 9600 },
      },
    };
    expect(await ok(core, 'peripherals:save', serial)).toMatchObject({
      printer: { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200 },
    });
    expect(
      await ok(core, 'peripherals:save', {
        ...now,
        printer: { kind: 'usb', vendorId: 0x0416, productId: 0x5011 },
      }),
    ).toMatchObject({ printer: { kind: 'usb', vendorId: 0x0416 } });
    expect(
      await err(core, 'peripherals:save', {
        ...now,
        copies: 4,
        printer: { kind: 'serial', path: 'C:\\evil', baudRate: 1234 },
        peripherals: { ...now.peripherals, drawer: { pin: 3, onMs: 1000, offMs: 500 } },
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      fields: expect.arrayContaining([
        { field: 'printer.path', rule: 'serialPath' },
        { field: 'printer.baudRate', rule: 'baudRate' },
        { field: 'copies', rule: 'copies' },
        { field: 'peripherals.drawer.pin', rule: 'drawerPin' },
        { field: 'peripherals.drawer.onMs', rule: 'pulseMs' },
      ]),
    });
    // Nothing of the refused save was kept.
    expect(await ok(core, 'peripherals:get')).toMatchObject({ copies: now.copies });
  });

  it('the customer display shows the amount due, then what was paid and the change', async () => {
    const { core } = await technician();
    await signOff(core);
    await signInCashier(core);
    await ok(core, 'sale:showDue', { amountFen: 1_234 });
    const due = await ok<{ lines: [string, string] }>(core, 'diagnostics:display');
    expect(due.lines[0]).toMatch(/12\.34\s*$/);
    await ok(core, 'sale:cash', { amountFen: 1_234, tenderedFen: 2_000 });
    // Shown just after the sale's answer (the cashier's screen first).
    await vi.waitFor(async () => {
      const paid = await ok<{ lines: [string, string] }>(core, 'diagnostics:display');
      expect(paid.lines.join('|')).toMatch(/20\.00/);
      expect(paid.lines.join('|')).toMatch(/7\.66/);
    });
  });

  it('prints the shop logo (GS v 0) at the top of receipts, not of other slips; a damaged logo is refused', async () => {
    const { core, printer } = await technician();
    const now = await ok<PeripheralSettings>(core, 'peripherals:get');
    // 16 × 2 dots, all black: 2 bytes a row → 4 bytes → 8 base64 characters.
    const logo = { width: 16, height: 2, packed: Buffer.alloc(4, 0xff).toString('base64') };
    await ok(core, 'peripherals:save', { ...now, peripherals: { ...now.peripherals, logo } });
    expect(
      await err(core, 'peripherals:save', {
        ...now,
        peripherals: { ...now.peripherals, logo: { ...logo, height: 3 } },
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', fields: [{ rule: 'logo' }] });
    await ok(core, 'diagnostics:run', { check: 'testPrint' });
    await signOff(core);
    await signInCashier(core);
    await ok(core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });
    const [test, receipt] = await printer.waitForJobs(2);
    // GS v 0 m xL xH yL yH: 2 bytes wide, 2 rows.
    const raster = Buffer.from([0x1d, 0x76, 0x30, 0x00, 2, 0, 2, 0, 0xff, 0xff, 0xff, 0xff]);
    expect(receipt!.includes(raster)).toBe(true);
    expect(test!.includes(Buffer.from([0x1d, 0x76, 0x30]))).toBe(false);
  });

  it('lists serial ports and USB printers, saying which list it could not read', async () => {
    const { core } = await technician();
    const found = await ok<{ serialPorts: unknown[]; usbPrinters: unknown[]; problems: string[] }>(
      core,
      'peripherals:discover',
    );
    expect(Array.isArray(found.serialPorts)).toBe(true);
    expect(Array.isArray(found.usbPrinters)).toBe(true);
    // In a container without a USB bus the USB list fails on its own, with a reason.
    for (const p of found.problems) expect(p).toMatch(/^(serial|usb): ./);
    await signOff(core);
    await signInCashier(core);
    expect((await err(core, 'peripherals:discover')).code).toBe('FORBIDDEN');
  });
});
