import type { DiagnosticCheck, DiagnosticResult } from '../../../preload/contract';
import { statfs } from 'node:fs/promises';
import type { CustomerDisplay } from '../../../native/display';
import { isSimulatedPinPad, type PinPad } from '../../../native/pinpad';
import { printerProblems, type PrinterStatus } from '../../../native/printer/status';
import type { ReceiptPrinter } from '../../../native/printer/printer';
import type { Scanner } from '../../../native/scanner';
import type { PrintDocument } from '../../../native/printer/document';
import type { Clock } from '../../core/clock';
import { formatReceiptTime } from '../../domain/receipt';
import type { Db, Repositories } from '../../db';
import { PosFailure } from '../../domain/errors';
import type { QrGatewayClient } from '../../qr/gateway-client';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from '../cards/host-service';
import type { PrintService } from '../printing/print-service';

/** Less than this free on the data disk and the check fails (backups and the WAL need room). */
const MIN_FREE_BYTES = 500 * 1024 * 1024;

/**
 * 诊断 (99): each check tries the real thing — asks the printer for its
 * status, prints, kicks the drawer, echoes the host, signs in, reaches the QR
 * gateway, measures the disk, checks the database — and answers pass/fail
 * with the facts and a next step. Nothing here changes business data; the
 * drawer kick and test print are audited.
 */
