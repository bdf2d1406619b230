/**
 * Attacks on the web shell a second window (or a replayed frame) makes that
 * the earlier suites (tests/integration/web, fuzz/) do not: races between
 * calls that each look fine alone.
 *
 * A return's card refund waits at the PIN pad with its step marked started
 * but no transaction yet — what a crash leaves, and reconcile plans such a
 * step again. Before the fix a 取消 from a second window in that wait
 * cancelled the return while the refund went on (money back, goods recorded
 * as not returned), and a 继续退款 sent the same refund again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderView, Result } from '../../../preload/contract';
import { cashierIn, ok, signOff } from '../../support/core';
import { SUPERVISOR, padShows, presentCard } from '../cards/harness';
import { PRODUCTS, payByCard, scanned, stockCatalogue } from '../checkout/harness';
import { money } from '../checkout/returns-harness';
import { webTill, type WebTill } from '../web/ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

/** A web till with products, the supervisor's password set, cashier 01 signed in. */
async function shopTill(): Promise<WebTill> {
  const t = await webTill();
  stockCatalogue(t.core);
  await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(t.core, 'auth:signOff');
  await cashierIn(t.core);
  return t;
}

/** The supervisor settles the batch; cashier 01 is back. */
async function settle(t: WebTill) {
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', SUPERVISOR);
  await ok(t.core, 'settlement:run');
  await ok(t.core, 'auth:signOff');
  await cashierIn(t.core);
}

describe('web shell: a return whose card refund waits at the PIN pad', () => {
  it('取消 and 继续退款 from a second window are refused; the refund goes once', async () => {
    till = await shopTill();
    const t = till;
    const order: OrderView = await scanned(t.core, PRODUCTS.cola.barcode, 2);
    await payByCard(t.core, order.id);
    await settle(t);
    const [a, b] = [await t.client(), await t.client()];
    const colaLine = order.lines[0]!.id;
    const returning = a.call('returns:create', {
      orderId: order.id,
      lines: [{ lineId: colaLine, quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    await padShows(t.core, 'card');
    const open = (await b.call('returns:open')) as Result<{
      returns: Array<{ id: number; returnNo: string }>;
    }>;
    if (!open.ok) throw new Error(JSON.stringify(open.error));
    const { id: returnId, returnNo } = open.value.returns[0]!;
    const undecided = { ok: false, error: { code: 'RETURN_STEP_UNDECIDED', params: { returnNo } } };
    expect(await b.call('returns:cancel', { returnId, supervisor: SUPERVISOR })).toEqual(undecided);
    expect(await b.call('returns:resume', { returnId, supervisor: SUPERVISOR })).toEqual(undecided);

    await presentCard(t.core, 'approve');
    expect(await returning).toMatchObject({
      ok: true,
      value: { problem: null, return: { state: 'done' } },
    });
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'approved', 600],
      ['refund', 'card', 'approved', 300],
    ]);
  });
});
