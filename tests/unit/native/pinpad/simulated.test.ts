import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  checkValue,
  pinBlock,
  pinFromBlock,
  tdesEcbDecrypt,
  tdesEcbEncrypt,
} from '../../../../main/host/crypto';
import {
  createSimulatedPinPad,
  isSimulatedPinPad,
  type PinPadKey,
  type SimulatedPinPad,
  type SimulatedPinPadCrypto,
  type SimulatedPinPadState,
} from '../../../../native/pinpad/simulated';
import { TEST_CARDS, testTrack2 } from '../../../../native/pinpad/test-cards';
import { PinPadError, type CardRead } from '../../../../native/pinpad/types';

// Real keys and real 3DES: the PIK travels under the TMK as the host sends it.
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
const PIK = Buffer.from('89ABCDEF0123456776543210FEDCBA98', 'hex');
const PIK_UNDER_TMK = tdesEcbEncrypt(TMK, PIK);
const PIK_KCV = checkValue(PIK);

/** The same unwrap the composition root gives the simulated pad (main/core/pos-core.ts). */
const realCrypto: SimulatedPinPadCrypto = {
  unwrapPinKey(pikUnderTmk, kcv) {
    const pik = tdesEcbDecrypt(TMK, pikUnderTmk);
    if (checkValue(pik) !== kcv.toUpperCase()) throw new Error('PIN key check value mismatch');
    return pik;
  },
  pinBlock,
};

const card = (id: string) => {
  const c = TEST_CARDS.find((t) => t.id === id);
  if (!c) throw new Error(`no test card ${id}`);
  return c;
};

async function padWithKey(): Promise<SimulatedPinPad> {
  const pad = createSimulatedPinPad(realCrypto);
  await pad.loadPinKey(PIK_UNDER_TMK, PIK_KCV);
  return pad;
}

function press(pad: SimulatedPinPad, keys: string): void {
  for (const k of keys) pad.pressKey(k as PinPadKey);
}

/** Rejection as a value, so a test can look at its code. */
async function rejection(p: Promise<unknown>): Promise<PinPadError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof PinPadError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

