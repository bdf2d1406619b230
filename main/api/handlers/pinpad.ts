import type { PinPadPanel } from '../../../preload/contract';
import { isSimulatedPinPad, type SimulatedPinPad } from '../../../native/pinpad';
import { fail } from '../../domain/errors';
import { maskPan } from '../../domain/pan';
import type { ApiServices, DomainHandlers } from '../types';

function simulated(s: ApiServices): SimulatedPinPad {
  if (!isSimulatedPinPad(s.pinpad)) fail('PINPAD_NOT_SIMULATED');
  return s.pinpad;
}

/** What the panel shows: the phase, a count of digits (never the digits), the deck. */
export function pinPadPanel(pad: SimulatedPinPad | null): PinPadPanel {
  if (!pad)
    return {
      simulated: false,
      phase: 'idle',
      amountFen: null,
      panMasked: null,
      digits: 0,
      cards: [],
    };
  const state = pad.state();
  return {
    simulated: true,
    phase: state.phase,
    amountFen: state.phase === 'idle' ? null : state.amountFen,
    panMasked: state.phase === 'pin' ? state.panMasked : null,
    digits: state.phase === 'pin' ? state.digits : 0,
    cards: pad.deck.map((c) => ({
      id: c.id,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      panMasked: maskPan(c.pan),
    })),
  };
}

export function pinpadHandlers(s: ApiServices): DomainHandlers<'pinpad'> {
  const pad = () => (isSimulatedPinPad(s.pinpad) ? s.pinpad : null);
  return {
    panel: () => pinPadPanel(pad()),
    presentCard: (input) => {
      simulated(s).presentCard(input.cardId);
      return pinPadPanel(pad());
    },
    key: (input) => {
      simulated(s).pressKey(input.key);
      return pinPadPanel(pad());
    },
  };
}
