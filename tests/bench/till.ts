import { join } from 'node:path';
import { isSimulatedPinPad, type SimulatedPinPad } from '../../native/pinpad';
import { startPrinterSimulator, type PrinterSimulator } from '../../native/printer/simulator';
import { createLogger } from '../../main/core/logger';
import { createPosCore, type PosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import { SETUP, ok, setUpTerminal, signInCashier, tempDir } from '../support/core';
import { seedHistory, type HistoryFigures } from '../support/history';

/**
 * A terminal for benchmarks: set up as a technician would, printing to a TCP
 * 9100 printer simulator on loopback, the training host answering cards, the
 * given history already in its database, cashier 01 signed in. The real
 * clock, the real scrypt cost: what a shop runs.
 */
export interface BenchTill {
  core: PosCore;
  printer: PrinterSimulator;
  dataDir: string;
  history: HistoryFigures;
  pinpad: SimulatedPinPad;
  close(): Promise<void>;
}

export interface BenchTillOptions {
  /**
   * The keepPrintedDays parameter. The history holds every job ever printed
   * (as if retention had never run, e.g. the first start after an upgrade);
   * a till that keeps them all (3650) shows the queue itself stays flat.
   */
  keepPrintedDays?: number;
  /** The history's sales were orders of three lines (tests/support/history.ts). */
  orders?: boolean;
  /** Supervisor 00's password, set before the history (for report calls). */
  supervisorPassword?: string;
}

export async function openBenchTill(
  historySize: number,
  opts: BenchTillOptions = {},
): Promise<BenchTill> {
  const tmp = tempDir('pos-bench-till-');
  const dataDir = join(tmp.dir, 'pos');
  const printer = await startPrinterSimulator();
  const start = () =>
    createPosCore({
      dataDir,
      settings: confEngine(dataDir),
      version: 'bench',
      logger: createLogger({ level: 'error' }),
    });
  try {
    const first = await start();
    await setUpTerminal(first, {
      ...SETUP,
      printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
    });
    if (opts.supervisorPassword) {
      await ok(first, 'auth:changePassword', {
        operatorNo: '00',
        currentPassword: '123456',
        newPassword: opts.supervisorPassword,
        confirmPassword: opts.supervisorPassword,
      });
      await ok(first, 'auth:signOff');
    }
    await signInCashier(first);
    if (opts.keepPrintedDays !== undefined) {
      const settings = first.internals.settings;
      const p = settings.get();
      settings.save({ ...p, receipt: { ...p.receipt, keepPrintedDays: opts.keepPrintedDays } });
    }
    await first.close();
    const history = seedHistory(join(dataDir, 'pos.sqlite'), {
      transactions: historySize,
      ...(opts.orders ? { orders: true } : {}),
    });
    const core = await start();
    await ok(core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    const pinpad = core.internals.pinpad;
    if (!isSimulatedPinPad(pinpad)) throw new Error('the bench wants the simulated PIN pad');
    return {
      core,
      printer,
      dataDir,
      history,
      pinpad,
      async close() {
        await core.close();
        await printer.close();
        tmp.remove();
      },
    };
  } catch (err) {
    await printer.close();
    tmp.remove();
    throw err;
  }
}

/** Resolves when the simulated PIN pad shows `phase` (at once if it already does). */
export function padPhase(pad: SimulatedPinPad, phase: 'card' | 'pin' | 'idle'): Promise<void> {
  return new Promise((resolve) => {
    if (pad.state().phase === phase) return resolve();
    const off = pad.onChange((s) => {
      if (s.phase !== phase) return;
      off();
      resolve();
    });
  });
}
