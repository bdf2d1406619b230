import { duplexPair } from 'node:stream';
import { vi } from 'vitest';
import type { CardOutcome, Result } from '../../../preload/contract';
import {
  createSerialPinPad,
  emulatePinPad,
  isSimulatedPinPad,
  type SimulatedPinPad,
} from '../../../native/pinpad';
import { checkValue, pinBlock, tdesEcbDecrypt } from '../../../main/host/crypto';
import type { PosCore } from '../../../main/core/pos-core';
import type { TrainingHost } from '../../../main/host/training';
import { startPrinterSimulator, type PrinterSimulator } from '../../../native/printer/simulator';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import {
  SETUP,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  cashierIn,
  signOff,
} from '../../support/core';

/** Host settings as a technician saves them; a short timeout keeps "no answer" tests quick. */
export const HOST_SETTINGS = {
  address: '',
  tls: false,
  timeoutSec: 1,
  retries: 2,
  tpdu: '6000030000',
  header: '603100000000',
};

export interface CardTill {
  core: PosCore;
  dir: string;
  printer: PrinterSimulator;
  /** The in-process training host (training mode), started by the cashier's sign-in. */
  host(): Promise<TrainingHost>;
  /** Outside training mode: the TMK the emulated serial PIN pad holds (see TillOptions). */
  pinpadTmk: Buffer | null;
  /** Stops the core (the data directory stays, as after a power cut). */
  stop(): Promise<void>;
  remove(): Promise<void>;
}

export type TillOptions = {
  terminalNumber?: string;
  host?: Partial<typeof HOST_SETTINGS>;
  /** Runs as the technician (99) before sign-off: key injection and the like. */
  asTechnician?: (core: PosCore) => Promise<void>;
  /** Reuse a data directory (restart). */
  dir?: string;
  printer?: PrinterSimulator;
  /**
   * Outside training mode there is no simulated PIN pad (issue 16): the till
   * gets the serial driver talking to an emulated PIN pad device holding this
   * master key, and the tests' cardholder presses its keys.
   */
  pinpadTmk?: Buffer;
  /** Receipt paper: 80 mm (48 columns, the default set-up) or 58 mm (32). */
  paperWidth?: 58 | 80;
};

/** The emulated device behind each till's serial PIN pad driver, for the cardholder's presses. */
const devices = new WeakMap<PosCore, SimulatedPinPad>();

function serialPinPadWithEmulator(tmk: Buffer) {
  const [app, device] = duplexPair();
  const emulated = emulatePinPad(device, {
    unwrapPinKey(pikUnderTmk, kcv) {
      const pik = tdesEcbDecrypt(tmk, pikUnderTmk);
      if (checkValue(pik) !== kcv) throw new Error('PIN key check value mismatch');
      return pik;
    },
    pinBlock,
  });
  return { driver: createSerialPinPad(app, { answerTimeoutMs: 30_000 }), device: emulated };
}

/**
 * A terminal in training mode: set up by 99, host settings saved, cashier 01
 * signed in (which signs in to the host and loads keys into the PIN pad).
 */
export async function cardTill(opts: TillOptions = {}): Promise<CardTill> {
  const tmp = opts.dir ? null : tempDir('pos-card-');
  const dir = opts.dir ?? tmp!.dir;
  const printer = opts.printer ?? (await startPrinterSimulator());
  const serial = opts.pinpadTmk ? serialPinPadWithEmulator(opts.pinpadTmk) : null;
  const { core } = await startCore(dir, serial ? { pinpad: serial.driver } : {});
  if (serial) devices.set(core, serial.device.pad);
  if (!opts.dir) {
    await setUpTerminal(core, {
      ...SETUP,
      terminalNumber: opts.terminalNumber ?? SETUP.terminalNumber,
      paperWidth: opts.paperWidth ?? SETUP.paperWidth,
      printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
    });
    await technician(core, async () => {
      await ok(core, 'setup:saveHost', { ...HOST_SETTINGS, ...opts.host });
      await opts.asTechnician?.(core);
    });
    await signInCashier(core);
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await core.close();
  };
  return {
    core,
    dir,
    printer,
    pinpadTmk: opts.pinpadTmk ?? null,
    async host() {
      const h = core.internals.trainingHost;
      if (!h) throw new Error('the training host has not been started');
      return h;
    },
    stop,
    async remove() {
      await stop();
      serial?.device.detach();
      await printer.close();
      tmp?.remove();
    },
  };
}

