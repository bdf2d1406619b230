import { vi } from 'vitest';
import type { CardOutcome, Result } from '../../../preload/contract';
import { isSimulatedPinPad } from '../../../native/pinpad';
import type { PosCore } from '../../../main/core/pos-core';
import type { TrainingHost } from '../../../main/host/training';
import { startPrinterSimulator, type PrinterSimulator } from '../../../native/printer/simulator';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { SETUP, ok, setUpTerminal, signInCashier, startCore, tempDir } from '../../support/core';

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
};

/**
 * A terminal in training mode: set up by 99, host settings saved, cashier 01
 * signed in (which signs in to the host and loads keys into the PIN pad).
 */
export async function cardTill(opts: TillOptions = {}): Promise<CardTill> {
  const tmp = opts.dir ? null : tempDir('pos-card-');
  const dir = opts.dir ?? tmp!.dir;
  const printer = opts.printer ?? (await startPrinterSimulator());
  const { core } = await startCore(dir);
  if (!opts.dir) {
    await setUpTerminal(core, {
      ...SETUP,
      terminalNumber: opts.terminalNumber ?? SETUP.terminalNumber,
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
    async host() {
      const h = core.internals.trainingHost;
      if (!h) throw new Error('the training host has not been started');
      return h;
    },
    stop,
    async remove() {
      await stop();
      await printer.close();
      tmp?.remove();
    },
  };
}

/** Signs the technician in (password set by setUpTerminal), runs `body`, signs off. */
export async function technician(core: PosCore, body: () => Promise<void>) {
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  await body();
  await ok(core, 'auth:signOff');
}

function panelOf(core: PosCore) {
  const pad = core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('not the simulated PIN pad');
  return pad.state();
}

/** Waits until the simulated PIN pad shows `phase`. */
export async function padShows(core: PosCore, phase: 'card' | 'pin' | 'idle', timeout = 10_000) {
  await vi.waitFor(
    () => {
      if (panelOf(core).phase !== phase)
        throw new Error(`PIN pad shows ${panelOf(core).phase}, waiting for ${phase}`);
    },
    { timeout, interval: 5 },
  );
}

/** What a cashier does at the PIN pad: the card, then the PIN, then Enter; all through the contract. */
export async function presentCardAndPin(core: PosCore, cardId: string, pin = TRAINING_PIN) {
  await padShows(core, 'card');
  await ok(core, 'pinpad:presentCard', { cardId });
  await padShows(core, 'pin');
  for (const key of pin) await ok(core, 'pinpad:key', { key });
  await ok(core, 'pinpad:key', { key: 'enter' });
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

/** The supervisor's first sign-in replaces the initial password; then the cashier is back. */
export async function supervisorReady(t: CardTill) {
  await ok(t.core, 'auth:signOff');
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(t.core, 'auth:signOff');
  await ok(t.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
}
