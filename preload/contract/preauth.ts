import { z } from 'zod';
import { CardOutcome } from './card';
import { channel, command } from './channel';
import { NoInput } from './common';
import { AmountFen } from './money';
import { SupervisorApproval } from './qr';
import { TransactionView } from './sale';

/** 预授权 (hold), 预授权撤销 (cancel) and 预授权完成 (completion, ≤ 115 % of the hold). */
export const preauth = {
  /** The cashier holds an amount on the card (PIN pad: card and PIN). */
  start: command(z.object({ amountFen: AmountFen }).strict(), CardOutcome),
  cancel: command(
    z.object({ txId: z.number().int().positive(), supervisor: SupervisorApproval }).strict(),
    CardOutcome,
  ),
  complete: command(
    z
      .object({
        txId: z.number().int().positive(),
        amountFen: AmountFen,
        supervisor: SupervisorApproval,
      })
      .strict(),
    CardOutcome,
  ),
  /** Holds not yet completed or cancelled, newest first. */
  open: channel(NoInput, z.object({ transactions: z.array(TransactionView) })),
};
