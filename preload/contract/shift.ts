import { z } from 'zod';
import { OperatorNo, Timestamp } from './common';
import { Fen } from './money';

/** What one tender took in a shift. Net = sales − voids − refunds. */
export const ShiftTender = z.object({
  tender: z.enum(['cash', 'card', 'qr']),
  salesCount: z.number().int(),
  salesFen: Fen,
  voidsCount: z.number().int(),
  voidsFen: Fen,
  refundsCount: z.number().int(),
  refundsFen: Fen,
  netFen: z.number().int(),
});

/** 交班: an operator's shift from sign-in to sign-off, by tender and in total. */
export const ShiftSummary = z.object({
  operatorNo: OperatorNo,
  name: z.string(),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  tenders: z.array(ShiftTender),
  total: ShiftTender.omit({ tender: true }),
});
export type ShiftSummary = z.infer<typeof ShiftSummary>;
