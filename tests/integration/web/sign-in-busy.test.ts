/**
 * 登录 (and a password change, which signs in) from a second socket — a
 * reloaded page, another window — while a payment of the signed-in cashier is
 * still running. Before the fix it went through: another operator's session
 * took over the till under a sale the host could still approve, counted in no
 * one's shift. Now it is refused SIGN_IN_BUSY naming the running call, as the
 * sign-off is (SIGN_OFF_BUSY), and goes through once the payment has ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { padShows } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

function padOf(t: WebTill) {
  const pad = t.core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
  return pad;
}

const SUPERVISOR = { operatorNo: '00', password: '123456' };

describe('web shell: sign-in racing a running payment', () => {
  it('while the card sale waits at the PIN pad: refused, and allowed once it ended', async () => {
    till = await webTill();
    const cashier = await till.client();
    const other = await till.client();
    const sale = cashier.call('card:sale', { amountFen: 1000 });
    await padShows(till.core, 'card');
    const busy = { ok: false, error: { code: 'SIGN_IN_BUSY', params: { channel: 'card:sale' } } };
    expect(await other.call('auth:signIn', SUPERVISOR)).toEqual(busy);
    expect(
      await other.call('auth:changePassword', {
        operatorNo: '00',
        currentPassword: '123456',
        newPassword: '246810',
        confirmPassword: '246810',
      }),
    ).toEqual(busy);
    // The cashier's session is untouched.
    expect(await other.call('auth:session')).toMatchObject({
      ok: true,
      value: { session: { operatorNo: '01' } },
    });
    padOf(till).pressKey('cancel');
    expect(await sale).toEqual({ ok: false, error: { code: 'PINPAD_CANCELLED' } });
    expect(await other.call('auth:signIn', SUPERVISOR)).toMatchObject({ ok: true });
  });

  it('while the sale is at the host (after the PIN): refused naming the order payment', async () => {
    till = await webTill();
    const cashier = await till.client();
    const other = await till.client();
    const host = await till.core.internals.trainingHost;
    host!.faults.delayNext(1, 1000);
    const order = (await cashier.call('order:addOpenLine', { amountFen: 2500 })) as {
      value: { id: number };
    };
    const paid = cashier.call('order:payCard', { orderId: order.value.id });
    await padShows(till.core, 'card');
    padOf(till).presentCard('approve');
    await padShows(till.core, 'pin');
    for (const key of [...TRAINING_PIN, 'enter']) padOf(till).pressKey(key as PinPadKey);
    expect(await other.call('auth:signIn', SUPERVISOR)).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_BUSY', params: { channel: 'order:payCard' } },
    });
    expect(await paid).toMatchObject({ ok: true, value: { outcome: { outcome: 'approved' } } });
  });
});
