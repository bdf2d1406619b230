import type {
  CardOutcome,
  OrderView,
  PrintJob,
  QrOutcome,
  Result,
} from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { padShows, presentCardAndPin } from '../cards/harness';
import { call } from './harness';

export type CardPaid = { order: OrderView; outcome: CardOutcome; printJobs: PrintJob[] };
export type QrPaid = { order: OrderView; outcome: QrOutcome; printJobs: PrintJob[] };

/** One card payment of a split order, for `amountFen` (all that is left when omitted). */
export async function cardPart(
  core: PosCore,
  orderId: number,
  amountFen?: number,
  cardId = 'approve',
): Promise<CardPaid> {
  const paying = core.dispatch('order:payCard', {
    orderId,
    ...(amountFen === undefined ? {} : { amountFen }),
  }) as Promise<Result<CardPaid>>;
  await padShows(core, 'card');
  await presentCardAndPin(core, cardId);
  const r = await paying;
  if (!r.ok) throw new Error(`order:payCard failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** One QR payment of a split order. */
export function qrPart(
  core: PosCore,
  orderId: number,
  code: string,
  amountFen?: number,
): Promise<QrPaid> {
  return call<QrPaid>(core, 'order:payQr', {
    orderId,
    code,
    ...(amountFen === undefined ? {} : { amountFen }),
  });
}

export const tendersOf = (order: OrderView) =>
  order.payments.map((p) => [p.tender, p.state, p.amountFen]);
