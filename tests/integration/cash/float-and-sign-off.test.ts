import { afterEach, describe, expect, it } from 'vitest';
import type { CashCount, CashStatus, OrderView, ShiftSummary } from '../../../preload/contract';
import { enterFloat, err, ok } from '../../support/core';
import { cardTill, row, rows, SUPERVISOR, supervisorReady, type CardTill } from '../cards/harness';

// Issue 15, cash management: the opening float before a shift's first payment
// (unless the shop doesn't keep floats) and the blind count a cashier's
// sign-off (交班) must carry.

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const CASHIER = { operatorNo: '01', password: '1357' };
const count = (t: CardTill, sql: string) => row<{ n: number }>(t.core, sql).n;
const session = async (t: CardTill) =>
  (await ok<{ session: { operatorNo: string } | null }>(t.core, 'auth:session')).session;

/** A cashier on a new shift, no float entered yet. */
async function freshShift(): Promise<CardTill> {
  till = await cardTill();
  await supervisorReady(till, { float: false });
  return till;
}

describe('the opening float (备用金)', () => {
  it('no payment of any tender before the float; nothing is made for a refused one', async () => {
    const t = await freshShift();
    expect((await ok<CashStatus>(t.core, 'cash:status')).floatRequired).toBe(true);
    const orders = count(t, 'SELECT count(*) AS n FROM orders');
    const txs = count(t, 'SELECT count(*) AS n FROM transactions');
    const refused = [
      await err(t.core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 }),
      await err(t.core, 'card:sale', { amountFen: 1_000 }),
      await err(t.core, 'qr:pay', { amountFen: 1_000, code: '134567890123456789' }),
    ];
    for (const e of refused) expect(e.code).toBe('FLOAT_REQUIRED');
    // The one-call sales made no order (no number spent) and no transaction.
    expect(count(t, 'SELECT count(*) AS n FROM orders')).toBe(orders);
    expect(count(t, 'SELECT count(*) AS n FROM transactions')).toBe(txs);

    // The basket can be built; paying it waits for the float and the order stays open.
    const order = await ok<OrderView>(t.core, 'order:addOpenLine', { amountFen: 1_250 });
    const payCash = await err(t.core, 'order:payCash', {
      orderId: order.id,
      tenderedFen: 2_000,
    });
    expect(payCash.code).toBe('FLOAT_REQUIRED');
    expect(
      (await err(t.core, 'order:payQr', { orderId: order.id, code: '134567890123456789' })).code,
    ).toBe('FLOAT_REQUIRED');
    expect((await ok<{ order: OrderView }>(t.core, 'order:current')).order?.state).toBe('open');

    // ¥0.00 is a float: recorded and audited, no slip and no drawer opening (nothing goes in).
    const jobs = count(t, 'SELECT count(*) AS n FROM print_jobs');
    expect((await ok<CashStatus>(t.core, 'cash:setFloat', { amountFen: 0 })).floatFen).toBe(0);
    expect(count(t, 'SELECT count(*) AS n FROM print_jobs')).toBe(jobs);
    const actions = rows<{ action: string }>(
      t.core,
      'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1',
    );
    expect(actions[0]?.action).toBe('cash.float');
    const paid = await ok<{ order: OrderView }>(t.core, 'order:payCash', {
      orderId: order.id,
      tenderedFen: 2_000,
    });
    expect(paid.order.state).toBe('paid');
    await ok(t.core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });
  }, 60_000);

  it('asked once per shift: the same cashier back on the open shift (another operator or a restart between) is not asked again', async () => {
    const t = await freshShift();
    await ok(t.core, 'cash:setFloat', { amountFen: 10_000 });
    // The supervisor signs in over the cashier (no 交班): no float asked of them, the cashier's shift stays open.
    await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    expect((await err(t.core, 'cash:status')).code).toBe('FORBIDDEN');
    expect((await ok<ShiftSummary>(t.core, 'auth:shift')).operatorNo).toBe('00');
    await ok(t.core, 'auth:signIn', CASHIER);
    expect((await ok<CashStatus>(t.core, 'cash:status')).floatFen).toBe(10_000);
    await ok(t.core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });

    // A restart: the shift continues with its float, the sale goes through without asking.
    const { dir, printer } = t;
    await t.stop();
    till = await cardTill({ dir, printer });
    await ok(till.core, 'auth:signIn', CASHIER);
    expect((await ok<CashStatus>(till.core, 'cash:status')).floatFen).toBe(10_000);
    await ok(till.core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });
    expect((await err(till.core, 'cash:setFloat', { amountFen: 0 })).code).toBe('CASH_FLOAT_SET');
  }, 60_000);

  it('a second cashier taking over after the first one’s 交班 starts a shift of their own and is asked', async () => {
    const t = await freshShift();
    await enterFloat(t.core, 20_000);
    await ok(t.core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });
    await ok(t.core, 'auth:signOff', { count: { by: 'total', countedFen: 21_000 } });
    await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    await ok(t.core, 'operators:add', { operatorNo: '02', name: '李四', password: '2468' });
    await ok(t.core, 'auth:signOff');
    const first = await ok<{ status: string }>(t.core, 'auth:signIn', {
      operatorNo: '02',
      password: '2468',
    });
    if (first.status !== 'signed-in')
      await ok(t.core, 'auth:changePassword', {
        operatorNo: '02',
        currentPassword: '2468',
        newPassword: '8642',
        confirmPassword: '8642',
      });
    const status = await ok<CashStatus>(t.core, 'cash:status');
    expect(status).toMatchObject({ floatFen: null, count: null });
    const e = await err(t.core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });
    expect(e.code).toBe('FLOAT_REQUIRED');
    await ok(t.core, 'cash:setFloat', { amountFen: 20_000 });
    await ok(t.core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });
  }, 60_000);

  it('a shop without floats (parameter cash.floatRequired off): payments go through, floats stay optional', async () => {
    const t = await freshShift();
    // Only the supervisor or technician turns it off.
    expect((await err(t.core, 'cash:saveRules', { floatRequired: false })).code).toBe('FORBIDDEN');
    await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    expect(await ok(t.core, 'cash:rules')).toEqual({ floatRequired: true });
    expect(await ok(t.core, 'cash:saveRules', { floatRequired: false })).toEqual({
      floatRequired: false,
    });
    const audit = row<{ detail: string }>(
      t.core,
      "SELECT detail FROM audit_log WHERE action = 'parameters.changed' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.detail).toMatch(/cash\.floatRequired/);
    expect((await err(t.core, 'cash:saveRules', { floatRequired: 'no' })).code).toBe(
      'INVALID_INPUT',
    );
    await ok(t.core, 'auth:signIn', CASHIER);
    expect((await ok<CashStatus>(t.core, 'cash:status')).floatRequired).toBe(false);
    await ok(t.core, 'sale:cash', { amountFen: 1_000, tenderedFen: 1_000 });
    // Still no sign-off without the count: the cash taken is counted all the same.
    expect((await err(t.core, 'auth:signOff')).code).toBe('CASH_COUNT_REQUIRED');
  }, 60_000);
});

