import { describe, expect, it } from 'vitest';
import { formatOrderNumber, isOrderNumber } from '../../../../../main/domain/order/order-number';
import {
  lineDeleteNeedsSupervisor,
  withinDiscountLimit,
} from '../../../../../main/domain/order/limits';
import {
  ORDER_STATES,
  orderAllows,
  stateFromPayments,
} from '../../../../../main/domain/order/states';

const day = { year: 2026, month: 12, day: 4, hour: 15, minute: 51, second: 29 };

describe('order numbers (单号)', () => {
  it('are the local date and a six-digit sequence', () => {
    expect(formatOrderNumber(day, 123)).toBe('20261204000123');
    expect(formatOrderNumber(day, 999_999)).toBe('20261204999999');
    expect(formatOrderNumber(day, 1_000_000)).toBe('20261204000001');
    expect(() => formatOrderNumber(day, 0)).toThrow(RangeError);
    expect(isOrderNumber('20261204000123')).toBe(true);
    expect(isOrderNumber('6901234567892')).toBe(false);
  });
});

describe('order states', () => {
  it('lets the cashier edit, hold and pay only an open order', () => {
    const table = Object.fromEntries(
      ORDER_STATES.map((s) => [
        s,
        (['edit', 'hold', 'recall', 'pay', 'cancel'] as const).filter((a) => orderAllows(s, a)),
      ]),
    );
    expect(table).toEqual({
      open: ['edit', 'hold', 'pay', 'cancel'],
      held: ['recall', 'cancel'],
      paying: ['pay'],
      paid: [],
      cancelled: [],
    });
  });

  it('follows its payments: paid when covered, paying while any is approved or undecided', () => {
    expect(stateFromPayments(1000, 0, false)).toBe('open');
    expect(stateFromPayments(1000, 0, true)).toBe('paying');
    expect(stateFromPayments(1000, 400, false)).toBe('paying');
    expect(stateFromPayments(1000, 1000, false)).toBe('paid');
    expect(stateFromPayments(1000, 1000, true)).toBe('paid');
    expect(stateFromPayments(0, 0, false)).toBe('open');
  });
});

describe('discount limit and line deletes', () => {
  const limit = { percentBp: 1000, amountFen: 2000 };
  it('holds both the share of the gross and the amount', () => {
    expect(withinDiscountLimit(0, 0, limit)).toBe(true);
    expect(withinDiscountLimit(1000, 10_000, limit)).toBe(true); // 10 %, ¥10
    expect(withinDiscountLimit(1001, 10_000, limit)).toBe(false); // just over 10 %
    expect(withinDiscountLimit(2000, 100_000, limit)).toBe(true); // 2 %, ¥20
    expect(withinDiscountLimit(2001, 100_000, limit)).toBe(false); // over ¥20
  });
  it('asks for the supervisor never, always, or after N seconds', () => {
    expect(lineDeleteNeedsSupervisor({ mode: 'never' }, 0, 1e9)).toBe(false);
    expect(lineDeleteNeedsSupervisor({ mode: 'always' }, 0, 0)).toBe(true);
    expect(lineDeleteNeedsSupervisor({ mode: 'after', seconds: 60 }, 0, 60_000)).toBe(false);
    expect(lineDeleteNeedsSupervisor({ mode: 'after', seconds: 60 }, 0, 60_001)).toBe(true);
  });
});
