import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../preload/contract';
import { manualClock } from '../../main/core/clock';
import { createLogger } from '../../main/core/logger';
import { createPosCore, type PosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import type { ScryptCost } from '../../main/services/staff/password-hasher';
import type { PinPad } from '../../native/pinpad';

/** Fast scrypt for tests: the same algorithm and code path, a lower work factor. */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export function tempDir(prefix = 'pos-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startCore(
  dir: string,
  opts: {
    clockStart?: number;
    retryDelaysMs?: number[];
    scryptCost?: ScryptCost;
    /** A PIN pad device (e.g. the serial driver over an emulated pad); the training one by default. */
    pinpad?: PinPad;
  } = {},
) {
  const clock = manualClock(opts.clockStart ?? Date.parse('2026-11-24T09:30:00+08:00'));
  const core = await createPosCore({
    dataDir: dir,
    settings: confEngine(dir),
    version: '0.0.0-test',
    clock,
    logger: createLogger({ file: join(dir, 'logs', 'test.log'), level: 'debug' }),
    scryptCost: opts.scryptCost ?? TEST_SCRYPT,
    printRetryDelaysMs: opts.retryDelaysMs ?? [60_000],
    ...(opts.pinpad ? { pinpad: opts.pinpad } : {}),
  });
  return { core, clock };
}

/** Calls a channel and returns the value, failing the test with the error if any. */
export async function ok<T = unknown>(
  core: PosCore,
  channel: string,
  input: unknown = {},
): Promise<T> {
  const r = (await core.dispatch(channel, input)) as Result<T>;
  if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

export async function err(core: PosCore, channel: string, input: unknown = {}) {
  const r = await core.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

export const SETUP = {
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  merchantName: '测试便利店',
  printer: { kind: 'virtual' as const },
  paperWidth: 80 as const,
};

/** 99 signs in, changes the default password, sets up the terminal, signs off. */
export async function setUpTerminal(core: PosCore, setup: Record<string, unknown> = SETUP) {
  await ok(core, 'auth:changePassword', {
    operatorNo: '99',
    currentPassword: '12345678',
    newPassword: '87654321',
    confirmPassword: '87654321',
  });
  await ok(core, 'setup:save', setup);
  await ok(core, 'auth:signOff');
}

/**
 * A cashier's shift takes no payment before its opening float (issue 15):
 * ¥0.00 unless the test counts one. A continued shift that has it (or is counted) is fine.
 */
export async function enterFloat(core: PosCore, amountFen = 0) {
  const r = await core.dispatch('cash:setFloat', { amountFen });
  if (!r.ok && r.error.code !== 'CASH_FLOAT_SET' && r.error.code !== 'CASH_COUNTED')
    throw new Error(`cash:setFloat failed: ${JSON.stringify(r.error)}`);
}

/** Cashier 01 signs in for the first time (changing 0000 to 1357) and enters a ¥0.00 float. */
export async function signInCashier(core: PosCore, opts: { float?: boolean } = {}) {
  await ok(core, 'auth:changePassword', {
    operatorNo: '01',
    currentPassword: '0000',
    newPassword: '1357',
    confirmPassword: '1357',
  });
  if (opts.float !== false) await enterFloat(core);
}

/** A cashier (01 / 1357 by default) signs in again and has the shift's float (¥0.00 if none yet). */
export async function cashierIn(core: PosCore, operatorNo = '01', password = '1357') {
  await ok(core, 'auth:signIn', { operatorNo, password });
  await enterFloat(core);
}

/**
 * Whoever is signed in signs off; a cashier's 交班 carries the blind count
 * (¥0.00 by default, or the given total) unless the drawer was counted already.
 */
export async function signOff(core: PosCore, countedFen = 0) {
  const who = await ok<{ session: { role: string } | null }>(core, 'auth:session');
  if (who.session?.role !== 'cashier') return ok(core, 'auth:signOff');
  const status = await ok<{ count: unknown }>(core, 'cash:status');
  return ok(core, 'auth:signOff', status.count ? {} : { count: { by: 'total', countedFen } });
}
