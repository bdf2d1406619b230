/**
 * Closing the books while a card sale is still at the PIN pad, from a second
 * socket (the supervisor or the technician signs in over the cashier's
 * session, as the shell allows). Before the fixes: 结算 went ahead, retired
 * the working keys, and the sale — numbered in the batch just settled — was
 * refused HOST_SIGN_IN_REQUIRED after the customer's PIN and left behind as a
 * 'pending' row with its reversal held (half-written; a restart would have
 * sent a reversal for a request that never left). Now the settlement is
 * refused SETTLEMENT_BUSY naming the running call and settles the sale
 * afterwards; and a request whose keys went away anyway (new host settings
 * saved meanwhile) is closed as not sent, its reversal cancelled. Since
 * SIGN_IN_BUSY the supervisor or technician can no longer sign in over the
 * cashier's running sale at all: the settlement is raced by the supervisor's
 * own void at the host instead, and the keys are retired as saving host
 * settings retires them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isSimulatedPinPad, type PinPadKey } from '../../../native/pinpad';
import { TRAINING_PIN } from '../../../native/pinpad/test-cards';
import { cashierIn, ok, signOff } from '../../support/core';
import { approvedSale, padShows } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

async function cardholder(t: WebTill, cardId = 'approve') {
  const pad = t.core.internals.pinpad;
  if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
  await padShows(t.core, 'card');
  pad.presentCard(cardId);
  await padShows(t.core, 'pin');
  for (const key of [...TRAINING_PIN, 'enter']) pad.pressKey(key as PinPadKey);
}

const SUPERVISOR = { operatorNo: '00', password: '246810' };

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
  const sale = await approvedSale(t.core, 500);
  return { t, traceNo: sale.transaction.traceNo };
}

const rows = (t: WebTill, sql: string) => t.core.internals.db.prepare(sql).all();

describe('web shell: settlement and host settings racing a card sale', () => {
  it('settlement while a payment runs: refused, and the batch then has the sale', async () => {
    const made = await tillWithASale();
    till = made.t;
    const cashier = await till.client();
    const supervisor = await till.client();
    const sale = cashier.call('card:sale', { amountFen: 1000 });
    await padShows(till.core, 'card');
    expect(await supervisor.call('auth:signIn', SUPERVISOR)).toEqual({
      ok: false,
      error: { code: 'SIGN_IN_BUSY', params: { channel: 'card:sale' } },
    });
    await cardholder(till);
    expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(await supervisor.call('auth:signIn', SUPERVISOR)).toMatchObject({ ok: true });
    // The supervisor's void of the first sale waits at the (slow) host.
    const host = await till.core.internals.trainingHost;
    host!.faults.delayNext(1, 1000);
    const voided = supervisor.call('voids:run', { traceNo: made.traceNo, supervisor: SUPERVISOR });
    expect(await supervisor.call('settlement:run')).toEqual({
      ok: false,
      error: { code: 'SETTLEMENT_BUSY', params: { channel: 'voids:run' } },
    });
    expect(await voided).toMatchObject({ ok: true });
    const settled = await supervisor.call('settlement:run');
    expect(settled).toMatchObject({ ok: true, value: { batchNo: '000001' } });
    expect(
      rows(till, "SELECT batch_no, amount_fen, state FROM transactions WHERE type = 'sale'"),
    ).toEqual([
      { batch_no: '000001', amount_fen: 500, state: 'voided' },
      { batch_no: '000001', amount_fen: 1000, state: 'approved' },
    ]);
  });

  it('a void started while the settlement sends a pending reversal: refused once the reversal is out', async () => {
    const made = await tillWithASale();
    till = made.t;
    const host = (await till.core.internals.trainingHost)!;
    // A sale whose approval fails its MAC, whose reversal the host refuses (96): one pending.
    host.faults.failReversals(1, '96');
    const cashier = await till.client();
    const lost = cashier.call('card:sale', { amountFen: 700 });
    await cardholder(till, 'bad-mac');
    expect(await lost).toMatchObject({
      ok: true,
      value: { outcome: 'reversal', delivered: false },
    });
    await signOff(till.core);
    const supervisor = await till.client();
    expect(await supervisor.call('auth:signIn', SUPERVISOR)).toMatchObject({ ok: true });
    // The settlement first sends the reversal, answered a second later; a void
    // of the first sale is started from another window meanwhile.
    host.faults.delayNext(1, 1000);
    const settling = supervisor.call('settlement:run');
    await new Promise((r) => setTimeout(r, 200));
    const other = await till.client();
    const voided = other.call('voids:run', { traceNo: made.traceNo, supervisor: SUPERVISOR });
    expect(await settling).toEqual({
      ok: false,
      error: { code: 'SETTLEMENT_BUSY', params: { channel: 'voids:run' } },
    });
    expect(await voided).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(await supervisor.call('settlement:run')).toMatchObject({
      ok: true,
      value: { batchNo: '000001' },
    });
    expect(rows(till, 'SELECT count(*) AS n FROM settlements')).toEqual([{ n: 1 }]);
  });

  it('host settings saved while the sale waits at the PIN pad: the sale is closed as not sent', async () => {
    till = (await tillWithASale()).t;
    const cashier = await till.client();
    const technician = await till.client();
    const sale = cashier.call('card:sale', { amountFen: 1000 });
    await padShows(till.core, 'card');
    expect(
      await technician.call('auth:signIn', { operatorNo: '99', password: '87654321' }),
    ).toEqual({ ok: false, error: { code: 'SIGN_IN_BUSY', params: { channel: 'card:sale' } } });
    // What saving new host settings does to the working keys (setup's onHostSaved).
    till.core.internals.host.signOut();
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
