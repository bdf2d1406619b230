import { PinPadError, type CardRead, type PinPad } from './types';
import { TEST_CARDS, testTrack2, type TestCard } from './test-cards';

/**
 * The simulated PIN pad of training mode. It behaves like the device: the
 * cashier's screen shows its panel (the deck of test cards, then a PIN keypad),
 * presses go to it one key at a time, and it hands the app only the encrypted
 * PIN block. Cryptography is passed in so this driver stays free of app code.
 */
export interface SimulatedPinPadCrypto {
  /** Decrypts a key received under the terminal master key and checks its check value. */
  unwrapPinKey(pikUnderTmk: Buffer, checkValue: string): Buffer;
  pinBlock(pin: string, pan: string, pik: Buffer): Buffer;
}

export type SimulatedPinPadState =
  | { phase: 'idle' }
  | { phase: 'card'; amountFen: number }
  | { phase: 'pin'; amountFen: number; panMasked: string; digits: number };

export type PinPadKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'clear' | 'enter' | 'cancel';

export interface SimulatedPinPad extends PinPad {
  readonly deck: readonly TestCard[];
  state(): SimulatedPinPadState;
  presentCard(cardId: string): void;
  pressKey(key: PinPadKey): void;
  /** Called whenever the panel should redraw. */
  onChange(listener: (state: SimulatedPinPadState) => void): () => void;
}

export function isSimulatedPinPad(pad: PinPad): pad is SimulatedPinPad {
  return pad.kind === 'simulated' && 'presentCard' in pad;
}

const maskPan = (pan: string) => `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;

export function createSimulatedPinPad(
  crypto: SimulatedPinPadCrypto,
  deck: readonly TestCard[] = TEST_CARDS,
): SimulatedPinPad {
  let pik: Buffer | null = null;
  let current: SimulatedPinPadState = { phase: 'idle' };
  /** The one request the device is serving; its abort listener goes with it. */
  interface Pending {
    resolve(v: unknown): void;
    reject(e: Error): void;
    pan?: string;
    detach(): void;
  }
  let pending: Pending | null = null;
  let pin = '';
  const listeners = new Set<(s: SimulatedPinPadState) => void>();
  const cancelled = (why: string) => new PinPadError('PINPAD_CANCELLED', why);

  const set = (s: SimulatedPinPadState) => {
    current = s;
    for (const l of listeners) l(s);
  };
  const settle = (fn: (p: Pending) => void) => {
    const p = pending;
    pending = null;
    pin = '';
    set({ phase: 'idle' });
    if (p) {
      p.detach();
      fn(p);
    }
  };
  /**
   * Starts serving a request, superseding any earlier one. A signal aborted
   * later cancels this request only (never one that came after it); a signal
   * already aborted refuses it at once.
   */
  const serve = <T>(signal: AbortSignal | undefined, show: SimulatedPinPadState, pan?: string) =>
    new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled('cancelled by the terminal'));
      if (pending) {
        const old = pending;
        pending = null;
        old.detach();
        old.reject(cancelled('superseded by a new request'));
      }
      const onAbort = () => {
        if (pending === entry) settle((p) => p.reject(cancelled('cancelled by the terminal')));
      };
      const entry: Pending = {
        resolve: resolve as (v: unknown) => void,
        reject,
        ...(pan ? { pan } : {}),
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      pending = entry;
      signal?.addEventListener('abort', onAbort, { once: true });
      pin = '';
      set(show);
    });

  return {
    kind: 'simulated',
    deck,
    async loadPinKey(pikUnderTmk, checkValue) {
      pik = crypto.unwrapPinKey(pikUnderTmk, checkValue);
    },
    readCard({ amountFen, signal }) {
      return serve<CardRead>(signal, { phase: 'card', amountFen });
    },
    readPin({ pan, amountFen, signal }) {
      if (!pik)
        return Promise.reject(
          new PinPadError('PINPAD_NO_KEY', 'no PIN key loaded: sign in to the host first'),
        );
      return serve<Buffer>(
        signal,
        { phase: 'pin', amountFen, panMasked: maskPan(pan), digits: 0 },
        pan,
      );
    },
    async display() {
      // The simulated device has no separate screen; its panel shows the phase.
    },
    cancel() {
      settle((p) => p.reject(cancelled('cancelled by the terminal')));
    },
    state: () => current,
    presentCard(cardId) {
      if (current.phase !== 'card') return;
      const card = deck.find((c) => c.id === cardId);
      if (!card) return;
      const read: CardRead = { pan: card.pan, expiry: card.expiry, entryMode: card.entryMode };
      if (card.entryMode === '021') read.track2 = testTrack2(card);
      settle((p) => p.resolve(read));
    },
    pressKey(key) {
      if (current.phase !== 'pin' || !pending?.pan || !pik) {
        if (key === 'cancel' && current.phase === 'card')
          settle((p) => p.reject(cancelled('cancelled on the PIN pad')));
        return;
      }
      if (key === 'cancel') return settle((p) => p.reject(cancelled('cancelled on the PIN pad')));
      if (key === 'clear') pin = '';
      else if (key === 'enter') {
        if (pin.length < 4) return;
        const block = crypto.pinBlock(pin, pending.pan, pik);
        return settle((p) => p.resolve(block));
      } else if (pin.length < 12) pin += key;
      set({ ...current, digits: pin.length });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
