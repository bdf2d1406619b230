import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionPolicy, TransactionView } from '../../../preload/contract';
import { err, ok, cashierIn, signOff } from '../../support/core';
import {
  approvedSale,
  cardTill,
  row,
  rows,
  SUPERVISOR,
  supervisorReady,
  technician,
  type CardTill,
} from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const ESC_P = Buffer.from([0x1b, 0x70]); // drawer kick

async function cashSale(t: CardTill, amountFen: number): Promise<TransactionView> {
  const r = await ok<{ transaction: TransactionView }>(t.core, 'sale:cash', {
    amountFen,
    tenderedFen: amountFen,
  });
  return r.transaction;
}

/** The supervisor settles the day; the cashier signs back in. */
async function settle(t: CardTill) {
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
  await ok(t.core, 'settlement:run');
  await signOff(t.core);
  await cashierIn(t.core);
}

async function setPolicy(t: CardTill, change: Partial<TransactionPolicy>) {
  await signOff(t.core);
  await technician(t.core, async () => {
    const now = await ok<TransactionPolicy>(t.core, 'setup:getPolicy');
    await ok(t.core, 'setup:savePolicy', { ...now, ...change });
  });
  await cashierIn(t.core);
}

const refundCash = (t: CardTill, sale: TransactionView, amountFen: number) =>
  t.core.dispatch('refunds:cash', {
    batchNo: sale.batchNo,
    traceNo: sale.traceNo,
    amountFen,
    supervisor: SUPERVISOR,
  });

