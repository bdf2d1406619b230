import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { startTrainingHost, type TrainingHost } from '../../../main/host/training';
import { SETUP, ok } from '../../support/core';
import {
  HOST_SETTINGS,
  cardTill,
  padShows,
  presentCard,
  presentCardAndPin,
  type CardTill,
} from '../cards/harness';
import { decodeFrame, kcv, tdesEcb, type WireMessage } from './iso8583-decoder';
import { splitFrames, startRecordingRelay } from './recording-relay';

/**
 * A live-mode till (real TCP, TMK injected as components, the serial PIN pad
 * emulator) whose acquirer host is the training host behind a recording relay,
 * and the readings of what crossed it. Used by iso8583-frames.test.ts.
 */
export const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
const componentsOf = (key: Buffer) => {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
};

let host: TrainingHost | null = null;
let relay: Awaited<ReturnType<typeof startRecordingRelay>> | null = null;
let till: CardTill | null = null;

/** For afterEach: the till, the relay and the host, in that order. */
export async function stopLive() {
  await till?.remove();
  till = null;
  await relay?.close();
  relay = null;
  await host?.close();
  host = null;
}

/** The running training host (after liveTill). */
export const liveHost = () => host!;

export async function liveTill(keepConnectionOpen = false) {
  host = await startTrainingHost({
    keepConnectionOpen,
    terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
  });
  relay = await startRecordingRelay(host.port);
  const address = `127.0.0.1:${relay.port}`;
  till = await cardTill({
    pinpadTmk: TMK,
    asTechnician: async (core) => {
      await ok(core, 'setup:saveHost', { ...HOST_SETTINGS, address });
      await ok(core, 'keys:injectTmk', { components: componentsOf(TMK) });
    },
  });
  return till;
}

/** Every request and reply that crossed the relay, decoded, in order. */
export function exchanges(): Array<{ req: WireMessage; rep: WireMessage | null }> {
  const out: Array<{ req: WireMessage; rep: WireMessage | null }> = [];
  for (const c of relay!.captures) {
    const reqs = splitFrames(c.sent).map(decodeFrame);
    const reps = splitFrames(c.received).map(decodeFrame);
    reqs.forEach((req, i) => out.push({ req, rep: reps[i] ?? null }));
  }
  return out;
}

export async function withCard<T>(t: CardTill, run: Promise<T>, cardId: string, pin: boolean) {
  const first = await Promise.race([
    run.then((r) => ({ r })),
    padShows(t.core, 'card').then(() => null),
  ]);
  if (first) return first.r;
  if (pin) await presentCardAndPin(t.core, cardId);
  else await presentCard(t.core, cardId);
  return run;
}

export const CLEAR_PIN = '123456';

/** Decrypts the working keys of a sign-in reply (field 62) under the TMK and checks both KCVs. */
function workingKeys(reply: WireMessage) {
  const f62 = Buffer.from(reply.fields[62]!, 'hex');
  expect(f62.length).toBe(40);
  const pik = tdesEcb(TMK, f62.subarray(0, 16), true);
  const mak = tdesEcb(TMK, f62.subarray(20, 36), true);
  expect(kcv(pik)).toBe(f62.subarray(16, 20).toString('hex').toUpperCase());
  expect(kcv(mak)).toBe(f62.subarray(36, 40).toString('hex').toUpperCase());
  return { pik, mak };
}

/** ISO 9564 format 0: the PIN the block hides, given the PAN. */
export function pinOf(block: string, pik: Buffer, pan: string): string {
  const clear = tdesEcb(pik, Buffer.from(block, 'hex'), true);
  const panField = Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
  const pinField = Buffer.alloc(8);
  for (let i = 0; i < 8; i++) pinField[i] = clear[i]! ^ panField[i]!;
  const hex = pinField.toString('hex').toUpperCase();
  expect(hex[0]).toBe('0');
  const n = parseInt(hex[1]!, 16);
  expect(hex.slice(2 + n)).toBe('F'.repeat(14 - n));
  return hex.slice(2, 2 + n);
}

export const MACED = new Set(['0200', '0220', '0100', '0400', '0500', '0320']);

/** The whole day's traffic, each request with its reply and the keys in force when it went out. */
export function traffic() {
  let keys: { pik: Buffer; mak: Buffer } | null = null;
  return exchanges().map(({ req, rep }) => {
    const inForce = keys;
    if (req.mti === '0800' && rep?.fields[39] === '00') keys = workingKeys(rep);
    return { req, rep, keys: inForce };
  });
}

export const f60 = (m: WireMessage) => {
  const d = m.fields[60]!;
  return { type: d.slice(0, 2), batch: d.slice(2, 8), net: d.slice(8, 11), rest: d.slice(11) };
};