/** Signs the technician in (password set by setUpTerminal), runs `body`, signs off. */
export async function technician(core: PosCore, body: () => Promise<void>) {
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  await body();
  await signOff(core);
}

function padOf(core: PosCore): SimulatedPinPad {
  const device = devices.get(core);
  if (device) return device;
  const pad = core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('not the simulated PIN pad');
  return pad;
}

/** Waits until the PIN pad (simulated, or the emulated serial device) shows `phase`. */
export async function padShows(core: PosCore, phase: 'card' | 'pin' | 'idle', timeout = 10_000) {
  await vi.waitFor(
    () => {
      if (padOf(core).state().phase !== phase)
        throw new Error(`PIN pad shows ${padOf(core).state().phase}, waiting for ${phase}`);
    },
    { timeout, interval: 5 },
  );
}

/**
 * What the cardholder does at the PIN pad: the card, then the PIN, then Enter.
 * In training mode through the contract (the simulated pad's panel); outside
 * it on the emulated device itself — its keys never cross the contract.
 */
export async function presentCardAndPin(core: PosCore, cardId: string, pin = TRAINING_PIN) {
  await padShows(core, 'card');
  const device = devices.get(core);
  if (device) device.presentCard(cardId);
  else await ok(core, 'pinpad:presentCard', { cardId });
  await padShows(core, 'pin');
  for (const key of [...pin, 'enter'] as const) {
    if (device) device.pressKey(key as Parameters<SimulatedPinPad['pressKey']>[0]);
    else await ok(core, 'pinpad:key', { key });
  }
}

/** The card alone (no PIN: voids, refunds, pre-auth follow-ups), on whichever PIN pad the till has. */
export async function presentCard(core: PosCore, cardId: string) {
  await padShows(core, 'card');
  const device = devices.get(core);
  if (device) device.presentCard(cardId);
  else await ok(core, 'pinpad:presentCard', { cardId });
}

/** A card sale from the cashier's side: returns the contract's whole Result. */
export async function cardSale(
  core: PosCore,
  amountFen: number,
  cardId: string,
  pin = TRAINING_PIN,
): Promise<Result<CardOutcome>> {
  const sale = core.dispatch('card:sale', { amountFen }) as Promise<Result<CardOutcome>>;
  // A sale refused before the PIN pad is involved (blocked, not signed in) ends without it.
  const first = await Promise.race([
    sale.then((r) => ({ done: r })),
    padShows(core, 'card').then(() => null),
  ]);
  if (first) return first.done;
  await presentCardAndPin(core, cardId, pin);
  return sale;
}

export async function approvedSale(core: PosCore, amountFen: number, cardId = 'approve') {
  const r = await cardSale(core, amountFen, cardId);
  if (!r.ok) throw new Error(`card sale failed: ${JSON.stringify(r.error)}`);
  if (r.value.outcome !== 'approved')
    throw new Error(`card sale not approved: ${JSON.stringify(r.value)}`);
  return r.value;
}

export function row<T = Record<string, unknown>>(core: PosCore, sql: string, ...args: unknown[]) {
  return core.internals.db.prepare(sql).get(...args) as T;
}

export function rows<T = Record<string, unknown>>(core: PosCore, sql: string, ...args: unknown[]) {
  return core.internals.db.prepare(sql).all(...args) as T[];
}

/** The host's log of one terminal's requests, as "MTI trace → answer". */
export function hostLog(host: TrainingHost, terminal = SETUP.terminalNumber): string[] {
  return host
    .log()
    .filter((e) => e.terminal === terminal)
    .map((e) => `${e.mti} ${e.trace} → ${e.responseCode ?? '—'}`);
}

/** The supervisor (00) as the tests type them; the initial 123456 is replaced once. */
export const SUPERVISOR = { operatorNo: '00', password: '246810' };

/**
 * The supervisor's first sign-in replaces the initial password; then the
 * cashier is back. By default the supervisor steps in over the cashier's open
 * shift (no 交班: no count, no shift report printed), so the cashier continues
 * it with its ¥0.00 float; `float: false` ends it with a ¥0.00 count instead
 * and the cashier starts a new shift with no float yet.
 */
export async function supervisorReady(t: CardTill, opts: { float?: boolean } = {}) {
  if (opts.float === false) await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await signOff(t.core);
  if (opts.float === false) await ok(t.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
  else await cashierIn(t.core);
}
