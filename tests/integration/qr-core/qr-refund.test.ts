import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  QrOutcome,
  QrRefundOutcome,
  Result,
  TransactionView,
} from '../../../preload/contract';
import { err, ok, cashierIn, signOff } from '../../support/core';
import { qrTill, runToEnd, wechat, type QrTill } from './harness';

let till: QrTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

/**
 * The supervisor changes the initial 123456 once, as on a real terminal's first
 * day, stepping in over the cashier's open shift (no 交班: nothing printed);
 * the cashier then continues it.
 */
async function supervisorReady(t: QrTill) {
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await signOff(t.core);
  await cashierIn(t.core);
}

const SUPERVISOR = { operatorNo: '00', password: '246810' };

async function paidSale(t: QrTill, amountFen: number): Promise<TransactionView> {
  const r = (await runToEnd(
    t.stepper,
    t.core.dispatch('qr:pay', { amountFen, code: wechat(1) }),
  )) as Result<QrOutcome>;
  if (!r.ok || r.value.outcome !== 'approved') throw new Error(JSON.stringify(r));
  return r.value.transaction;
}

const refund = (t: QrTill, txId: number, amountFen: number, supervisor = SUPERVISOR) =>
  ok<QrRefundOutcome>(t.core, 'qr:refund', { txId, amountFen, supervisor });

describe('QR refunds (退货)', () => {
  it('refunds in parts up to the original, to the same wallet, with the history to show', async () => {
    till = await qrTill();
    await supervisorReady(till);
    const sale = await paidSale(till, 10_000);

    const first = await refund(till, sale.id, 3_000);
    expect(first).toMatchObject({
      outcome: 'approved',
      transaction: {
        type: 'refund',
        tender: 'qr',
        state: 'approved',
        amountFen: 3_000,
        originalTxId: sale.id,
        qr: { wallet: 'wechat', originalOrderNo: sale.qr!.orderNo },
      },
    });
    expect(first.transaction.qr!.orderNo).not.toBe(sale.qr!.orderNo);
    const second = await refund(till, sale.id, 7_000);
    expect(second.outcome).toBe('approved');

    const gateway = await till.gateway();
    expect(gateway.orders()[0]).toMatchObject({ refundedFen: 10_000 });
    expect(gateway.orders()[0]!.refunds.map((r) => r.amountFen)).toEqual([3_000, 7_000]);

    // Nothing left: a third refund is refused before the gateway is asked.
    const e = await err(till.core, 'qr:refund', {
      txId: sale.id,
      amountFen: 1,
      supervisor: SUPERVISOR,
    });
    expect(e.code).toBe('REFUND_NOT_ALLOWED'); // the sale is now fully refunded
    const detail = await ok<{
      transaction: TransactionView;
      events: Array<{ to: string; note: string | null }>;
      refunds: TransactionView[];
      refundableFen: number;
    }>(till.core, 'transactions:detail', { id: sale.id });
    expect(detail.transaction.state).toBe('refunded');
    expect(detail.refunds.map((r) => r.amountFen)).toEqual([3_000, 7_000]);
    expect(detail.refundableFen).toBe(0);
    expect(detail.events.map((ev) => ev.to)).toEqual(['pending', 'approved', 'refunded']);

    // The sale printed its order receipt; each refund merchant + customer copies marked 退货.
    const jobs = await till.printer.waitForJobs(5);
    expect(iconv.decode(jobs[1]!, 'gb18030')).toContain('退货 REFUND');
    expect(iconv.decode(jobs[1]!, 'gb18030')).toContain(sale.qr!.orderNo);

    const audit = till.core.internals.db
      .prepare("SELECT operator_no, detail FROM audit_log WHERE action = 'supervisor.approved'")
      .all() as Array<{ operator_no: string; detail: string }>;
    expect(audit).toHaveLength(2);
    expect(audit[0]!.operator_no).toBe('00');
  });

  it('refuses more than what is left, naming what is left', async () => {
    till = await qrTill();
    await supervisorReady(till);
    const sale = await paidSale(till, 5_000);
    await refund(till, sale.id, 4_000);
    const e = await err(till.core, 'qr:refund', {
      txId: sale.id,
      amountFen: 1_001,
      supervisor: SUPERVISOR,
    });
    expect(e).toEqual({ code: 'REFUND_EXCEEDS', params: { refundable: '¥10.00' } });
    expect((await till.gateway()).orders()[0]!.refunds).toHaveLength(1);
  });

  it('needs the supervisor: a cashier number or a wrong password is refused and nothing is refunded', async () => {
    till = await qrTill();
    await supervisorReady(till);
    const sale = await paidSale(till, 2_000);
    expect(
      await err(till.core, 'qr:refund', {
        txId: sale.id,
        amountFen: 100,
        supervisor: { operatorNo: '01', password: '1357' },
      }),
    ).toEqual({ code: 'SUPERVISOR_REQUIRED' });
    const wrong = await err(till.core, 'qr:refund', {
      txId: sale.id,
      amountFen: 100,
      supervisor: { operatorNo: '00', password: '000000' },
    });
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect((await till.gateway()).orders()[0]!.refunds).toEqual([]);
    expect(
      till.core.internals.db
        .prepare("SELECT count(*) AS n FROM transactions WHERE type = 'refund'")
        .get(),
    ).toEqual({ n: 0 });
  });

  it('refuses to refund a cash sale or a declined QR payment', async () => {
    till = await qrTill();
    await supervisorReady(till);
    const cash = await ok<{ transaction: TransactionView }>(till.core, 'sale:cash', {
      amountFen: 1_000,
      tenderedFen: 1_000,
    });
    expect(
      await err(till.core, 'qr:refund', {
        txId: cash.transaction.id,
        amountFen: 100,
        supervisor: SUPERVISOR,
      }),
    ).toEqual({ code: 'REFUND_NOT_ALLOWED' });
    const declined = (await runToEnd(
      till.stepper,
      till.core.dispatch('qr:pay', { amountFen: 700, code: wechat(7) }),
    )) as Result<QrOutcome>;
    if (!declined.ok) throw new Error('pay failed');
    expect(
      await err(till.core, 'qr:refund', {
        txId: declined.value.transaction.id,
        amountFen: 100,
        supervisor: SUPERVISOR,
      }),
    ).toEqual({ code: 'REFUND_NOT_ALLOWED' });
  });

  it('asks again with the same refund number when the answer is lost, and settles from the outbox', async () => {
    till = await qrTill();
    await supervisorReady(till);
    const sale = await paidSale(till, 3_000);
    const gateway = await till.gateway();
    gateway.failNext(1, 'http-500');
    const r = await refund(till, sale.id, 1_000);
    expect(r).toMatchObject({ outcome: 'uncertain', transaction: { state: 'uncertain' } });
    await till.core.internals.outbox.flush('qr-refund');
    const detail = await ok<{ refunds: TransactionView[]; refundableFen: number }>(
      till.core,
      'transactions:detail',
      { id: sale.id },
    );
    expect(detail.refunds.map((x) => x.state)).toEqual(['approved']);
    expect(detail.refundableFen).toBe(2_000);
    const order = gateway.orders()[0]!;
    expect(order.refunds).toHaveLength(1); // one refund, though asked twice
    const refundPaths = gateway.requests().filter((q) => q.path === '/refund');
    expect(refundPaths).toHaveLength(2);
  });
});