describe('the sign-off (交班) carries the blind count', () => {
  it('refused without a count; a count by denomination in the sign-off is recorded and answered', async () => {
    const t = await freshShift();
    await ok(t.core, 'cash:setFloat', { amountFen: 10_000 });
    await ok(t.core, 'sale:cash', { amountFen: 2_350, tenderedFen: 5_000 });

    const refused = await err(t.core, 'auth:signOff');
    expect(refused.code).toBe('CASH_COUNT_REQUIRED');
    expect((await session(t))?.operatorNo).toBe('01');
    expect((await ok<CashStatus>(t.core, 'cash:status')).count).toBeNull();
    // A bad count is named; the shift stays open.
    const bad = await err(t.core, 'auth:signOff', {
      count: { by: 'denominations', denominations: [{ valueFen: 300, pieces: 1 }] },
    });
    expect(bad.code).toBe('INVALID_INPUT');
    expect((await session(t))?.operatorNo).toBe('01');

    // ¥123.00 counted against ¥123.50 expected: ¥0.50 short.
    const off = await ok<{ shift: ShiftSummary; count: CashCount }>(t.core, 'auth:signOff', {
      count: {
        by: 'denominations',
        denominations: [
          { valueFen: 10_000, pieces: 1 },
          { valueFen: 2_000, pieces: 1 },
          { valueFen: 100, pieces: 3 },
        ],
      },
    });
    expect(off.count.drawer).toMatchObject({
      floatFen: 10_000,
      cashSalesFen: 2_350,
      expectedFen: 12_350,
      countedFen: 12_300,
      overShortFen: -50,
    });
    expect(off.shift.endedAt).not.toBeNull();
    expect(await session(t)).toBeNull();
    // The count, then the sign-off, each audited in that order.
    const last = rows<{ action: string }>(
      t.core,
      "SELECT action FROM audit_log WHERE action IN ('cash.counted', 'signoff') ORDER BY id DESC LIMIT 2",
    ).map((r) => r.action);
    expect(last).toEqual(['signoff', 'cash.counted']);
  }, 60_000);

  it('a count made before (cash:count) lets the sign-off through; a second count is refused', async () => {
    const t = await freshShift();
    await ok(t.core, 'cash:setFloat', { amountFen: 0 });
    await ok(t.core, 'cash:count', { by: 'total', countedFen: 0 });
    expect(
      (await err(t.core, 'auth:signOff', { count: { by: 'total', countedFen: 0 } })).code,
    ).toBe('CASH_COUNTED');
    const off = await ok<{ count: CashCount }>(t.core, 'auth:signOff');
    expect(off.count.drawer).toMatchObject({ expectedFen: 0, countedFen: 0, overShortFen: 0 });
  }, 60_000);

  it('the supervisor and the technician sign off without a count; a count from them is named', async () => {
    const t = await freshShift();
    await ok(t.core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    const wrong = await err(t.core, 'auth:signOff', { count: { by: 'total', countedFen: 0 } });
    expect(wrong.fields?.[0]).toMatchObject({ field: 'count', rule: 'countCashierOnly' });
    expect(await ok(t.core, 'auth:signOff')).toMatchObject({ count: null });
    await ok(t.core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    expect(await ok(t.core, 'auth:signOff')).toMatchObject({ count: null });
  }, 60_000);
});
