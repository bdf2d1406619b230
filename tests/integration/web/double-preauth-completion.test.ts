/**
 * One pre-authorisation completed twice at once from two sockets, the card
 * on the reader: both pass the supervisor's password and read the card.
 * Before the fix both completions were armed and sent — the hold debited
 * twice. Now the follow-up is checked again where it is armed: one goes to
 * the host, the other is refused PREAUTH_CLOSED and writes nothing. The
 * training host holds the first answer back so the second is armed in that
 * window every time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CardOutcome, Result } from '../../../preload/contract';
import { isSimulatedPinPad } from '../../../native/pinpad';
import { cashierIn, ok, signOff } from '../../support/core';
import { presentCardAndPin } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

const SUPERVISOR = { operatorNo: '00', password: '246810' };

describe('web shell: a pre-authorisation completed twice at once', () => {
  it('one completion reaches the host, the other is refused and writes nothing', async () => {
    till = await webTill();
    const t = till;
    await signOff(t.core);
    await ok(t.core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: SUPERVISOR.password,
      confirmPassword: SUPERVISOR.password,
    });
    await ok(t.core, 'auth:signOff');
    await cashierIn(t.core);
    const started = t.core.dispatch('preauth:start', { amountFen: 20_000 }) as Promise<
      Result<CardOutcome>
    >;
    await presentCardAndPin(t.core, 'approve');
    const hold = await started;
    if (!hold.ok || hold.value.outcome !== 'approved') throw new Error(JSON.stringify(hold));
    const txId = hold.value.transaction.id;

    const [a, b] = [await t.client(), await t.client()];
    const pad = t.core.internals.pinpad;
    if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
    const host = await t.core.internals.trainingHost;
    if (!host) throw new Error('training host expected');
    // The card stays on the reader (each read answers at once), and the host
    // holds its first answer back: the second completion, sent with the
    // first, finds the hold open and is armed while the first is at the host.
    const card = pad.deck.find((c) => c.id === 'approve')!;
    pad.readCard = () =>
      Promise.resolve({ pan: card.pan, expiry: card.expiry, entryMode: card.entryMode });
    host.faults.delayNext(1, 1500);
    const first = a.call('preauth:complete', { txId, amountFen: 20_000, supervisor: SUPERVISOR });
    const second = b.call('preauth:complete', { txId, amountFen: 20_000, supervisor: SUPERVISOR });
    // Which socket's call reaches the core first is the network's to decide:
    // one is approved, the other refused.
    const results = await Promise.all([first, second]);
    const approved = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(approved, JSON.stringify(results)).toHaveLength(1);
    expect(approved[0]).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(refused).toEqual([{ ok: false, error: { code: 'PREAUTH_CLOSED', params: { txId } } }]);
    expect(
      t.core.internals.db
        .prepare("SELECT state, amount_fen FROM transactions WHERE type = 'preauth_complete'")
        .all(),
    ).toEqual([{ state: 'approved', amount_fen: 20_000 }]);
  });
});
