import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n';
import { Settlement } from '../../renderer/src/screens/Settlement';
import { SUPERVISOR, rows, type CardTill } from '../integration/cards/harness';
import { tillWithUncertainRefund } from '../integration/cards/uncertain-refund-harness';
import { installPos } from './in-process-pos';
import { rawIdentifiers, screenTexts } from './raw-identifiers';

/**
 * 结算 with a card 退货 the host never answered: the screen lists it (masked
 * card, voucher, amount) with the supervisor's settle form, holds the batch
 * until it is settled, and settles once it is — on a real core and the
 * training host.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function show(t: CardTill, language: 'zh-CN' | 'en') {
  installPos(t.core);
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <Settlement />
    </I18nextProvider>,
  );
}

const settlements = () =>
  rows<{ batch_no: string; step: string }>(till!.core, 'SELECT batch_no, step FROM settlements');

describe('settlement screen with an uncertain card refund', () => {
  it('lists it, keeps 结算 off until the supervisor records 银行已退款, then settles balanced', async () => {
    const { t, refund } = await tillWithUncertainRefund('delay');
    till = t;
    await show(t, 'zh-CN');
    const list = await screen.findByTestId('settlement-uncertain');
    expect(list.textContent).toContain('本批次有 1 笔银行卡退货结果未定');
    const rowText = screen.getByTestId('settlement-uncertain-row').textContent ?? '';
    expect(rowText).toContain(`凭证号 ${refund.traceNo}`);
    expect(rowText).toContain('¥10.00');
    expect(rowText).toContain(refund.card!.panMasked);
    expect(screenTexts(list).flatMap(rawIdentifiers)).toEqual([]);
    expect((screen.getByTestId('settlement-run') as HTMLButtonElement).disabled).toBe(true);

    const user = userEvent.setup();
    const id = (name: string) => `settlement-${refund.id}-resolve-${name}`;
    await user.click(screen.getByTestId(id('went')));
    await user.type(screen.getByTestId(id('supervisor-password')), SUPERVISOR.password);
    await user.click(screen.getByTestId(id('submit')));
    await waitFor(() => expect(screen.queryByTestId('settlement-uncertain')).toBeNull());
    // The totals now carry the refund the bank confirmed.
    await waitFor(() =>
      expect(screen.getByTestId('settlement-row-cardDomestic').textContent).toContain('¥10.00'),
    );
    const run = screen.getByTestId('settlement-run') as HTMLButtonElement;
    expect(run.disabled).toBe(false);
    await user.click(run);
    const verdict = await screen.findByTestId('settlement-verdict', {}, { timeout: 10_000 });
    expect(verdict.dataset.verdict).toBe('balanced');
    expect(settlements().map((s) => [s.batch_no, s.step])).toEqual([
      ['000001', 'closed'],
      ['000002', 'closed'],
    ]);
  });

  it('in English too, with nothing left unnamed', async () => {
    const { t } = await tillWithUncertainRefund('silent');
    till = t;
    await show(t, 'en');
    const list = await screen.findByTestId('settlement-uncertain');
    expect(list.textContent).toContain(
      '1 card refund(s) of this batch have an unknown outcome: settle each before the batch',
    );
    expect(screenTexts(list).flatMap(rawIdentifiers)).toEqual([]);
  });
});
