import { afterEach, describe, expect, it } from 'vitest';
import type { QrOutcome, QrRefundOutcome, Result } from '../../../preload/contract';
import { startTrainingGateway, type TrainingGateway } from '../../../main/qr';
import { ok, signOff, cashierIn, SETUP } from '../../support/core';
import { ALIPAY, UNIONPAY, qrTill, runToEnd, wechat, type QrTill } from '../qr-core/harness';
import { startHttpRecorder } from './http-recorder';

const TOKEN = 'wire-acceptance-token-7f3a';
const SUPERVISOR = { operatorNo: '00', password: '246810' };

let till: QrTill | null = null;
let gateway: TrainingGateway | null = null;
let recorder: Awaited<ReturnType<typeof startHttpRecorder>> | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
  await recorder?.close();
  recorder = null;
  await gateway?.close();
  gateway = null;
});

const pay = async (t: QrTill, amountFen: number, code: string) => {
  const r = (await runToEnd(
    t.stepper,
    t.core.dispatch('qr:pay', { amountFen, code }),
  )) as Result<QrOutcome>;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe('QR gateway requests on the wire (HOST-PROTOCOL.md B)', () => {
  it('pay, query, cancel and refund: POST to the named paths, bearer token, JSON bodies with the named fields, single-use order numbers', async () => {
    gateway = await startTrainingGateway({ token: TOKEN, confirmAfterQueries: 2, holdMs: 1_500 });
    recorder = await startHttpRecorder(gateway.baseUrl);
    till = await qrTill({
      live: { gateway: { ...gateway, baseUrl: recorder.baseUrl }, token: TOKEN },
    });
    const t = till;
    await ok(t.core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: SUPERVISOR.password,
      confirmPassword: SUPERVISOR.password,
    });
    await signOff(t.core);
    await cashierIn(t.core);

    const paid = await pay(t, 12_345, wechat(0)); // SUCCESS at once
    expect(paid.outcome).toBe('approved');
    expect((await pay(t, 2_000, wechat(5))).outcome).toBe('approved'); // USERPAYING, then queries
    expect((await pay(t, 300, wechat(6))).outcome).not.toBe('approved'); // never confirmed → cancel
    expect((await pay(t, 400, wechat(8))).outcome).not.toBe('approved'); // 5xx: uncertain → query, cancel
    expect((await pay(t, 500, ALIPAY)).outcome).toBe('approved');
    expect((await pay(t, 600, UNIONPAY)).outcome).toBe('approved');
    const txId = (paid as Extract<QrOutcome, { outcome: 'approved' }>).transaction.id;
    const refunded = await ok<QrRefundOutcome>(t.core, 'qr:refund', {
      txId,
      amountFen: 2_345,
      supervisor: SUPERVISOR,
    });
    expect(refunded.outcome).toBe('approved');

    const seen = recorder.seen;
    const paths = seen.map((r) => r.path);
    expect(new Set(paths)).toEqual(new Set(['/pay', '/query', '/cancel', '/refund']));
    const orderNoRe = new RegExp(`^${SETUP.terminalNumber}\\d{12}\\d{6}$`);
    const payOrders: string[] = [];
    for (const r of seen) {
      expect(r.method).toBe('POST');
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const body = JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;
      expect(body.merchant).toBe(SETUP.merchantNumber);
      expect(body.terminal).toBe(SETUP.terminalNumber);
      expect(body.orderNo).toMatch(orderNoRe);
      // yyMMddHHmmss of the till's clock (2026-11-24 09:30 +08:00, give or take the zone).
      expect(String(body.orderNo).slice(8, 14)).toMatch(/^2611(23|24)$/);
      const keys = Object.keys(body).sort();
      if (r.path === '/pay') {
        expect(keys).toEqual(['amountFen', 'authCode', 'merchant', 'orderNo', 'terminal']);
        expect(Number.isInteger(body.amountFen)).toBe(true);
        expect(payOrders).not.toContain(body.orderNo); // single-use
        payOrders.push(String(body.orderNo));
      } else if (r.path === '/refund') {
        expect(keys).toEqual(['amountFen', 'merchant', 'orderNo', 'refundNo', 'terminal']);
        expect(body.amountFen).toBe(2_345);
        expect(payOrders).not.toContain(body.refundNo);
      } else {
        expect(keys).toEqual(['merchant', 'orderNo', 'terminal']);
        expect(payOrders).toContain(body.orderNo); // a query/cancel names an order it paid
      }
    }
    const pays = seen
      .filter((r) => r.path === '/pay')
      .map((r) => JSON.parse(r.body.toString()) as { amountFen: number; authCode: string });
    expect(pays.map((p) => [p.amountFen, p.authCode])).toEqual([
      [12_345, wechat(0)],
      [2_000, wechat(5)],
      [300, wechat(6)],
      [400, wechat(8)],
      [500, ALIPAY],
      [600, UNIONPAY],
    ]);
    // The refund goes back against the original order.
    const refund = JSON.parse(seen.find((r) => r.path === '/refund')!.body.toString()) as {
      orderNo: string;
    };
    expect(refund.orderNo).toBe(payOrders[0]);
    // Every reply the gateway gave was JSON of part B's shape.
    for (const r of seen.filter((x) => x.status < 500)) {
      const reply = JSON.parse(r.reply.toString()) as { status?: string; wallet?: string };
      if (r.status === 200) {
        expect(['SUCCESS', 'USERPAYING', 'FAIL', 'NOTPAY', 'CLOSED', 'REFUNDED']).toContain(
          reply.status,
        );
        expect(['wechat', 'alipay', 'unionpay']).toContain(reply.wallet);
      }
    }
  }, 60_000);
});
