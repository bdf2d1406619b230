/**
 * One pre-authorisation completed twice at once from two sockets: both calls
 * pass the supervisor's password and the card is presented at the PIN pad.
 * Before the fix both completions were armed and sent — the hold debited
 * twice. Now the follow-up is checked again where it is armed: one goes to
 * the host, the other is refused PREAUTH_CLOSED and writes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CardOutcome, Result } from '../../../preload/contract';
import { isSimulatedPinPad } from '../../../native/pinpad';
import { cashierIn, ok, signOff } from '../../support/core';
import { padShows, presentCardAndPin } from '../cards/harness';
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
    const first = a.call('preauth:complete', { txId, amountFen: 20_000, supervisor: SUPERVISOR });
    const second = b.call('preauth:complete', { txId, amountFen: 20_000, supervisor: SUPERVISOR });
    // The card is presented as often as the PIN pad asks for it.
    const pad = t.core.internals.pinpad;
    if (!isSimulatedPinPad(pad)) throw new Error('training till expected');
    let settled = false;
    const answers = Promise.all([first, second]).finally(() => (settled = true));
    while (!settled) {
      await Promise.race([padShows(t.core, 'card', 2000).catch(() => undefined), answers]);
      if (!settled && pad.state().phase === 'card') pad.presentCard('approve');
    }
    const [r1, r2] = await answers;
    const results = [r1, r2];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => r.ok)).toMatchObject({ value: { outcome: 'approved' } });
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      error: { code: expect.stringMatching(/^(PREAUTH_CLOSED|CARD_BUSY)$/) },
    });
    expect(
      t.core.internals.db
        .prepare("SELECT state, amount_fen FROM transactions WHERE type = 'preauth_complete'")
        .all(),
    ).toEqual([{ state: 'approved', amount_fen: 20_000 }]);
  });
});
