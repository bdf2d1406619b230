import type { PosCore } from '../../../main/core/pos-core';
import type { Scheduler, TrainingGateway } from '../../../main/qr';
import { startPrinterSimulator, type PrinterSimulator } from '../../../native/printer/simulator';
import {
  SETUP,
  TEST_SCRYPT,
  ok,
  setUpTerminal,
  signInCashier,
  tempDir,
  cashierIn,
  signOff,
} from '../../support/core';
import { createLogger } from '../../../main/core/logger';
import { manualClock } from '../../../main/core/clock';
import { createPosCore } from '../../../main/core/pos-core';
import { confEngine } from '../../../main/settings/conf-engine';
import { join } from 'node:path';

/** WeChat payment codes (18 digits, 10–15): the last digit picks the training outcome. */
export const wechat = (lastDigit: number) => `13456789012345678${lastDigit}`;
export const ALIPAY = '28765432109876543210'; // 20 digits, 25–30: success (last digit 0)
export const UNIONPAY = '6212345678901234560'; // 19 digits, 62: success

/**
 * A scheduler whose sleeps wait until the test lets them go (or the cashier
 * cancels): the 5 s polling becomes steps the test can take one at a time.
 */
export function steppedScheduler(start = Date.parse('2026-11-24T09:30:00+08:00')) {
  let t = start;
  const waiting: Array<() => void> = [];
  const scheduler: Scheduler = {
    now: () => t,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const go = () => {
          t += Math.max(0, ms);
          resolve();
        };
        waiting.push(go);
        signal?.addEventListener('abort', () => resolve(), { once: true });
      }),
  };
  return {
    scheduler,
    pending: () => waiting.length,
    /** Lets every waiting sleep end (time jumps by its length). */
    step() {
      for (const go of waiting.splice(0)) go();
    },
  };
}

/** Runs the polling to its end: releases sleeps until `done` settles. */
export async function runToEnd<T>(stepper: ReturnType<typeof steppedScheduler>, done: Promise<T>) {
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    await new Promise((r) => setTimeout(r, 2));
    stepper.step();
  }
  return done;
}

export interface QrTill {
  core: PosCore;
  dir: string;
  printer: PrinterSimulator;
  stepper: ReturnType<typeof steppedScheduler>;
  gateway(): Promise<TrainingGateway>;
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A terminal whose QR payments go to the training gateway (in-process, or the
 * one given as `live`, reached as a configured gateway with a sealed token).
 */
export async function qrTill(
  opts: {
    dir?: string;
    printer?: PrinterSimulator;
    live?: { gateway: TrainingGateway; token: string };
    gatewayTimeoutSec?: number;
  } = {},
): Promise<QrTill> {
  const tmp = opts.dir ? null : tempDir('pos-qr-');
  const dir = opts.dir ?? tmp!.dir;
  const printer = opts.printer ?? (await startPrinterSimulator());
  const stepper = steppedScheduler();
  const core = await createPosCore({
    dataDir: dir,
    settings: confEngine(dir),
    version: '0.0.0-test',
    clock: manualClock(Date.parse('2026-11-24T09:30:00+08:00')),
    logger: createLogger({ file: join(dir, 'logs', 'test.log'), level: 'debug' }),
    scryptCost: TEST_SCRYPT,
    printRetryDelaysMs: [60_000],
    qrScheduler: stepper.scheduler,
    qrTraining: { confirmAfterQueries: 2, holdMs: 1_500 },
  });
  if (!opts.dir) {
    await setUpTerminal(core, {
      ...SETUP,
      printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
    });
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await ok(core, 'qr:saveGateway', {
      baseUrl: opts.live?.gateway.baseUrl ?? '',
      timeoutSec: opts.gatewayTimeoutSec ?? 1,
      ...(opts.live ? { token: opts.live.token } : {}),
    });
    if (opts.live) {
      // Live mode: an acquirer address (nothing listens there; cards are not used here).
      await ok(core, 'setup:saveHost', {
        address: '127.0.0.1:9',
        tls: false,
        timeoutSec: 1,
        retries: 3,
        tpdu: '6000030000',
        header: '603100000000',
      });
    }
    await signOff(core);
    await signInCashier(core);
  } else {
    await cashierIn(core);
  }
  let stopped = false;
  const stop = async () => {
    if (!stopped) await core.close();
    stopped = true;
  };
  return {
    core,
    dir,
    printer,
    stepper,
    async gateway() {
      if (opts.live) return opts.live.gateway;
      const g = await core.internals.trainingGateway();
      if (!g) throw new Error('the training gateway has not started');
      return g;
    },
    stop,
    async remove() {
      await stop();
      if (!opts.printer) await printer.close();
      tmp?.remove();
    },
  };
}
