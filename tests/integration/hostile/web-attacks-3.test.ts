/**
 * The same money given back several times at once from three sockets (a
 * double click, a second window): found sound — each service checks what is
 * left again under the write lock — and kept here, as no other test sends
 * these at once. Returns of the same line, cash refunds and QR refunds of the
 * same sale, each asking for more than half: exactly one goes through, the
 * others are refused naming what is left, and nothing of theirs is written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView, Result } from '../../../preload/contract';
import { ok } from '../../support/core';
import { SUPERVISOR } from '../cards/harness';
import { PRODUCTS, scanned } from '../checkout/harness';
import { money } from '../checkout/returns-harness';
import { type WebClient, type WebTill } from '../web/ws-harness';
import { settle, shopTill } from './shop-till';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

/** The same call from three sockets at once (each with its own request id). */
async function thrice(t: WebTill, channel: string, input: unknown) {
  const sockets: WebClient[] = [await t.client(), await t.client(), await t.client()];
  return Promise.all(sockets.map((c) => c.call(channel, input)));
}

function oneWins(answers: Array<Result<unknown>>, refusal: object) {
  expect(answers.filter((r) => r.ok)).toHaveLength(1);
  for (const r of answers.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, ...refusal });
}

describe('web shell: the same money given back three times at once', () => {
  it('a return of the same line: one return, one cash refund', async () => {
    till = await shopTill();
    const t = till;
    const order: OrderView = await scanned(t.core, PRODUCTS.cola.barcode, 2);
    await ok(t.core, 'order:payCash', { orderId: order.id, tenderedFen: 600 });
    const answers = await thrice(t, 'returns:create', {
      orderId: order.id,
      lines: [{ lineId: order.lines[0]!.id, quantity: 2 }],
      supervisor: SUPERVISOR,
    });
    oneWins(answers, { error: { code: expect.stringMatching(/^RETURN_(OPEN_EXISTS|EXCEEDS)$/) } });
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'cash', 'refunded', 600],
      ['refund', 'cash', 'approved', 600],
    ]);
    expect(t.core.internals.db.prepare('SELECT COUNT(*) FROM returns').pluck().get()).toBe(1);
  });

  it('cash refunds of a settled sale, each for more than half', async () => {
    till = await shopTill();
    const t = till;
    const c = await t.client();
    const sale = (await c.call('sale:cash', { amountFen: 1000, tenderedFen: 1000 })) as {
      value: { transaction: { batchNo: string; traceNo: string } };
    };
    await settle(t);
    const { batchNo, traceNo } = sale.value.transaction;
    const answers = await thrice(t, 'refunds:cash', {
      batchNo,
      traceNo,
      amountFen: 600,
      supervisor: SUPERVISOR,
    });
    oneWins(answers, { error: { code: 'REFUND_EXCEEDS', params: { refundable: '¥4.00' } } });
    expect(
      t.core.internals.db
        .prepare("SELECT state, amount_fen FROM transactions WHERE type = 'refund'")
        .all(),
    ).toEqual([{ state: 'approved', amount_fen: 600 }]);
  });

  it('QR refunds of one payment, each for more than half: one reaches the gateway', async () => {
    till = await shopTill();
    const t = till;
    const order: OrderView = await scanned(t.core, PRODUCTS.cola.barcode, 2);
    const paid = await ok<{ order: OrderView }>(t.core, 'order:payQr', {
      orderId: order.id,
      code: '134567890123456780',
    });
    const payment = paid.order.payments[0]!;
    const answers = await thrice(t, 'qr:refund', {
      txId: payment.id,
      amountFen: 400,
      supervisor: SUPERVISOR,
    });
    oneWins(answers, { error: { code: 'REFUND_EXCEEDS' } });
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'qr', 'approved', 600],
      ['refund', 'qr', 'approved', 400],
    ]);
  });
});
