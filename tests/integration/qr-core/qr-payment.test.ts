import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QrOutcome, Result } from '../../../preload/contract';
import { startTrainingGateway, type TrainingGateway } from '../../../main/qr';
import { err, ok } from '../../support/core';
import { ALIPAY, UNIONPAY, qrTill, runToEnd, wechat, type QrTill } from './harness';

let till: QrTill | null = null;
let external: TrainingGateway | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
  await external?.close();
  external = null;
});

function pay(t: QrTill, code: string, amountFen = 2_350) {
  const done = t.core.dispatch('qr:pay', { amountFen, code }) as Promise<Result<QrOutcome>>;
  return runToEnd(t.stepper, done).then((r) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  });
}

const paths = async (t: QrTill) => (await t.gateway()).requests().map((r) => r.path);
const row = (t: QrTill, sql: string) =>
  t.core.internals.db.prepare(sql).get() as Record<string, unknown>;
const rows = (t: QrTill, sql: string) =>
  t.core.internals.db.prepare(sql).all() as Record<string, unknown>[];

describe('QR payment codes against the training gateway', () => {
  it('0–4 success: approved at once, pay sent once, the order receipt, the code never stored in clear', async () => {
    till = await qrTill();
    const code = wechat(0);
    const r = await pay(till, code);
    expect(r).toMatchObject({
      outcome: 'approved',
      transaction: {
        tender: 'qr',
        state: 'approved',
        amountFen: 2_350,
        traceNo: '000002',
        qr: { wallet: 'wechat', codeMasked: '1345**********6780' },
      },
    });
    if (r.outcome !== 'approved') return;
    expect(r.transaction.qr!.orderNo).toMatch(/^T0000001\d{12}000002$/);
    expect(r.transaction.qr!.gatewayTxId).toBeTruthy();
    expect(await paths(till)).toEqual(['/pay']);
    expect(row(till, 'SELECT fee_rate_bp FROM qr_payments')).toEqual({ fee_rate_bp: 38 });

    // The payment code is a bearer token: never in the database or the log.
    const dump = JSON.stringify(
      ['transactions', 'qr_payments', 'outbox', 'audit_log', 'transaction_events'].map((t) =>
        rows(till!, `SELECT * FROM ${t}`),
      ),
    );
    expect(dump).not.toContain(code);
    expect(readFileSync(join(till.dir, 'logs', 'test.log'), 'utf8')).not.toContain(code);

    // A QR payment is on the order's receipt (the one-call sale made an order): one customer copy
    // with the wallet and the gateway's order number, never the code.
    expect(r.printJobs.map((j) => j.copy)).toEqual(['customer']);
    const [text] = (await till.printer.waitForJobs(1)).map((j) => iconv.decode(j, 'gb18030'));
    expect(text).toContain('收银小票 SALES RECEIPT');
    expect(text).toContain('微信支付 WECHAT PAY');
    expect(text).toContain(r.transaction.qr!.orderNo);
    expect(text).toContain(`000001/${r.transaction.traceNo}`);
    expect(text).not.toContain(code);
    expect(rows(till, 'SELECT kind, state FROM outbox')).toEqual([
      { kind: 'qr-cancel', state: 'cancelled' },
    ]);
  });

  it('classifies Alipay and UnionPay codes by their digits', async () => {
    till = await qrTill();
    expect(await pay(till, ALIPAY)).toMatchObject({
      outcome: 'approved',
      transaction: { qr: { wallet: 'alipay' } },
    });
    expect(await pay(till, UNIONPAY)).toMatchObject({
      outcome: 'approved',
      transaction: { qr: { wallet: 'unionpay' } },
    });
  });

  it('5 user paying, then paid: queried every 5 s with a countdown until success', async () => {
    till = await qrTill();
    const progress: unknown[] = [];
    till.core.onEvent((name, payload) => {
      if (name === 'qr:progress') progress.push(payload);
    });
    const r = await pay(till, wechat(5));
    expect(r).toMatchObject({ outcome: 'approved', transaction: { state: 'approved' } });
    expect(await paths(till)).toEqual(['/pay', '/query', '/query']);
    expect(progress).toEqual([
      { phase: 'paying', secondsLeft: null },
      { phase: 'waiting-for-customer', secondsLeft: 60 },
      { phase: 'waiting-for-customer', secondsLeft: 55 },
    ]);
  });

  it('6 user paying and never confirming: after 60 s the order is cancelled (closed)', async () => {
    till = await qrTill();
    const r = await pay(till, wechat(6));
    expect(r).toMatchObject({
      outcome: 'cancelled',
      reason: 'timed-out',
      transaction: { state: 'cancelled' },
    });
    const p = await paths(till);
    expect(p[0]).toBe('/pay');
    expect(p.filter((x) => x === '/query')).toHaveLength(12); // 5 s … 60 s
    expect(p.at(-1)).toBe('/cancel');
    expect((await till.gateway()).orders()[0]).toMatchObject({ status: 'CLOSED' });
    expect(rows(till, 'SELECT id FROM print_jobs')).toEqual([]);
  });

  it('7 insufficient balance: declined with the gateway code, nothing printed', async () => {
    till = await qrTill();
    const r = await pay(till, wechat(7));
    expect(r).toMatchObject({
      outcome: 'declined',
      reason: 'gateway-declined',
      gatewayCode: 'NOTENOUGH',
      transaction: { state: 'declined', qr: { gatewayCode: 'NOTENOUGH' } },
    });
    expect(await paths(till)).toEqual(['/pay']);
    expect(rows(till, 'SELECT id FROM print_jobs')).toEqual([]);
  });

  it('8 system error (HTTP 500): never paid again, queried, then cancelled', async () => {
    till = await qrTill();
    const r = await pay(till, wechat(8));
    expect(r).toMatchObject({ outcome: 'cancelled', reason: 'timed-out' });
    const p = await paths(till);
    expect(p.filter((x) => x === '/pay')).toHaveLength(1);
    expect(p.at(-1)).toBe('/cancel');
  });

  it('9 reply lost: the pay times out, the query finds it paid, approved (no second pay)', async () => {
    till = await qrTill({ gatewayTimeoutSec: 1 });
    const r = await pay(till, wechat(9));
    expect(r).toMatchObject({ outcome: 'approved', transaction: { state: 'approved' } });
    expect(await paths(till)).toEqual(['/pay', '/query']);
  });

  it('refuses a code that is no wallet’s before anything is stored or sent', async () => {
    till = await qrTill();
    for (const code of ['123456', '9912345678901234567', 'ABCDEFGH12345678', '13456789012345']) {
      const e = await err(till.core, 'qr:pay', { amountFen: 100, code });
      expect(e.code).toBe('QR_CODE_INVALID');
      expect(['unknown-prefix', 'bad-length', 'not-digits', 'empty']).toContain(e.params?.reason);
    }
    expect(rows(till, 'SELECT id FROM transactions')).toEqual([]);
    expect(await till.core.internals.trainingGateway()).toBeNull(); // never even started
  });

  it('lets the cashier give up while the customer confirms: the order is cancelled', async () => {
    till = await qrTill();
    const t = till;
    const done = t.core.dispatch('qr:pay', { amountFen: 500, code: wechat(6) });
    await vi.waitFor(() => expect(t.stepper.pending()).toBe(1));
    await ok(t.core, 'qr:cancel');
    const r = (await done) as Result<QrOutcome>;
    expect(r).toMatchObject({
      ok: true,
      value: {
        outcome: 'cancelled',
        reason: 'cashier-cancelled',
        transaction: { state: 'cancelled' },
      },
    });
    expect((await paths(t)).at(-1)).toBe('/cancel');
  });
});