/** Whether a promise has settled by the time pending microtasks have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('simulated PIN pad: identity', () => {
  it('is a simulated pad with the training deck by default', () => {
    const pad = createSimulatedPinPad(realCrypto);
    expect(pad.kind).toBe('simulated');
    expect(isSimulatedPinPad(pad)).toBe(true);
    expect(pad.deck).toBe(TEST_CARDS);
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('uses a deck passed in', () => {
    const deck = [card('swipe')];
    const pad = createSimulatedPinPad(realCrypto, deck);
    expect(pad.deck).toEqual(deck);
  });

  it('is not mistaken for a serial pad', () => {
    expect(
      isSimulatedPinPad({
        kind: 'serial',
        loadPinKey: async () => undefined,
        readCard: () => Promise.reject(new Error('x')),
        readPin: () => Promise.reject(new Error('x')),
        display: async () => undefined,
        cancel: () => undefined,
      }),
    ).toBe(false);
  });
});

describe('simulated PIN pad: reading a card', () => {
  it('shows the card phase with the amount and resolves with the chip card presented', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const read = pad.readCard({ amountFen: 1234 });
    expect(pad.state()).toEqual({ phase: 'card', amountFen: 1234 });
    pad.presentCard('approve');
    const c = card('approve');
    const result = await read;
    expect(result).toEqual({ pan: c.pan, expiry: c.expiry, entryMode: '051' });
    expect('track2' in result).toBe(false);
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('gives track 2 only for the swiped card', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const swipe = card('swipe');
    const read = pad.readCard({ amountFen: 100 });
    pad.presentCard('swipe');
    const result: CardRead = await read;
    expect(result.entryMode).toBe('021');
    expect(result.track2).toBe(testTrack2(swipe));
    expect(result.track2).toBe(`${swipe.pan}=${swipe.expiry}2010000000000`);
  });

  it('reports the entry mode of a contactless card', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const read = pad.readCard({ amountFen: 100 });
    pad.presentCard('limit');
    const result = await read;
    expect(result.entryMode).toBe('071');
    expect(result.pan).toBe(card('limit').pan);
    expect(result.track2).toBeUndefined();
  });

  it('ignores a card presented when no card is asked for', async () => {
    const pad = await padWithKey();
    const changes: SimulatedPinPadState[] = [];
    pad.onChange((s) => changes.push(s));
    pad.presentCard('approve');
    expect(pad.state()).toEqual({ phase: 'idle' });
    expect(changes).toEqual([]);

    // While the PIN is asked for, a card is ignored too.
    const pin = pad.readPin({ pan: card('approve').pan, amountFen: 1 });
    pad.presentCard('approve');
    expect(pad.state().phase).toBe('pin');
    expect(await settled(pin)).toBe(false);
    pad.cancel();
    await expect(pin).rejects.toBeInstanceOf(PinPadError);
  });

  it('ignores an unknown card id and keeps waiting', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const read = pad.readCard({ amountFen: 500 });
    pad.presentCard('no-such-card');
    expect(pad.state()).toEqual({ phase: 'card', amountFen: 500 });
    expect(await settled(read)).toBe(false);
    pad.presentCard('approve');
    await expect(read).resolves.toMatchObject({ pan: card('approve').pan });
  });

  it('only offers the cards of its deck', async () => {
    const pad = createSimulatedPinPad(realCrypto, [card('swipe')]);
    const read = pad.readCard({ amountFen: 500 });
    pad.presentCard('approve'); // in the training deck, not in this one
    expect(await settled(read)).toBe(false);
    pad.presentCard('swipe');
    await expect(read).resolves.toMatchObject({ pan: card('swipe').pan });
  });

  it('is cancelled by the cancel key while waiting for a card', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const read = pad.readCard({ amountFen: 500 });
    pad.pressKey('cancel');
    const err = await rejection(read);
    expect(err.code).toBe('PINPAD_CANCELLED');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('ignores digit keys while waiting for a card', async () => {
    const pad = await padWithKey();
    const read = pad.readCard({ amountFen: 500 });
    press(pad, '1234');
    pad.pressKey('enter');
    expect(pad.state()).toEqual({ phase: 'card', amountFen: 500 });
    expect(await settled(read)).toBe(false);
    pad.cancel();
    await expect(read).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
  });
});

describe('simulated PIN pad: the PIN key', () => {
  it('refuses to read a PIN before a PIN key is loaded', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const err = await rejection(pad.readPin({ pan: card('approve').pan, amountFen: 100 }));
    expect(err.code).toBe('PINPAD_NO_KEY');
    expect(err.name).toBe('PinPadError');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('refuses a PIN key whose check value does not match, and stays without a key', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const wrongKcv = PIK_KCV === '00000000' ? '11111111' : '00000000';
    await expect(pad.loadPinKey(PIK_UNDER_TMK, wrongKcv)).rejects.toThrow(/check value/);
    await expect(pad.readPin({ pan: card('approve').pan, amountFen: 1 })).rejects.toMatchObject({
      code: 'PINPAD_NO_KEY',
    });
  });

  it('refuses a PIN key encrypted under another TMK', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const otherTmk = Buffer.from('00112233445566778899AABBCCDDEEFF', 'hex');
    await expect(pad.loadPinKey(tdesEcbEncrypt(otherTmk, PIK), PIK_KCV)).rejects.toThrow(
      /check value/,
    );
  });

  it('accepts the check value in lower case', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    await pad.loadPinKey(PIK_UNDER_TMK, PIK_KCV.toLowerCase());
    const p = pad.readPin({ pan: card('approve').pan, amountFen: 1 });
    expect(pad.state().phase).toBe('pin');
    pad.cancel();
    await expect(p).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
  });
});

describe('simulated PIN pad: entering the PIN', () => {
  const pan = card('approve').pan;

  it('shows the masked card number and counts digits, never holding the PIN in its state', async () => {
    const pad = await padWithKey();
    const p = pad.readPin({ pan, amountFen: 8800 });
    expect(pad.state()).toEqual({
      phase: 'pin',
      amountFen: 8800,
      panMasked: '622202*********0003',
      digits: 0,
    });
    press(pad, '123');
    expect(pad.state()).toEqual({
      phase: 'pin',
      amountFen: 8800,
      panMasked: '622202*********0003',
      digits: 3,
    });
    expect(Object.keys(pad.state()).sort()).toEqual(['amountFen', 'digits', 'panMasked', 'phase']);
    expect(JSON.stringify(pad.state())).not.toContain(pan);
    pad.cancel();
    await expect(p).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
  });

  it('produces the format-0 PIN block under the PIK: pinBlock(pin, pan, pik)', async () => {
    const pad = await padWithKey();
    const p = pad.readPin({ pan, amountFen: 100 });
    press(pad, '123456');
    pad.pressKey('enter');
    const block = await p;
    expect(block).toEqual(pinBlock('123456', pan, PIK));
    expect(block).toHaveLength(8);
    expect(block.toString('hex')).not.toContain('123456');
    expect(pinFromBlock(block, pan, PIK)).toBe('123456');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('does nothing on enter with fewer than 4 digits', async () => {
    const pad = await padWithKey();
    const p = pad.readPin({ pan, amountFen: 100 });
    pad.pressKey('enter');
    press(pad, '987');
    pad.pressKey('enter');
    expect(pad.state()).toMatchObject({ phase: 'pin', digits: 3 });
    expect(await settled(p)).toBe(false);
    press(pad, '6');
    pad.pressKey('enter');
    expect(await p).toEqual(pinBlock('9876', pan, PIK));
  });

  it('clear starts the PIN again', async () => {
    const pad = await padWithKey();
    const p = pad.readPin({ pan, amountFen: 100 });
    press(pad, '99999');
    pad.pressKey('clear');
    expect(pad.state()).toMatchObject({ phase: 'pin', digits: 0 });
    press(pad, '4321');
    pad.pressKey('enter');
    const block = await p;
    expect(block).toEqual(pinBlock('4321', pan, PIK));
    expect(block).not.toEqual(pinBlock('999994321', pan, PIK));
  });

  it('takes at most 12 digits', async () => {
    const pad = await padWithKey();
    const p = pad.readPin({ pan, amountFen: 100 });
    press(pad, '12345678901234');
    expect(pad.state()).toMatchObject({ digits: 12 });
    pad.pressKey('enter');
    expect(await p).toEqual(pinBlock('123456789012', pan, PIK));
  });

  it('a fresh PIN request starts with no digits', async () => {
    const pad = await padWithKey();
    const first = pad.readPin({ pan, amountFen: 100 });
    press(pad, '12');
    pad.cancel();
    await expect(first).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
    const second = pad.readPin({ pan, amountFen: 100 });
    expect(pad.state()).toMatchObject({ digits: 0 });
    press(pad, '5678');
    pad.pressKey('enter');
    expect(await second).toEqual(pinBlock('5678', pan, PIK));
  });

  it('the cancel key rejects with PINPAD_CANCELLED and goes idle', async () => {
    const pad = await padWithKey();
    const p = pad.readPin({ pan, amountFen: 100 });
    press(pad, '1234');
    pad.pressKey('cancel');
    const err = await rejection(p);
    expect(err.code).toBe('PINPAD_CANCELLED');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('keys pressed while idle change nothing', async () => {
    const pad = await padWithKey();
    const changes: SimulatedPinPadState[] = [];
    pad.onChange((s) => changes.push(s));
    press(pad, '1234');
    pad.pressKey('enter');
    pad.pressKey('clear');
    pad.pressKey('cancel');
    expect(pad.state()).toEqual({ phase: 'idle' });
    expect(changes).toEqual([]);
  });
});

describe('simulated PIN pad: cancelling and superseding', () => {
  const pan = card('approve').pan;

  it('the terminal cancel() rejects the pending read', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const read = pad.readCard({ amountFen: 1 });
    pad.cancel();
    const err = await rejection(read);
    expect(err.code).toBe('PINPAD_CANCELLED');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('aborting the signal rejects a card read', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const ac = new AbortController();
    const read = pad.readCard({ amountFen: 1, signal: ac.signal });
    ac.abort();
    const err = await rejection(read);
    expect(err.code).toBe('PINPAD_CANCELLED');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });

  it('aborting the signal rejects a PIN read', async () => {
    const pad = await padWithKey();
    const ac = new AbortController();
    const p = pad.readPin({ pan, amountFen: 1, signal: ac.signal });
    press(pad, '12');
    ac.abort();
    const err = await rejection(p);
    expect(err.code).toBe('PINPAD_CANCELLED');
    expect(pad.state()).toEqual({ phase: 'idle' });
    // The digits typed before the abort don't carry into the next PIN.
    const next = pad.readPin({ pan, amountFen: 1 });
    press(pad, '3456');
    pad.pressKey('enter');
    expect(await next).toEqual(pinBlock('3456', pan, PIK));
  });

  it('a second card request supersedes the first', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    const first = pad.readCard({ amountFen: 100 });
    const second = pad.readCard({ amountFen: 200 });
    const err = await rejection(first);
    expect(err.code).toBe('PINPAD_CANCELLED');
    expect(err.message).toMatch(/superseded/);
    expect(pad.state()).toEqual({ phase: 'card', amountFen: 200 });
    pad.presentCard('approve');
    await expect(second).resolves.toMatchObject({ pan });
  });

  it('a PIN request supersedes a card request', async () => {
    const pad = await padWithKey();
    const cardRead = pad.readCard({ amountFen: 100 });
    const pin = pad.readPin({ pan, amountFen: 100 });
    await expect(cardRead).rejects.toMatchObject({ code: 'PINPAD_CANCELLED' });
    expect(pad.state().phase).toBe('pin');
    press(pad, '2468');
    pad.pressKey('enter');
    expect(await pin).toEqual(pinBlock('2468', pan, PIK));
  });
});

describe('simulated PIN pad: a signal belongs to its own request', () => {
  it('aborting the signal of a finished card read does not cancel the PIN read after it', async () => {
    const pad = await padWithKey();
    const first = new AbortController();
    const read = pad.readCard({ amountFen: 100, signal: first.signal });
    pad.presentCard('approve');
    const c = await read;
    const second = new AbortController();
    const pinRead = pad.readPin({ pan: c.pan, amountFen: 100, signal: second.signal });
    first.abort();
    expect(await settled(pinRead)).toBe(false);
    expect(pad.state().phase).toBe('pin');
    press(pad, '123456');
    pad.pressKey('enter');
    expect(Buffer.isBuffer(await pinRead)).toBe(true);
  });

  it('refuses at once a request whose signal is already aborted, and stays idle', async () => {
    const pad = await padWithKey();
    const gone = new AbortController();
    gone.abort();
    const e = await rejection(pad.readCard({ amountFen: 100, signal: gone.signal }));
    expect(e.code).toBe('PINPAD_CANCELLED');
    expect(pad.state()).toEqual({ phase: 'idle' });
  });
});

describe('simulated PIN pad: change listeners', () => {
  it('tells listeners of every redraw and stops after unsubscribing', async () => {
    const pad = await padWithKey();
    const a: SimulatedPinPadState[] = [];
    const b: SimulatedPinPadState[] = [];
    const offA = pad.onChange((s) => a.push(s));
    pad.onChange((s) => b.push(s));

    const read = pad.readCard({ amountFen: 300 });
    pad.presentCard('approve');
    await read;
    expect(a).toEqual([{ phase: 'card', amountFen: 300 }, { phase: 'idle' }]);

    offA();
    const pin = pad.readPin({ pan: card('approve').pan, amountFen: 300 });
    press(pad, '1234');
    pad.pressKey('enter');
    await pin;
    expect(a).toHaveLength(2);
    expect(b.map((s) => (s.phase === 'pin' ? `pin:${s.digits}` : s.phase))).toEqual([
      'card',
      'idle',
      'pin:0',
      'pin:1',
      'pin:2',
      'pin:3',
      'pin:4',
      'idle',
    ]);
    // No listener ever sees the PIN itself.
    expect(JSON.stringify(b)).not.toMatch(/1234|"pin"\s*:/);
  });

  it('display() resolves and changes nothing', async () => {
    const pad = createSimulatedPinPad(realCrypto);
    await expect(pad.display(['请插卡', 'INSERT CARD'])).resolves.toBeUndefined();
    expect(pad.state()).toEqual({ phase: 'idle' });
  });
});
