import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardOutcome, Result } from '../../preload/contract';
import { createI18n } from '../../renderer/src/i18n';
import { CardPending } from '../../renderer/src/components/CardPending';
import { cardTill, padShows, presentCardAndPin, type CardTill } from '../integration/cards/harness';
import { installPos } from './in-process-pos';
import { openScreen, runInScreen } from '../../main/core/screen-scope';

// A page that comes up (reloaded) while a card sale it did not start is still
// at the host: it says so, with the amount, and turns into the result when
// the sale ends. Real core, training host held back so the sale is still
// running when the page asks.
let till: CardTill | null = null;
afterEach(async () => {
  cleanup();
  await till?.remove();
  till = null;
});

async function show(language: 'zh-CN' | 'en') {
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <CardPending />
    </I18nextProvider>,
  );
}

/** A ¥42.00 card sale sent to a host that answers `delayMs` later. */
async function saleAtHost(t: CardTill, delayMs: number, cardId = 'approve') {
  const sale = t.core.dispatch('card:sale', { amountFen: 4_200 }) as Promise<Result<CardOutcome>>;
  await padShows(t.core, 'card');
  (await t.host()).faults.delayNext(1, delayMs);
  await presentCardAndPin(t.core, cardId);
  return sale;
}

describe('CardPending: a card payment the page did not start', () => {
  it('shows the running sale with its amount, then its result', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    installPos(till.core);
    const sale = saleAtHost(till, 1_500);
    await show('zh-CN');
    const notice = await screen.findByTestId('card-pending');
    expect(notice.textContent).toContain('有一笔银行卡交易正在处理，请稍候…');
    expect(screen.getByTestId('card-pending-amount').textContent).toBe('消费金额：¥42.00');
    await waitFor(() => expect(notice.dataset.phase).toBe('waiting-host'));
    expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    await waitFor(() =>
      expect(screen.getByTestId('card-pending-result').textContent).toBe(
        '该笔消费已成功：¥42.00。',
      ),
    );
    await userEvent.click(screen.getByTestId('card-pending-dismiss'));
    expect(screen.queryByTestId('card-pending')).toBeNull();
  });

  it('in English, a declined sale', async () => {
    till = await cardTill({ host: { timeoutSec: 10 } });
    installPos(till.core);
    const sale = saleAtHost(till, 1_000, 'insufficient');
    await show('en');
    expect((await screen.findByTestId('card-pending')).textContent).toContain(
      'A card payment is in progress, please wait…',
    );
    expect(screen.getByTestId('card-pending-amount').textContent).toBe('Amount (sale): ¥42.00');
    await sale;
    await waitFor(() =>
      expect(screen.getByTestId('card-pending-result').textContent).toBe(
        'That sale was declined (response code 51); the card was not charged.',
      ),
    );
  });

  it('a sale whose screen went away at the card wait: says so, not that 取消 was pressed on the pad', async () => {
    till = await cardTill();
    installPos(till.core);
    const gone = openScreen();
    const sale = runInScreen(gone, () => till!.core.dispatch('card:sale', { amountFen: 4_200 }));
    await padShows(till.core, 'card');
    await show('zh-CN');
    await screen.findByTestId('card-pending');
    gone.close();
    expect(await sale).toEqual({ ok: false, error: { code: 'PINPAD_SCREEN_CLOSED' } });
    await waitFor(() =>
      expect(screen.getByTestId('card-pending-result').textContent).toBe(
        '该笔消费未完成：发起交易的页面已关闭或刷新，刷卡等待已取消：未向银行发送。',
      ),
    );
  });

  it('shows nothing when no card payment is running, nor for one started afterwards', async () => {
    till = await cardTill();
    installPos(till.core);
    await show('zh-CN');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sale = saleAtHost(till, 0);
    await sale;
    expect(screen.queryByTestId('card-pending')).toBeNull();
  });
});
