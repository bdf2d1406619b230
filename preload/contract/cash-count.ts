import { z } from 'zod';
import { Timestamp } from './common';
import { Fen } from './money';

/**
 * 交班's blind count (issue 15): what a count is made of and what it answers.
 * Apart from cash.ts so the sign-off (auth.ts) can carry a count without
 * importing the supervisor approval (qr.ts → auth.ts would go round in a circle).
 */

const Int = z.number().int();

/** The notes and coins a count may be given by (fen): ¥100 … ¥0.1. */
export const DENOMINATIONS_FEN = [10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10] as const;

/** How many of one note or coin were counted. */
export const DenominationCount = z
  .object({
    valueFen: z.union(
      [
        z.literal(10_000),
        z.literal(5_000),
        z.literal(2_000),
        z.literal(1_000),
        z.literal(500),
        z.literal(100),
        z.literal(50),
        z.literal(10),
      ],
      { message: 'denomination' },
    ),
    pieces: z
      .number({ message: 'pieces' })
      .int({ message: 'pieces' })
      .min(0, { message: 'pieces' })
      .max(99_999, { message: 'pieces' }),
  })
  .strict();
export type DenominationCount = z.infer<typeof DenominationCount>;

/**
 * The drawer's figures: for a shift, or summed over a day (X) or a batch (Z).
 * expected = float + cash sales − cash voids/refunds + paid-in − paid-out;
 * over/short (长短款) = counted − expected (negative: short). `expectedFen` is
 * null on a cashier's own shift before the count (the count is blind);
 * `countedFen`/`overShortFen` are null until counted and, for X/Z, add up the
 * shifts counted in the span (`counts` of them).
 */
export const DrawerFigures = z.object({
  floatFen: Int,
  cashSalesFen: Int,
  cashRefundsFen: Int,
  paidInFen: Int,
  paidOutFen: Int,
  expectedFen: Int.nullable(),
  countedFen: Int.nullable(),
  overShortFen: Int.nullable(),
  counts: Int,
});
export type DrawerFigures = z.infer<typeof DrawerFigures>;

/** The blind count once made: what was counted, against what was expected. */
export const CashCount = z.object({
  countedFen: Fen,
  denominations: z.array(DenominationCount).nullable(),
  countedAt: Timestamp,
  drawer: DrawerFigures,
});
export type CashCount = z.infer<typeof CashCount>;

export const CountInput = z.discriminatedUnion('by', [
  z.object({ by: z.literal('total'), countedFen: Fen.max(99_999_999) }).strict(),
  z
    .object({ by: z.literal('denominations'), denominations: z.array(DenominationCount).max(8) })
    .strict(),
]);
export type CountInput = z.infer<typeof CountInput>;
