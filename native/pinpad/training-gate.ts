import { PinPadError, type PinPad } from './types';
import type { SimulatedPinPad } from './simulated';

/**
 * The simulated PIN pad exists only in training mode (PRODUCT.md §10, issue
 * 16). Outside it this stands in for "no PIN pad": `kind` reads 'none' (so
 * `isSimulatedPinPad` is false and its panel keys go nowhere), cards are
 * refused with PINPAD_NOT_CONFIGURED before any card data is read, and the
 * PIN key a host sign-in delivers has nowhere to go (nothing is loaded).
 * `training` is asked at each call: the technician leaves training mode by
 * setting a host address, without a restart.
 */
export function trainingOnlyPinPad(
  simulated: SimulatedPinPad,
  training: () => boolean,
): PinPad & Omit<SimulatedPinPad, 'kind'> {
  const none = () =>
    Promise.reject(
      new PinPadError(
        'PINPAD_NOT_CONFIGURED',
        'no PIN pad: the simulated one works only in training mode',
      ),
    );
  return {
    get kind() {
      return training() ? 'simulated' : 'none';
    },
    deck: simulated.deck,
    loadPinKey: (pik, kcv) => (training() ? simulated.loadPinKey(pik, kcv) : Promise.resolve()),
    readCard: (req) => (training() ? simulated.readCard(req) : none()),
    readPin: (req) => (training() ? simulated.readPin(req) : none()),
    display: (lines) => (training() ? simulated.display(lines) : Promise.resolve()),
    cancel: () => simulated.cancel(),
    state: () => simulated.state(),
    presentCard: (cardId) => {
      if (training()) simulated.presentCard(cardId);
    },
    pressKey: (key) => {
      if (training()) simulated.pressKey(key);
    },
    onChange: (listener) => simulated.onChange(listener),
  };
}
