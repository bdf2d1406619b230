import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosticResult, PinPadPanel } from '../../../preload/contract';
import { startTrainingHost, type TrainingHost } from '../../../main/host/training';
import { SETUP, err, ok, signOff } from '../../support/core';
import { HOST_SETTINGS, cardTill, hostLog, rows, technician, type CardTill } from './harness';

/**
 * Outside training mode there is no simulated PIN pad (issue 16): a live
 * terminal with no PIN pad configured refuses cards with a clear message and
 * a next step, and the simulated pad's panel channels (which carry PIN
 * digits) are refused. Back in training mode the simulated pad returns.
 */
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
function componentsOf(key: Buffer): string[] {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
}

let host: TrainingHost | null = null;
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
  await host?.close();
  host = null;
});

describe('no PIN pad outside training mode', () => {
  it('refuses cards (PINPAD_NOT_CONFIGURED, nothing stored or sent) and the panel channels; diagnostics say what to do', async () => {
    host = await startTrainingHost({
      terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
    });
    till = await cardTill({
      host: { address: `127.0.0.1:${host.port}` },
      asTechnician: async (core) =>
        void (await ok(core, 'keys:injectTmk', { components: componentsOf(TMK) })),
    });
    const { core } = till;
    const events: string[] = [];
    core.onEvent((e) => events.push(e));
    // The cashier's sign-in reached the host; the PIN key it brought had no device to go to.
    expect(hostLog(host)).toEqual(['0800 000001 → 00']);

    expect(await err(core, 'card:sale', { amountFen: 1_000 })).toEqual({
      code: 'PINPAD_NOT_CONFIGURED',
    });
    expect((await err(core, 'card:balance', {})).code).toBe('PINPAD_NOT_CONFIGURED');
    expect(rows(core, 'SELECT id FROM transactions')).toEqual([]);
    expect(rows(core, 'SELECT id FROM outbox')).toEqual([]);
    expect(hostLog(host)).toEqual(['0800 000001 → 00']);

    // The simulated pad's keys don't travel: its channels are refused.
    expect((await err(core, 'pinpad:presentCard', { cardId: 'approve' })).code).toBe(
      'PINPAD_NOT_SIMULATED',
    );
    expect((await err(core, 'pinpad:key', { key: '1' })).code).toBe('PINPAD_NOT_SIMULATED');
    expect(await ok<PinPadPanel>(core, 'pinpad:panel')).toMatchObject({
      simulated: false,
      cards: [],
    });
    expect(events.filter((e) => e === 'pinpad:changed')).toEqual([]);

    await signOff(core);
    await technician(core, async () => {
      const r = await ok<DiagnosticResult>(core, 'diagnostics:run', { check: 'pinpad' });
      expect(r).toMatchObject({ ok: false, nextStep: 'pinpad.NONE' });
      // Back to training mode (no host address): the simulated pad is there again.
      await ok(core, 'setup:saveHost', HOST_SETTINGS);
      expect(await ok<PinPadPanel>(core, 'pinpad:panel')).toMatchObject({ simulated: true });
    });
  });
});
