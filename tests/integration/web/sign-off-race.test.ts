/**
 * 交班 (sign-off) fired from a second socket while a payment or a drawer
 * movement of the same shift is still running. Before the fix the sign-off
 * went through: its report and blind count were taken without the sale the
 * host approved a moment later, or the paid-out the supervisor's password
 * let through, and both landed on a shift already closed. Now the sign-off is
 * refused SIGN_OFF_BUSY naming the running call, the call finishes, and the
 * sign-off after it counts it exactly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { cashierIn, ok, signOff } from '../../support/core';
import { padShows } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

const COUNT = { count: { by: 'total', countedFen: 0 } };

interface ShiftReport {
  shift: { tenders: Array<{ tender: string; salesCount: number; salesFen: number }> };
  count: { drawer: { paidOutFen: number; expectedFen: number } };
}

function cardLine(report: ShiftReport) {
  return report.shift.tenders.find((t) => t.tender === 'card');
}

/** The cardholder at the (simulated) PIN pad: card, PIN, Enter. */
async function cardholder(t: WebTill) {
  const pad = t.core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
  await padShows(t.core, 'card');
  pad.presentCard('approve');
  await padShows(t.core, 'pin');
  for (const key of [...TRAINING_PIN, 'enter']) pad.pressKey(key as PinPadKey);
}

describe('web shell: sign-off racing a running payment', () => {
  it('while the card sale waits at the PIN pad: refused, then the shift counts the sale', async () => {
    till = await webTill();
    const a = await till.client();
    const b = await till.client();
    const sale = a.call('card:sale', { amountFen: 1000 });
    await padShows(till.core, 'card');
    expect(await b.call('auth:signOff', COUNT)).toEqual({
      ok: false,
      error: { code: 'SIGN_OFF_BUSY', params: { channel: 'card:sale' } },
    });
    expect(await b.call('auth:session')).toMatchObject({
      ok: true,
      value: { session: { operatorNo: '01' } },
    });
    await cardholder(till);
    expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    const off = (await b.call('auth:signOff', COUNT)) as { ok: true; value: ShiftReport };
    expect(off.ok).toBe(true);
    expect(cardLine(off.value)).toMatchObject({ salesCount: 1, salesFen: 1000 });
  });

  it('while the host is being asked (after the PIN): refused, and the sale is in the report', async () => {
    till = await webTill();
    const a = await till.client();
    const b = await till.client();
    const sale = a.call('order:payCard', {
      orderId: (
        (await a.call('order:addOpenLine', { amountFen: 2500 })) as { value: { id: number } }
      ).value.id,
    });
    await cardholder(till);
    // The sign-off is sent the moment Enter is pressed: the sale is at the host.
    const off = await b.call('auth:signOff', COUNT);
    expect(off).toEqual({
      ok: false,
      error: { code: 'SIGN_OFF_BUSY', params: { channel: 'order:payCard' } },
    });
    expect(await sale).toMatchObject({ ok: true, value: { outcome: { outcome: 'approved' } } });
    const after = (await b.call('auth:signOff', COUNT)) as { ok: true; value: ShiftReport };
    expect(after.ok).toBe(true);
    expect(cardLine(after.value)).toMatchObject({ salesCount: 1, salesFen: 2500 });
    const orders = till.core.internals.db.prepare('SELECT state FROM orders').all();
    expect(orders).toEqual([{ state: 'paid' }]);
  });

  it('while a paid-out waits for the supervisor’s password: refused, and the count has it', async () => {
    till = await webTill();
    // The supervisor's first password, as the shop sets it.
    await signOff(till.core);
    await ok(till.core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    await ok(till.core, 'auth:signOff');
    await cashierIn(till.core);
    const a = await till.client();
    const b = await till.client();
    const move = a.call('cash:move', {
      kind: 'out',
      amountFen: 300,
      reason: '买胶带',
      supervisor: { operatorNo: '00', password: '246810' },
    });
    const off = await b.call('auth:signOff', COUNT);
    expect(off).toEqual({
      ok: false,
      error: { code: 'SIGN_OFF_BUSY', params: { channel: 'cash:move' } },
    });
    expect(await move).toMatchObject({ ok: true });
    const after = (await b.call('auth:signOff', {
      count: { by: 'total', countedFen: 0 },
    })) as { ok: true; value: ShiftReport };
    expect(after.ok).toBe(true);
    expect(after.value.count.drawer).toMatchObject({ paidOutFen: 300, expectedFen: -300 });
  });
});
