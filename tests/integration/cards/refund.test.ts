import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardRefundOutcome, Result, TransactionView } from '../../../preload/contract';
import { err, ok, cashierIn, signOff } from '../../support/core';
import { approvedSale, cardTill, hostLog, padShows, row, type CardTill } from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const SUPERVISOR = { operatorNo: '00', password: '246810' };
const localDate = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** A day with one card sale, settled by the supervisor; the cashier is back. */
async function settledSale(t: CardTill, amountFen: number): Promise<TransactionView> {
  const sale = await approvedSale(t.core, amountFen);
  await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(t.core, 'settlement:run');
  await signOff(t.core);
  await cashierIn(t.core);
  return sale.transaction;
}

/** The cashier asks for the refund; the customer's card goes on the PIN pad. */
async function refund(t: CardTill, sale: TransactionView, amountFen: number, cardId = 'approve') {
  const done = t.core.dispatch('refunds:card', {
    rrn: sale.card!.rrn,
    date: localDate(sale.createdAt),
    amountFen,
    supervisor: SUPERVISOR,
  }) as Promise<Result<CardRefundOutcome>>;
  const first = await Promise.race([
    done.then((r) => ({ r })),
    padShows(t.core, 'card').then(() => null),
  ]);
  if (first) return first.r;
  await ok(t.core, 'pinpad:presentCard', { cardId });
  return done;
}

describe('card refund (退货)', () => {
  it('right after settlement (keys gone), the refund signs in to the host itself, as the screen promises', async () => {
    till = await cardTill();
    const sale = await approvedSale(till.core, 10_000);
    await signOff(till.core);
    await ok(till.core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: SUPERVISOR.password,
      confirmPassword: SUPERVISOR.password,
    });
    await ok(till.core, 'settlement:run');
    expect((await ok<{ signedIn: boolean }>(till.core, 'host:status')).signedIn).toBe(false);
    const host = await till.host();
    const before = hostLog(host).length;
    const r = await refund(till, sale.transaction, 2_000);
    expect(r).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(
      hostLog(host)
        .slice(before)
        .map((l) => l.replace(/ \d{6} /, ' ')),
    ).toEqual(['0800 → 00', '0220 → 00']);
  });

  it('refunds a settled sale in parts up to the original, the card read again, slips noting the reference', async () => {
    till = await cardTill();
    const sale = await settledSale(till, 10_000);
    const first = await refund(till, sale, 4_000);
    expect(first).toMatchObject({
      ok: true,
      value: {
        outcome: 'approved',
        transaction: { type: 'refund', state: 'approved', amountFen: 4_000, originalTxId: sale.id },
      },
    });
    const second = await refund(till, sale, 6_000);
    expect(second).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(row(till.core, `SELECT state FROM transactions WHERE id = ${sale.id}`)).toEqual({
      state: 'refunded',
    });
    const host = await till.host();
    expect(
      host
        .ledger()
        .filter((e) => e.messageTypeCode === '25')
        .map((e) => e.amountFen),
    ).toEqual([4_000, 6_000]);
    const jobs = await till.printer.waitForJobs(2 + 1 + 4);
    const slip = iconv.decode(jobs.at(-1)!, 'gb18030');
    expect(slip).toContain('退货 REFUND');
    expect(slip).toContain(`原参考号 ORIG REF ${sale.card!.rrn}`);
    // Nothing left to refund.
    const third = await err(till.core, 'refunds:card', {
      rrn: sale.card!.rrn,
      date: localDate(sale.createdAt),
      amountFen: 1,
      supervisor: SUPERVISOR,
    });
    expect(third.code).toBe('REFUND_NOT_ALLOWED');
  });

  it('refuses more than what is left, a sale not yet settled, a wrong date and another card', async () => {
    till = await cardTill();
    const sale = await settledSale(till, 5_000);
    const over = await err(till.core, 'refunds:card', {
      rrn: sale.card!.rrn,
      date: localDate(sale.createdAt),
      amountFen: 5_001,
      supervisor: SUPERVISOR,
    });
    expect(over).toEqual({ code: 'REFUND_EXCEEDS', params: { refundable: '¥50.00' } });
    const wrongDate = await err(till.core, 'refunds:card', {
      rrn: sale.card!.rrn,
      date: '2020-01-01',
      amountFen: 100,
      supervisor: SUPERVISOR,
    });
    expect(wrongDate.code).toBe('REFUND_ORIGINAL_NOT_FOUND');
    const otherCard = await refund(till, sale, 100, 'swipe');
    expect(otherCard).toEqual({ ok: false, error: { code: 'REFUND_CARD_MISMATCH' } });

    const today = await approvedSale(till.core, 700); // open batch: a void's job
    const notSettled = await err(till.core, 'refunds:card', {
      rrn: today.transaction.card!.rrn,
      date: localDate(today.transaction.createdAt),
      amountFen: 100,
      supervisor: SUPERVISOR,
    });
    expect(notSettled).toEqual({ code: 'REFUND_NOT_ALLOWED', params: { reason: 'not-settled' } });
  });

  it('a refund the host never answers is uncertain, never reversed, and still counts against the sale', async () => {
    till = await cardTill();
    const sale = await settledSale(till, 3_000);
    const host = await till.host();
    host.faults.silentNext(1);
    const r = await refund(till, sale, 1_000);
    expect(r).toMatchObject({
      ok: true,
      value: { outcome: 'uncertain', transaction: { state: 'uncertain' } },
    });
    expect(hostLog(host).some((l) => l.startsWith('0400'))).toBe(false);
    const over = await err(till.core, 'refunds:card', {
      rrn: sale.card!.rrn,
      date: localDate(sale.createdAt),
      amountFen: 2_001,
      supervisor: SUPERVISOR,
    });
    expect(over).toEqual({ code: 'REFUND_EXCEEDS', params: { refundable: '¥20.00' } });
  });
});