describe('a cancel that does not stick', () => {
  it('goes on from the outbox, also after a restart, until the gateway closes the order', async () => {
    external = await startTrainingGateway({ token: 'live-token-1234', confirmAfterQueries: 2 });
    till = await qrTill({ live: { gateway: external, token: 'live-token-1234' } });
    const t = till;
    const done = t.core.dispatch('qr:pay', { amountFen: 880, code: wechat(6) });
    // Pay went through (user paying); then the gateway goes down mid-poll.
    await vi.waitFor(() => expect(t.stepper.pending()).toBe(1));
    external.failNext(1_000, 'drop');
    const r = (await runToEnd(t.stepper, done)) as Result<QrOutcome>;
    expect(r).toMatchObject({
      ok: true,
      value: { outcome: 'cancel-pending', transaction: { state: 'cancel_pending' } },
    });
    expect(rows(t, "SELECT state FROM outbox WHERE kind = 'qr-cancel'")).toEqual([
      { state: 'pending' },
    ]);
    expect(external.orders()[0]).toMatchObject({ status: 'USERPAYING' });

    // Power off; the gateway comes back; the terminal starts again.
    await t.stop();
    external.failNext(0);
    const again = await qrTill({
      dir: t.dir,
      printer: t.printer,
      live: { gateway: external, token: 'live-token-1234' },
    });
    try {
      await again.core.internals.outbox.flush('qr-cancel');
      expect(row(again, 'SELECT state FROM transactions')).toEqual({ state: 'cancelled' });
      expect(external.orders()[0]).toMatchObject({ status: 'CLOSED' });
      expect(rows(again, "SELECT state FROM outbox WHERE kind = 'qr-cancel'")).toEqual([
        { state: 'done' },
      ]);
    } finally {
      await again.stop();
    }
  });
});
