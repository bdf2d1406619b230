/**
 * Closing the books while a card sale is still at the PIN pad, from a second
 * socket (the supervisor or the technician signs in over the cashier's
 * session, as the shell allows). Before the fixes: 结算 went ahead, retired
 * the working keys, and the sale — numbered in the batch just settled — was
 * refused HOST_SIGN_IN_REQUIRED after the customer's PIN and left behind as a
 * 'pending' row with its reversal held (half-written; a restart would have
 * sent a reversal for a request that never left). Now the settlement is
 * refused SETTLEMENT_BUSY naming the sale and settles it afterwards; and a
 * request whose keys went away anyway (new host settings saved meanwhile) is
 * closed as not sent, its reversal cancelled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { cashierIn, ok, signOff } from '../../support/core';
import { HOST_SETTINGS, approvedSale, padShows } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

async function cardholder(t: WebTill) {
  const pad = t.core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
  await padShows(t.core, 'card');
  pad.presentCard('approve');
  await padShows(t.core, 'pin');
  for (const key of [...TRAINING_PIN, 'enter']) pad.pressKey(key as PinPadKey);
}

/** A till with the supervisor's password set and one approved ¥5.00 card sale in batch 000001. */
async function tillWithASale() {
  const t = await webTill();
  await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await ok(t.core, 'auth:signOff');
  await cashierIn(t.core);
  await approvedSale(t.core, 500);
  return t;
}

const rows = (t: WebTill, sql: string) => t.core.internals.db.prepare(sql).all();

describe('web shell: settlement and host settings racing a card sale', () => {
  it('settlement while the sale waits at the PIN pad: refused, and the batch then has the sale', async () => {
    till = await tillWithASale();
    const cashier = await till.client();
    const supervisor = await till.client();
    const sale = cashier.call('card:sale', { amountFen: 1000 });
    await padShows(till.core, 'card');
    expect(
      await supervisor.call('auth:signIn', { operatorNo: '00', password: '246810' }),
    ).toMatchObject({ ok: true });
    expect(await supervisor.call('settlement:run')).toEqual({
      ok: false,
      error: { code: 'SETTLEMENT_BUSY', params: { channel: 'card:sale' } },
    });
    await cardholder(till);
    expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    const settled = (await supervisor.call('settlement:run')) as {
      ok: true;
      value: { batchNo: string; totals: { total: { debitCount: number; debitFen: number } } };
    };
    expect(settled).toMatchObject({ ok: true, value: { batchNo: '000001' } });
    expect(settled.value.totals.total).toMatchObject({ debitCount: 2, debitFen: 1500 });
    expect(rows(till, "SELECT batch_no, state FROM transactions WHERE type = 'sale'")).toEqual([
      { batch_no: '000001', state: 'approved' },
      { batch_no: '000001', state: 'approved' },
    ]);
  });

  it('host settings saved while the sale waits at the PIN pad: the sale is closed as not sent', async () => {
    till = await tillWithASale();
    const cashier = await till.client();
    const technician = await till.client();
    const sale = cashier.call('card:sale', { amountFen: 1000 });
    await padShows(till.core, 'card');
    expect(
      await technician.call('auth:signIn', { operatorNo: '99', password: '87654321' }),
    ).toMatchObject({ ok: true });
    expect(await technician.call('setup:saveHost', HOST_SETTINGS)).toMatchObject({ ok: true });
    await cardholder(till);
    expect(await sale).toEqual({ ok: false, error: { code: 'HOST_SIGN_IN_REQUIRED' } });
    // Nothing half-written: the row is closed (declined, not sent), its reversal cancelled.
    expect(rows(till, 'SELECT state FROM transactions WHERE amount_fen = 1000')).toEqual([
      { state: 'declined' },
    ]);
    expect(rows(till, "SELECT state FROM outbox WHERE kind = 'reversal'")).not.toContainEqual({
      state: 'held',
    });
    expect(rows(till, "SELECT state FROM outbox WHERE kind = 'reversal'")).not.toContainEqual({
      state: 'pending',
    });
  });
});
