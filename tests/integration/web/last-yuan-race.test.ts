/**
 * Three payments racing the last ¥1.00 of an order from three sockets: a card
 * waiting at the PIN pad, a QR code and cash sent at the same moment. Exactly
 * one takes it; the others are refused with a code naming why (a payment
 * undecided, the order already paid); the order is paid exactly, never over.
 * (Found sound: this guards it.) Likewise N cash payments of one order at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { padShows } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

async function cardholder(t: WebTill) {
  const pad = t.core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
  await padShows(t.core, 'card');
  pad.presentCard('approve');
  await padShows(t.core, 'pin');
  for (const key of [...TRAINING_PIN, 'enter']) pad.pressKey(key as PinPadKey);
}

const paidFor = (t: WebTill, orderId: number) =>
  t.core.internals.db
    .prepare(
      "SELECT COALESCE(SUM(amount_fen), 0) AS fen, COUNT(*) AS n FROM transactions WHERE order_id = ? AND state = 'approved'",
    )
    .get(orderId) as { fen: number; n: number };

describe('web shell: payments racing for what is left of an order', () => {
  it('card, QR and cash for the last ¥1.00: one wins, the order is paid exactly', async () => {
    till = await webTill();
    const [a, b, c] = [await till.client(), await till.client(), await till.client()];
    const order = (await a.call('order:addOpenLine', { amountFen: 1000 })) as {
      value: { id: number };
    };
    const orderId = order.value.id;
    const first = a.call('order:payCard', { orderId, amountFen: 900 });
    await cardholder(till);
    expect(await first).toMatchObject({ ok: true, value: { outcome: { outcome: 'approved' } } });

    const card = a.call('order:payCard', { orderId });
    await padShows(till.core, 'card');
    const [qr, cash] = await Promise.all([
      b.call('order:payQr', { orderId, code: '134567890123456780' }),
      c.call('order:payCash', { orderId, tenderedFen: 100 }),
    ]);
    await cardholder(till);
    const answers = [await card, qr, cash];
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    for (const r of answers.filter((x) => !x.ok))
      expect(['ORDER_PAYMENT_UNDECIDED', 'ORDER_NOT_EDITABLE']).toContain(
        (r as { error: { code: string } }).error.code,
      );
    expect(paidFor(till, orderId)).toEqual({ fen: 1000, n: 2 });
    expect(till.core.internals.db.prepare('SELECT state FROM orders').all()).toEqual([
      { state: 'paid' },
    ]);
  });

  it('ten cash payments of one order from two sockets: one wins', async () => {
    till = await webTill();
    const [a, b] = [await till.client(), await till.client()];
    const order = (await a.call('order:addOpenLine', { amountFen: 1234 })) as {
      value: { id: number };
    };
    const orderId = order.value.id;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? a : b).call('order:payCash', { orderId, tenderedFen: 2000 }),
      ),
    );
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    expect(answers.filter((r) => !r.ok).map((r) => (r as { error: unknown }).error)).toEqual(
      Array(9).fill({ code: 'ORDER_NOT_EDITABLE', params: { state: 'paid' } }),
    );
    expect(paidFor(till, orderId)).toEqual({ fen: 1234, n: 1 });
    expect(
      till.core.internals.db
        .prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'cash-sale'")
        .get(),
    ).toEqual({ n: 1 });
  });
});
