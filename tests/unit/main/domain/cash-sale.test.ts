import { describe, expect, it } from 'vitest';
import { priceCashSale } from '../../../../main/domain/cash-sale';

describe('pricing a cash sale', () => {
  it('uses the keypad amount and computes the change', () => {
    expect(priceCashSale({ amountFen: 1234, items: [], tenderedFen: 2000 })).toEqual({
      ok: true,
      sale: { amountFen: 1234, tenderedFen: 2000, changeFen: 766, items: [] },
    });
  });

  it('sums item lines as quantity × unit price', () => {
    const r = priceCashSale({
      items: [
        { name: '矿泉水', quantity: 2, unitPriceFen: 350 },
        { name: '面包', quantity: 1, unitPriceFen: 534 },
      ],
      tenderedFen: 2000,
    });
    expect(r.ok && r.sale.amountFen).toBe(1234);
    expect(r.ok && r.sale.changeFen).toBe(766);
    expect(r.ok && r.sale.items.map((i) => i.amountFen)).toEqual([700, 534]);
  });

  it('refuses a keypad amount that disagrees with the item lines', () => {
    const r = priceCashSale({
      amountFen: 999,
      items: [{ name: 'a', quantity: 1, unitPriceFen: 100 }],
      tenderedFen: 1000,
    });
    expect(r).toEqual({
      ok: false,
      issues: [{ field: 'amountFen', rule: 'amountNotItemsTotal', params: { itemsFen: 100 } }],
    });
  });

  it('refuses items that add up past the ceiling', () => {
    const r = priceCashSale({
      items: [{ name: 'gold', quantity: 2, unitPriceFen: 99_999_999 }],
      tenderedFen: 0,
    });
    expect(r).toEqual({ ok: false, issues: [{ field: 'items', rule: 'amountRange' }] });
  });

  it('refuses cash short of the amount', () => {
    expect(priceCashSale({ amountFen: 1234, items: [], tenderedFen: 1233 })).toEqual({
      ok: false,
      tenderTooLow: { amountFen: 1234, tenderedFen: 1233 },
    });
  });

  it('accepts the exact amount with zero change', () => {
    const r = priceCashSale({ amountFen: 1234, items: [], tenderedFen: 1234 });
    expect(r.ok && r.sale.changeFen).toBe(0);
  });
});