export function createDiagnosticsService(deps: {
  repos: Repositories;
  db: Db;
  settings: SettingsStore;
  clock: Clock;
  dataDir: string;
  print: PrintService;
  printer(): ReceiptPrinter;
  host: HostService;
  qrClient(): Promise<QrGatewayClient>;
  pinpad: PinPad;
  scanner: Scanner;
  display: CustomerDisplay;
}) {
  const pass = (check: DiagnosticCheck, detail: DiagnosticResult['detail'] = {}) =>
    ({ check, ok: true, detail, error: null, nextStep: null }) satisfies DiagnosticResult;
  const failed = (
    check: DiagnosticCheck,
    nextStep: string,
    detail: DiagnosticResult['detail'] = {},
    error: DiagnosticResult['error'] = null,
  ) => ({ check, ok: false, detail, error, nextStep }) satisfies DiagnosticResult;

  /** A PosFailure becomes the check's error (its words say what to do); anything else is rethrown. */
  async function guarded(
    check: DiagnosticCheck,
    nextStep: string,
    run: () => Promise<DiagnosticResult>,
  ): Promise<DiagnosticResult> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof PosFailure) return failed(check, nextStep, {}, err.error);
      if (err instanceof Error && 'code' in err && typeof err.code === 'string')
        return failed(check, nextStep, { reason: err.message }, null);
      throw err;
    }
  }

  function statusDetail(s: PrinterStatus) {
    return {
      online: s.online,
      coverOpen: s.coverOpen,
      paperNearEnd: s.paperNearEnd,
      paperOut: s.paperOut,
      drawerOpen: s.drawerOpen,
      error: s.error,
    };
  }

  async function printerStatus(): Promise<DiagnosticResult> {
    const printer = deps.printer();
    if (!printer.queryStatus) return pass('printer', { target: printer.target, virtual: true });
    const status = await printer.queryStatus();
    const problems = printerProblems(status).filter((p) => p !== 'PAPER_NEAR_END');
    const detail = { target: printer.address ?? printer.target, ...statusDetail(status) };
    if (problems.length === 0) return pass('printer', detail);
    return failed('printer', `printer.${problems[0]}`, { ...detail, problems: problems.join(',') });
  }

  /** Queues a document outside any sale and prints the queue; the job's state after that. */
  async function printNow(doc: PrintDocument): Promise<{ jobId: number; state: string }> {
    const jobId = deps.print.enqueue(doc, { txId: null, kind: 'test', copy: null });
    await deps.print.drain();
    return { jobId, state: deps.print.view([jobId])[0]?.state ?? 'missing' };
  }

  function testPage(): PrintDocument {
    const p = deps.settings.get();
    return {
      lines: [
        { kind: 'text', text: '打印测试 PRINT TEST', align: 'center', bold: true, size: 'double' },
        { kind: 'rule' },
        { kind: 'pair', left: '商户 MERCHANT', right: p.merchantName ?? '' },
        { kind: 'pair', left: '终端号 TERMINAL', right: p.terminalNumber ?? '' },
        { kind: 'pair', left: '纸宽 PAPER', right: `${p.receipt.paperWidth} mm` },
        { kind: 'pair', left: '时间 TIME', right: formatReceiptTime(deps.clock.now()) },
        { kind: 'rule' },
        { kind: 'text', text: '中文打印正常 GB18030 OK' },
        { kind: 'text', text: '0123456789 ABCDEFGHIJ abcdefghij' },
        { kind: 'feed', lines: 2 },
      ],
      cut: true,
    };
  }

  /** Set to a serial port under 外设设置 (the device in use may have fallen back). */
  const configured = (device: 'scanner' | 'pinpad' | 'display') =>
    deps.settings.get().peripherals[device].kind === 'serial';

  /** The pulse goes through the printer's drawer port (ESC p), nothing printed; audited. */
  function openDrawer(operatorNo: string, reason: 'diagnostics' | 'manager') {
    return guarded('drawer', 'drawer.CHECK', async () => {
      const done = await printNow({ lines: [], cut: false, openDrawer: true });
      // A drawer must not spring open later when the printer comes back.
      if (done.state !== 'done') deps.print.cancel(done.jobId);
      audit('drawer.opened', operatorNo, {
        reason,
        jobId: done.jobId,
        printed: done.state === 'done',
      });
      return done.state === 'done' ? pass('drawer', done) : failed('drawer', 'drawer.CHECK', done);
    });
  }

  function audit(action: string, operatorNo: string, detail: Record<string, unknown> = {}) {
    deps.repos.audit.append({ operatorNo, action, detail }, deps.clock.now());
  }

  const checks: Record<DiagnosticCheck, (operatorNo: string) => Promise<DiagnosticResult>> = {
    printer: () => guarded('printer', 'printer.UNREACHABLE', printerStatus),
    testPrint: (operatorNo) =>
      guarded('testPrint', 'printer.UNREACHABLE', async () => {
        const done = await printNow(testPage());
        audit('diagnostics.testPrint', operatorNo, { jobId: done.jobId });
        return done.state === 'done'
          ? pass('testPrint', done)
          : failed('testPrint', 'printer.UNREACHABLE', done);
      }),
    drawer: (operatorNo) => openDrawer(operatorNo, 'diagnostics'),
    // The screen shows what the scanner reads (scanner:scanned events); here: is it there.
    scanner: async () =>
      configured('scanner') && deps.scanner.kind !== 'serial'
        ? failed('scanner', 'device.PORT', { configured: 'serial', inUse: deps.scanner.kind })
        : pass('scanner', { kind: deps.scanner.kind }),
    pinpad: async () => {
      const pad = deps.pinpad;
      if (pad.kind === 'none')
        return configured('pinpad')
          ? failed('pinpad', 'device.PORT', { configured: 'serial', inUse: 'none' })
          : failed('pinpad', 'pinpad.NONE', { inUse: 'none' });
      if (!isSimulatedPinPad(pad)) return pass('pinpad', { kind: 'serial' });
      if (configured('pinpad'))
        return failed('pinpad', 'device.PORT', { configured: 'serial', inUse: 'simulated' });
      return pass('pinpad', { kind: 'simulated', phase: pad.state().phase });
    },
    display: () =>
      guarded('display', 'display.CHECK', async () => {
        if (configured('display') && deps.display.kind !== 'serial')
          return failed('display', 'device.PORT', {
            configured: 'serial',
            inUse: deps.display.kind,
          });
        await deps.display.show(['欢迎光临 WELCOME', 'TEST 测试 0123456789']);
        return pass('display', { kind: deps.display.kind });
      }),
    hostEcho: () =>
      guarded('hostEcho', 'host.CHECK', async () => {
        const r = await deps.host.echo();
        return pass('hostEcho', { roundTripMs: r.roundTripMs });
      }),
    hostSignIn: (operatorNo) =>
      guarded('hostSignIn', 'host.CHECK', async () => {
        const r = await deps.host.signIn(operatorNo);
        return pass('hostSignIn', { hostTime: r.hostTime });
      }),
    qrGateway: () =>
      guarded('qrGateway', 'qr.CHECK', async () => {
        const client = await deps.qrClient();
        // Any answer from the gateway (even "no such order") means it is there.
        const r = await client.query({ orderNo: `DIAG${deps.clock.now()}` });
        return r.kind === 'uncertain'
          ? failed('qrGateway', 'qr.CHECK', { reason: r.reason })
          : pass('qrGateway', { answered: r.kind });
      }),
    disk: async () => {
      const s = await statfs(deps.dataDir);
      const free = s.bavail * s.bsize;
      const detail = { freeMiB: Math.floor(free / 1024 / 1024) };
      return free >= MIN_FREE_BYTES ? pass('disk', detail) : failed('disk', 'disk.FREE', detail);
    },
    database: async () => {
      const result = deps.db.pragma('integrity_check', { simple: true }) as string;
      const version = deps.db.pragma('user_version', { simple: true }) as number;
      return result === 'ok'
        ? pass('database', { integrity: result, schemaVersion: version })
        : failed('database', 'database.RESTORE', { integrity: result, schemaVersion: version });
    },
  };

  return {
    run(check: DiagnosticCheck, operatorNo: string): Promise<DiagnosticResult> {
      return checks[check](operatorNo);
    },
    /** The manager's 开钱箱 (change, a count) outside any sale; audited with who did it. */
    openDrawer: (operatorNo: string) => openDrawer(operatorNo, 'manager'),
  };
}
export type DiagnosticsService = ReturnType<typeof createDiagnosticsService>;
