import { duplexPair } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkValue, pinBlock, tdesEcbDecrypt, tdesEcbEncrypt } from '../../../../main/host/crypto';
import {
  createSerialPinPad,
  emulatePinPad,
  PinPadError,
  TEST_CARDS,
  TRAINING_PIN,
} from '../../../../native/pinpad';

/**
 * The emulated PIN pad device (used where there is no simulated pad: outside
 * training mode) against the app's real serial driver over a stream pair.
 */
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
const PIK = Buffer.from('11223344556677888877665544332211', 'hex');

function link() {
  const [app, device] = duplexPair();
  const emulated = emulatePinPad(device, {
    unwrapPinKey(under, kcv) {
      const pik = tdesEcbDecrypt(TMK, under);
      if (checkValue(pik) !== kcv) throw new Error('check value mismatch');
      return pik;
    },
    pinBlock,
  });
  const driver = createSerialPinPad(app, { ackTimeoutMs: 500, answerTimeoutMs: 5_000 });
  return { driver, pad: emulated.pad, detach: emulated.detach };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(ok()).toBe(true);
};

describe('emulated serial PIN pad', () => {
  it('loads the PIN key, reads a swiped card (track 2) and answers the encrypted PIN block', async () => {
    const { driver, pad } = link();
    await driver.loadPinKey(tdesEcbEncrypt(TMK, PIK), checkValue(PIK));
    const reading = driver.readCard({ amountFen: 1_234 });
    await until(() => pad.state().phase === 'card');
    expect(pad.state()).toEqual({ phase: 'card', amountFen: 1_234 });
    pad.presentCard('swipe');
    const card = await reading;
    const swipe = TEST_CARDS.find((c) => c.id === 'swipe')!;
    expect(card).toMatchObject({ pan: swipe.pan, expiry: swipe.expiry, entryMode: '021' });
    expect(card.track2).toMatch(new RegExp(`^${swipe.pan}=`));

    const pin = driver.readPin({ pan: card.pan, amountFen: 1_234 });
    await until(() => pad.state().phase === 'pin');
    for (const k of TRAINING_PIN) pad.pressKey(k as '1');
    pad.pressKey('enter');
    expect((await pin).equals(pinBlock(TRAINING_PIN, card.pan, PIK))).toBe(true);
  });

  it('a cancel from the terminal ends the read; the next command is answered normally', async () => {
    const { driver, pad } = link();
    const signal = new AbortController();
    const first = driver.readCard({ amountFen: 100, signal: signal.signal });
    await until(() => pad.state().phase === 'card');
    driver.cancel();
    await expect(first).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
    await until(() => pad.state().phase === 'idle');
    const second = driver.readCard({ amountFen: 200 });
    await until(() => pad.state().phase === 'card');
    pad.presentCard('approve');
    expect((await second).entryMode).toBe('051');
  });

  it('cancel on the keypad answers "cancelled"; a PIN key with a wrong check value is refused', async () => {
    const { driver, pad } = link();
    const reading = driver.readCard({ amountFen: 100 });
    await until(() => pad.state().phase === 'card');
    pad.pressKey('cancel');
    await expect(reading).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
    const wrong = driver.loadPinKey(tdesEcbEncrypt(TMK, PIK), '0000');
    await expect(wrong).rejects.toBeInstanceOf(PinPadError);
    await expect(wrong).rejects.toMatchObject({ code: 'PINPAD_FAULT' });
  });
});
