import { z } from 'zod';
import { MAX_AMOUNT_FEN, MIN_AMOUNT_FEN } from './money-format';

/**
 * Money is integer fen everywhere (1 yuan = 100 fen). This module is the one
 * money type of the app; main/domain and the renderer both use it. Formatting
 * and keypad entry live in money-format.ts, without zod, so the web page's
 * start-up code doesn't carry the schemas.
 */
export * from './money-format';

export const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export type Fen = z.infer<typeof Fen>;

/** A transaction amount: 0.01 – 999,999.99 yuan. */
export const AmountFen = z
  .number({ message: 'amountRange' })
  .int({ message: 'amountRange' })
  .min(MIN_AMOUNT_FEN, { message: 'amountRange' })
  .max(MAX_AMOUNT_FEN, { message: 'amountRange' });
