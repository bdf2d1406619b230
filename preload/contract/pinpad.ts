import { z } from 'zod';
import { channel } from './channel';
import { NoInput } from './common';

/**
 * The simulated PIN pad's panel (training mode only). Keys travel one at a time
 * to the simulated device, which alone assembles the PIN and encrypts the block;
 * the state it reports has only a count of digits.
 */
export const PinPadPanel = z.object({
  simulated: z.boolean(),
  phase: z.enum(['idle', 'card', 'pin']),
  amountFen: z.number().int().nullable(),
  panMasked: z.string().nullable(),
  digits: z.number().int(),
  cards: z.array(
    z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), panMasked: z.string() }),
  ),
});
export type PinPadPanel = z.infer<typeof PinPadPanel>;

export const PinPadKey = z.enum([
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'clear',
  'enter',
  'cancel',
]);
export type PinPadKey = z.infer<typeof PinPadKey>;

export const pinpad = {
  panel: channel(NoInput, PinPadPanel),
  presentCard: channel(z.object({ cardId: z.string().max(40) }).strict(), PinPadPanel),
  key: channel(z.object({ key: PinPadKey }).strict(), PinPadPanel),
};

export const pinpadEvents = {
  'pinpad:changed': PinPadPanel,
};
