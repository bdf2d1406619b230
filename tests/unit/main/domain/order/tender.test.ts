import { describe, expect, it } from 'vitest';
import {
  checkTender,
  defaultPaymentFen,
  paidFen,
  remainderFen,
  undoAction,
  undoOrder,
  type PaymentLike,
} from '../../../../../main/domain/order/tender';

const pay = (tender: PaymentLike['tender'], amountFen: number, state = 'approved') => ({
  tender,
  amountFen,
  state,
});

describe('split tender arithmetic (组合支付)', () => {
  it('counts only approved payments towards what is paid', () => {
    const payments = [
      pay('qr', 5000),
      pay('card', 3000, 'declined'),
      pay('card', 2000, 'reversed'),
      pay('card', 1000, 'uncertain'),
      pay('card', 4000),
    ];
    expect(paidFen(payments)).toBe(9000);
    expect(remainderFen(12_345, payments)).toBe(3345);
    expect(defaultPaymentFen(remainderFen(12_345, payments))).toBe(3345);
  });

  it('never leaves a negative remainder', () => {
    expect(remainderFen(1000, [pay('card', 600), pay('cash', 400)])).toBe(0);
    expect(remainderFen(0, [])).toBe(0);
  });

  it('pays any order exactly with any split of card and QR payments then cash', () => {
    // property-style: every split of a total into card/QR parts leaves cash exactly the rest
    for (let total = 1; total < 3000; total += 37) {
      for (let parts = 1; parts <= 4; parts += 1) {
        const payments: PaymentLike[] = [];
        let due = total;
        for (let i = 0; i < parts && due > 1; i += 1) {
          const amount = Math.max(1, Math.floor((due * (i + 1)) / (parts + 2)));
          const ok = checkTender(i % 2 ? 'qr' : 'card', amount, due);
          expect(ok).toEqual({ ok: true, payFen: amount, changeFen: 0 });
          payments.push(pay(i % 2 ? 'qr' : 'card', amount));
          due = remainderFen(total, payments);
        }
        const cash = checkTender('cash', due + 55, due);
        expect(cash).toEqual({ ok: true, payFen: due, changeFen: 55 });
        payments.push(pay('cash', due));
        expect(paidFen(payments)).toBe(total);
        expect(remainderFen(total, payments)).toBe(0);
      }
    }
  });
});

describe('which tender may take the next payment', () => {
  it('lets a card or QR payment take 0.01 up to what is left, never more', () => {
    expect(checkTender('card', 1, 500)).toMatchObject({ ok: true, payFen: 1 });
    expect(checkTender('qr', 500, 500)).toMatchObject({ ok: true, payFen: 500 });
    expect(checkTender('card', 501, 500)).toEqual({ ok: false, reason: 'amount', maxFen: 500 });
    expect(checkTender('qr', 0, 500)).toEqual({ ok: false, reason: 'amount', maxFen: 500 });
    expect(checkTender('qr', 1.5, 500)).toEqual({ ok: false, reason: 'amount', maxFen: 500 });
  });

  it('takes cash only as the last payment: it covers all that is left and gives change', () => {
    expect(checkTender('cash', 499, 500)).toEqual({
      ok: false,
      reason: 'tenderedTooLow',
      dueFen: 500,
    });
    expect(checkTender('cash', 500, 500)).toEqual({ ok: true, payFen: 500, changeFen: 0 });
    expect(checkTender('cash', 10_000, 500)).toEqual({ ok: true, payFen: 500, changeFen: 9500 });
  });

  it('takes nothing once the order is paid', () => {
    for (const t of ['card', 'qr', 'cash'] as const)
      expect(checkTender(t, 100, 0)).toEqual({ ok: false, reason: 'nothingDue' });
  });
});

describe('undoing an abandoned order’s payments', () => {
  it('voids cards and cash in the open batch and refunds them after settlement; QR is refunded', () => {
    expect(undoAction('card', false)).toBe('card-void');
    expect(undoAction('card', true)).toBe('card-refund');
    expect(undoAction('qr', false)).toBe('qr-refund');
    expect(undoAction('qr', true)).toBe('qr-refund');
    expect(undoAction('cash', false)).toBe('cash-void');
    expect(undoAction('cash', true)).toBe('cash-refund');
  });

  it('undoes approved payments newest first, cash last', () => {
    const payments = [
      { id: 1, ...pay('qr', 100) },
      { id: 2, ...pay('card', 100, 'declined') },
      { id: 3, ...pay('cash', 100) },
      { id: 4, ...pay('card', 100) },
    ];
    expect(undoOrder(payments).map((p) => p.id)).toEqual([4, 1, 3]);
  });
});