describe('cash refund (现金退货)', () => {
  it('refunds a settled cash sale in parts, found by batch + voucher; drawer opens; slip names the original', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const sale = await cashSale(till, 2_500);
    // Before settlement a cash sale is voided, not refunded.
    expect(await refundCash(till, sale, 1_000)).toMatchObject({
      ok: false,
      error: { code: 'REFUND_NOT_ALLOWED', params: { reason: 'not-settled' } },
    });
    await settle(till);

    const found = await ok<{ id: number }>(core, 'transactions:find', {
      batchNo: sale.batchNo,
      traceNo: sale.traceNo,
    });
    expect(found.id).toBe(sale.id);
    const first = await refundCash(till, sale, 1_000);
    expect(first).toMatchObject({
      ok: true,
      value: {
        outcome: 'approved',
        transaction: { type: 'refund', tender: 'cash', amountFen: 1_000, originalTxId: sale.id },
      },
    });
    const jobs = await till.printer.waitForJobs(4); // sale, shift report (交班), settlement report, refund
    const slip = jobs.at(-1)!;
    const text = iconv.decode(slip, 'gb18030');
    expect(text).toContain('退货 REFUND');
    expect(text).toContain(`原批次号 ORIG BATCH ${sale.batchNo}`);
    expect(text).toContain(`原凭证号 ORIG VOUCHER ${sale.traceNo}`);
    expect(text).not.toContain('找零 CHANGE');
    expect(slip.includes(ESC_P)).toBe(true);

    const detail = await ok<{ refundableFen: number }>(core, 'transactions:detail', {
      id: sale.id,
    });
    expect(detail.refundableFen).toBe(1_500);
    expect(await refundCash(till, sale, 1_600)).toMatchObject({
      ok: false,
      error: { code: 'REFUND_EXCEEDS', params: { refundable: '¥15.00' } },
    });
    await ok(core, 'refunds:cash', {
      batchNo: sale.batchNo,
      traceNo: sale.traceNo,
      amountFen: 1_500,
      supervisor: SUPERVISOR,
    });
    expect(row(core, `SELECT state FROM transactions WHERE id = ${sale.id}`)).toEqual({
      state: 'refunded',
    });
    expect(await refundCash(till, sale, 1)).toMatchObject({
      ok: false,
      error: { code: 'REFUND_NOT_ALLOWED', params: { reason: 'refunded' } },
    });
    // Who asked and who approved, for each refund.
    const approvals = rows<{ operator_no: string; detail: string }>(
      core,
      "SELECT operator_no, detail FROM audit_log WHERE action = 'supervisor.approved' ORDER BY id",
    ).map((a) => ({ by: a.operator_no, ...(JSON.parse(a.detail) as object) }));
    expect(approvals).toEqual([
      expect.objectContaining({
        by: '00',
        action: 'cash.refund',
        requestedBy: '01',
        amountFen: 1_000,
      }),
      expect.objectContaining({
        by: '00',
        action: 'cash.refund',
        requestedBy: '01',
        amountFen: 1_500,
      }),
    ]);
  });

  it('finds originals as the cashier keys them, with a clear error for each miss', async () => {
    till = await cardTill();
    const { core } = till;
    const card = await approvedSale(core, 4_200);
    const cash = await cashSale(till, 300);
    expect(await ok(core, 'transactions:find', { traceNo: cash.traceNo })).toEqual({ id: cash.id });
    const d = new Date(card.transaction.createdAt);
    const p = (n: number) => String(n).padStart(2, '0');
    const date = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    expect(await ok(core, 'transactions:find', { rrn: card.transaction.card!.rrn, date })).toEqual({
      id: card.transaction.id,
    });
    expect(
      await err(core, 'transactions:find', { rrn: card.transaction.card!.rrn, date: '2020-01-01' }),
    ).toMatchObject({ code: 'REFUND_ORIGINAL_NOT_FOUND' });
    expect(await err(core, 'transactions:find', { traceNo: '999999' })).toMatchObject({
      code: 'VOID_NOT_FOUND',
    });
    expect(
      await err(core, 'transactions:find', { traceNo: cash.traceNo, batchNo: '000777' }),
    ).toEqual({ code: 'VOUCHER_NOT_FOUND', params: { batchNo: '000777', traceNo: cash.traceNo } });
    // A voucher and a reference at once is not a question the screen can ask.
    expect(
      await err(core, 'transactions:find', { traceNo: cash.traceNo, rrn: '123456789012', date }),
    ).toMatchObject({ code: 'INVALID_INPUT', fields: [{ rule: 'findBy' }] });
  });

  it('honours the transaction parameters: refund off, a maximum refund, void and pre-auth off', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const sale = await cashSale(till, 9_000);
    await settle(till);

    await setPolicy(till, { maxRefundFen: 5_000 });
    expect(await refundCash(till, sale, 6_000)).toMatchObject({
      ok: false,
      error: { code: 'REFUND_EXCEEDS', params: { refundable: '¥50.00' } },
    });
    await setPolicy(till, { refund: false });
    expect(await refundCash(till, sale, 1_000)).toMatchObject({
      ok: false,
      error: { code: 'REFUND_NOT_ALLOWED', params: { reason: 'disabled' } },
    });
    await setPolicy(till, { void: false, preAuth: false });
    const open = await cashSale(till, 100);
    expect(await err(core, 'voids:run', { traceNo: open.traceNo, supervisor: SUPERVISOR })).toEqual(
      { code: 'VOID_NOT_ALLOWED', params: { reason: 'disabled' } },
    );
    expect((await err(core, 'preauth:start', { amountFen: 100 })).code).toBe('PREAUTH_DISABLED');
    // Nothing was written by the refused calls.
    expect(row(core, "SELECT count(*) AS n FROM transactions WHERE type != 'sale'")).toEqual({
      n: 0,
    });

    // Each change is audited old → new; the cashier can't change them; bad values are named.
    const changes = rows<{ detail: string }>(
      core,
      "SELECT detail FROM audit_log WHERE action = 'parameters.changed' ORDER BY id",
    ).flatMap((r) => (JSON.parse(r.detail) as { changes: Array<{ field: string }> }).changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'enabled.maxRefundFen', from: 5_000_000, to: 5_000 },
        { field: 'enabled.refund', from: true, to: false },
        { field: 'enabled.preAuth', from: true, to: false },
      ]),
    );
    expect(await err(core, 'setup:getPolicy')).toMatchObject({ code: 'FORBIDDEN' });
    await signOff(core);
    await technician(core, async () => {
      expect(
        await err(core, 'setup:savePolicy', {
          refund: true,
          void: true,
          preAuth: true,
          maxRefundFen: 0,
          passwordExpiryDays: -1,
        }),
      ).toMatchObject({
        code: 'INVALID_INPUT',
        fields: [
          { field: 'maxRefundFen', rule: 'amountRange' },
          { field: 'passwordExpiryDays', rule: 'expiryDays' },
        ],
      });
    });
  });
});
