import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// What a new cashier met walking the counter by keyboard alone (PRODUCT.md §11:
// the numeric keypad and Enter/Esc are enough for a whole card sale): the
// training PIN pad took only mouse clicks, and 「nfsq」 + Enter on the basket
// said 未知商品 with 农夫山泉 listed right under the field.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function toBasket(user: ReturnType<typeof userEvent.setup>, language: 'zh-CN' | 'en') {
  await renderApp(core, language);
  await screen.findByTestId('screen-standby');
  await user.keyboard('{Enter}');
  await screen.findByTestId('basket');
  await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('entry')));
}

describe('a card sale by the keypad alone (training PIN pad)', () => {
  it.each(['zh-CN', 'en'] as const)(
    '%s: 1 presents the first test card, digits + Enter the PIN; Backspace clears',
    async (language) => {
      const user = userEvent.setup();
      await toBasket(user, language);
      await user.keyboard('1234+');
      await screen.findByTestId('line-1');
      await user.keyboard('{Enter}');
      await screen.findByTestId('tender-choice');
      await user.keyboard('2');
      const panel = await screen.findByTestId('pinpad-panel');
      await waitFor(() => expect(panel.dataset.phase).toBe('card'));
      // The keys are shown on the pad, in the screen's language.
      expect(within(panel).getByTestId('pinpad-card-keys').textContent).toBe(
        language === 'en'
          ? 'Keyboard: 1–9 picks a test card, Esc cancels'
          : '键盘：按 1–9 选测试卡，Esc 取消',
      );
      expect(within(panel).getByTestId('pinpad-card-approve').textContent).toMatch(/^1/);
      await user.keyboard('1');
      await waitFor(() => expect(screen.getByTestId('pinpad-panel').dataset.phase).toBe('pin'));
      await user.keyboard('99');
      await waitFor(() => expect(screen.getByTestId('pinpad-digits').dataset.digits).toBe('2'));
      await user.keyboard('{Backspace}');
      await waitFor(() => expect(screen.getByTestId('pinpad-digits').dataset.digits).toBe('0'));
      await user.keyboard('123456');
      await waitFor(() => expect(screen.getByTestId('pinpad-digits').dataset.digits).toBe('6'));
      await user.keyboard('{Enter}');
      expect((await screen.findByTestId('card-amount', {}, { timeout: 10_000 })).textContent).toBe(
        '¥12.34',
      );
    },
    20_000,
  );
});

describe('a pre-auth by the keypad alone: the pad takes the keys though the amount keeps the focus', () => {
  it('¥500.00 Enter, 1, PIN Enter: approved for ¥500.00 (the amount unchanged by the keys)', async () => {
    const user = userEvent.setup();
    await renderApp(core);
    await screen.findByTestId('screen-standby');
    await user.keyboard('6');
    const amount = await screen.findByTestId('preauth-amount');
    await waitFor(() => expect(document.activeElement).toBe(amount));
    await user.keyboard('50000{Enter}');
    await waitFor(() => expect(screen.getByTestId('pinpad-panel').dataset.phase).toBe('card'));
    await user.keyboard('1');
    await waitFor(() => expect(screen.getByTestId('pinpad-panel').dataset.phase).toBe('pin'));
    await user.keyboard('123456');
    await waitFor(() => expect(screen.getByTestId('pinpad-digits').dataset.digits).toBe('6'));
    await user.keyboard('{Enter}');
    await waitFor(
      () => expect(screen.getByTestId('preauth-result').dataset.outcome).toBe('approved'),
      { timeout: 10_000 },
    );
    expect((await screen.findByTestId('preauth-row')).textContent).toContain('¥500.00');
  }, 20_000);
});

describe('the basket field: words are searched, never looked up as a code', () => {
  it('「nfsq」 typed fast + Enter adds 农夫山泉 550ml (not 未知商品)', async () => {
    const user = userEvent.setup();
    await toBasket(user, 'zh-CN');
    await user.keyboard('nfsq{Enter}');
    const line = await screen.findByTestId('line-1');
    expect(line.textContent).toContain('农夫山泉饮用天然水 550ml');
    expect(screen.queryByTestId('unknown-code')).toBeNull();
  });

  it('with the results shown, the first is marked and Enter adds it; ↓ keeps it, ↓↓ the next', async () => {
    const user = userEvent.setup();
    await toBasket(user, 'zh-CN');
    await user.keyboard('nfsq');
    const results = await screen.findByTestId('entry-results');
    const options = within(results).getAllByRole('option');
    expect(options.length).toBeGreaterThan(1);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    await waitFor(() =>
      expect(
        within(screen.getByTestId('entry-results'))
          .getAllByRole('option')[1]!
          .getAttribute('aria-selected'),
      ).toBe('true'),
    );
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('line-1')).textContent).toContain('农夫山泉饮用天然水 1.5L');
  });

  it('F5 / F8 / F2 on an empty order say why nothing happens (F5 said 没有找到这张单据)', async () => {
    const user = userEvent.setup();
    await toBasket(user, 'zh-CN');
    for (const key of ['{F5}', '{F8}', '{F2}', '{F9}']) {
      await user.keyboard(key);
      await waitFor(() =>
        expect(screen.getByTestId('basket-notice').textContent).toBe(
          '单据中还没有商品：请先扫码、输入商品编码，或输入金额后按 + 键。',
        ),
      );
      expect(screen.queryByTestId('basket-error')).toBeNull();
    }
  });

  it('digits stay a code: an unknown barcode + Enter is 未知商品', async () => {
    const user = userEvent.setup();
    await toBasket(user, 'zh-CN');
    await user.keyboard('4891234567003{Enter}');
    await screen.findByTestId('unknown-code');
    expect(screen.queryByTestId('line-1')).toBeNull();
  });
});
