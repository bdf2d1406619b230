import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardOutcome, Result, TransactionView } from '../../preload/contract';
import { createI18n } from '../../renderer/src/i18n';
import { Preauth } from '../../renderer/src/screens/Preauth';
import { TransactionDetail } from '../../renderer/src/screens/history/TransactionDetail';
import {
  approvedSale,
  cardTill,
  padShows,
  presentCardAndPin,
  supervisorReady,
  SUPERVISOR,
  type CardTill,
} from '../integration/cards/harness';
import { cashierIn, ok, signOff } from '../support/core';
import { installPos } from './in-process-pos';

// Issue 18 item 7, follow-up: the sale's card wait shows its phase and the
// seconds left; pre-auth, its completion and cancel, and the refund waited
// for the host in silence. They show the same wait now.
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function show(ui: ReactNode) {
  installPos(till!.core);
  const i18n = await createI18n('zh-CN');
  render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}

/** The host stays silent to the next request: the wait shows "sent" and counts down. */
async function waitsForTheHostCountingDown() {
  await waitFor(() => expect(screen.getByTestId('card-wait').dataset.phase).toBe('waiting-host'));
  expect(screen.getByTestId('card-phase').textContent).toBe('已发出，等待主机应答…');
  const first = Number(screen.getByTestId('card-countdown').dataset.seconds);
  expect(screen.getByTestId('card-countdown').textContent).toBe(`剩余 ${first} 秒`);
  await waitFor(
    () => expect(Number(screen.getByTestId('card-countdown').dataset.seconds)).toBeLessThan(first),
    { timeout: 2_500 },
  );
}

async function openHold(t: CardTill, amountFen: number): Promise<TransactionView> {
  const done = t.core.dispatch('preauth:start', { amountFen }) as Promise<Result<CardOutcome>>;
  await presentCardAndPin(t.core, 'approve');
  const r = await done;
  if (!r.ok || r.value.outcome !== 'approved') throw new Error(JSON.stringify(r));
  return r.value.transaction;
}

describe('the card wait on the pre-auth and refund screens (item 7)', () => {
  it('pre-auth: the card, then sent and waiting for the host, with the seconds left', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    await show(<Preauth />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId('preauth-amount'), '50000');
    await user.click(screen.getByTestId('preauth-start'));
    expect((await screen.findByTestId('card-phase')).textContent).toBe(
      '请在密码键盘上刷卡、插卡或挥卡',
    );
    expect(screen.getByTestId('card-cancel')).toBeTruthy();
    (await till.host()).faults.silentNext(1);
    await presentCardAndPin(till.core, 'approve');
    await waitsForTheHostCountingDown();
    expect(screen.queryByTestId('card-cancel')).toBeNull(); // sent: too late to cancel
    await waitFor(
      () => expect(screen.getByTestId('preauth-result').dataset.outcome).toBe('reversal'),
      { timeout: 10_000 },
    );
    expect(screen.queryByTestId('card-wait')).toBeNull();
  });

  for (const kind of ['complete', 'cancel'] as const) {
    it(`pre-auth ${kind === 'complete' ? 'completion' : 'cancel'}: the same wait`, async () => {
      till = await cardTill({ host: { timeoutSec: 3 } });
      await supervisorReady(till);
      const hold = await openHold(till, 20_000);
      await show(<Preauth />);
      const user = userEvent.setup();
      await user.click(await screen.findByTestId(`preauth-${kind}-${hold.id}`));
      await user.type(screen.getByTestId('preauth-supervisor-password'), SUPERVISOR.password);
      (await till.host()).faults.silentNext(1);
      await user.click(screen.getByTestId('preauth-action-submit'));
      await screen.findByTestId('card-wait');
      await padShows(till.core, 'card');
      await ok(till.core, 'pinpad:presentCard', { cardId: 'approve' });
      await waitsForTheHostCountingDown();
      await waitFor(
        () => expect(screen.getByTestId('preauth-result').dataset.outcome).toBe('reversal'),
        { timeout: 10_000 },
      );
    });
  }

  it('refund of a settled card sale: the same wait', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    await supervisorReady(till);
    const sale = await approvedSale(till.core, 3_000);
    await signOff(till.core);
    await ok(till.core, 'auth:signIn', SUPERVISOR);
    await ok(till.core, 'settlement:run');
    await signOff(till.core);
    await cashierIn(till.core);
    await show(<TransactionDetail id={sale.transaction.id} onBack={() => undefined} />);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('refund-amount'), '1000');
    await user.type(screen.getByTestId('supervisor-password'), SUPERVISOR.password);
    (await till.host()).faults.silentNext(1);
    await user.click(screen.getByTestId('refund-submit'));
    expect((await screen.findByTestId('card-phase')).textContent).toBe(
      '请在密码键盘上刷卡、插卡或挥卡',
    );
    await padShows(till.core, 'card');
    await ok(till.core, 'pinpad:presentCard', { cardId: 'approve' });
    await waitsForTheHostCountingDown();
    await waitFor(
      () => expect(screen.getByTestId('refund-result').dataset.outcome).toBe('uncertain'),
      { timeout: 10_000 },
    );
  });

  it('void of a card sale (nothing to read: it sends at once): the same wait', async () => {
    till = await cardTill({ host: { timeoutSec: 3 } });
    await supervisorReady(till);
    const sale = await approvedSale(till.core, 4_000);
    await show(<TransactionDetail id={sale.transaction.id} onBack={() => undefined} />);
    const user = userEvent.setup();
    await user.type(await screen.findByTestId('void-supervisor-password'), SUPERVISOR.password);
    (await till.host()).faults.silentNext(1);
    await user.click(screen.getByTestId('void-submit'));
    await waitsForTheHostCountingDown();
    expect(screen.queryByTestId('card-cancel')).toBeNull();
    await waitFor(
      () => expect(screen.getByTestId('void-result').dataset.outcome).toBe('reversal'),
      { timeout: 10_000 },
    );
  });
});
