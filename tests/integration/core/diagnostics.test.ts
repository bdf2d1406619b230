import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticResult } from '../../../preload/contract';
import { startPrinterSimulator } from '../../../native/printer/simulator';
import { SETUP, err, ok, setUpTerminal, startCore, tempDir, signOff } from '../../support/core';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function technicianAt(printerPort: number) {
  const tmp = tempDir();
  const { core } = await startCore(tmp.dir);
  cleanup.push(
    () => tmp.remove(),
    () => core.close(),
  );
  await setUpTerminal(core, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printerPort },
  });
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  return core;
}

const run = (core: Awaited<ReturnType<typeof technicianAt>>, check: string) =>
  ok<DiagnosticResult>(core, 'diagnostics:run', { check });

describe('diagnostics (99)', () => {
  it('asks the printer for its status (DLE EOT): ready, cover open, paper out — each with a next step', async () => {
    const printer = await startPrinterSimulator();
    cleanup.push(() => printer.close());
    const core = await technicianAt(printer.port);
    expect(await run(core, 'printer')).toMatchObject({
      ok: true,
      detail: { online: true, coverOpen: false, paperOut: false },
    });
    printer.setState({ coverOpen: true });
    expect(await run(core, 'printer')).toMatchObject({
      ok: false,
      detail: { coverOpen: true },
      nextStep: 'printer.COVER_OPEN',
    });
    printer.setState({ paperOut: true });
    expect(await run(core, 'printer')).toMatchObject({ ok: false, nextStep: 'printer.PAPER_OUT' });
    expect(printer.jobs()).toHaveLength(0); // status questions are not print jobs
  });

  it('prints a test page and kicks the drawer through the printer (audited); a dead printer fails with words', async () => {
    const printer = await startPrinterSimulator();
    const core = await technicianAt(printer.port);
    expect(await run(core, 'testPrint')).toMatchObject({ ok: true });
    expect(await run(core, 'drawer')).toMatchObject({ ok: true });
    const jobs = await printer.waitForJobs(2);
    expect(iconv.decode(jobs[0]!, 'gb18030')).toContain('打印测试 PRINT TEST');
    expect(jobs[1]!.includes(Buffer.from([0x1b, 0x70]))).toBe(true);
    const audit = core.internals.db
      .prepare(
        "SELECT action, operator_no FROM audit_log WHERE action IN ('drawer.opened', 'diagnostics.testPrint')",
      )
      .all();
    expect(audit).toEqual([
      { action: 'diagnostics.testPrint', operator_no: '99' },
      { action: 'drawer.opened', operator_no: '99' },
    ]);
    await printer.close();
    expect(await run(core, 'printer')).toMatchObject({
      ok: false,
      nextStep: 'printer.UNREACHABLE',
    });
  });

  it('opens the drawer for the manager (audited); with the printer down the kick is withdrawn, never sprung later', async () => {
    const printer = await startPrinterSimulator();
    const core = await technicianAt(printer.port);
    await signOff(core);
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    expect(await ok(core, 'diagnostics:openDrawer')).toMatchObject({ ok: true });
    const [kick] = await printer.waitForJobs(1);
    expect(kick!.includes(Buffer.from([0x1b, 0x70]))).toBe(true);
    const port = printer.port;
    await printer.close();
    expect(await ok(core, 'diagnostics:openDrawer')).toMatchObject({
      ok: false,
      nextStep: 'drawer.CHECK',
    });
    expect(
      core.internals.db
        .prepare("SELECT count(*) AS n FROM print_jobs WHERE state IN ('queued', 'waiting')")
        .get(),
    ).toEqual({ n: 0 });
    const back = await startPrinterSimulator({ port });
    cleanup.push(() => back.close());
    await core.internals.print.drain();
    expect(back.jobs()).toHaveLength(0);
    const audit = core.internals.db
      .prepare(
        "SELECT operator_no, detail FROM audit_log WHERE action = 'drawer.opened' ORDER BY id",
      )
      .all() as Array<{ operator_no: string; detail: string }>;
    expect(
      audit.map((a) => [a.operator_no, JSON.parse(a.detail).reason, JSON.parse(a.detail).printed]),
    ).toEqual([
      ['00', 'manager', true],
      ['00', 'manager', false],
    ]);
  });

  it('checks the host, the QR gateway, the display, the disk and the database in training mode', async () => {
    const printer = await startPrinterSimulator();
    cleanup.push(() => printer.close());
    const core = await technicianAt(printer.port);
    expect(await run(core, 'hostEcho')).toMatchObject({
      ok: true,
      detail: { roundTripMs: expect.any(Number) },
    });
    expect(await run(core, 'qrGateway')).toMatchObject({ ok: true });
    expect(await run(core, 'display')).toMatchObject({ ok: true, detail: { kind: 'simulated' } });
    const shown = await ok<{ lines: [string, string] }>(core, 'diagnostics:display');
    expect(shown.lines[0].trim()).toBe('欢迎光临 WELCOME');
    expect(await run(core, 'disk')).toMatchObject({
      ok: true,
      detail: { freeMiB: expect.any(Number) },
    });
    expect(await run(core, 'database')).toMatchObject({
      ok: true,
      detail: { integrity: 'ok', schemaVersion: expect.any(Number) },
    });
    expect(await run(core, 'pinpad')).toMatchObject({ ok: true, detail: { kind: 'simulated' } });
    // The technician only: a cashier is refused.
    await signOff(core);
    await ok(core, 'auth:changePassword', {
      operatorNo: '01',
      currentPassword: '0000',
      newPassword: '1357',
      confirmPassword: '1357',
    });
    expect((await err(core, 'diagnostics:run', { check: 'database' })).code).toBe('FORBIDDEN');
  });
});
