import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Issue 18 items 8 and 12: a payment that does not go through leaves the
// basket as it was, and the QR code field keeps the cursor after a refusal.
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

/** Standby → Enter → a ¥12.34 keypad line → Enter: the tender choice. */
async function basketToChoice(user: ReturnType<typeof userEvent.setup>) {
  await renderApp(core);
  await screen.findByTestId('screen-standby');
  await user.keyboard('{Enter}');
  await screen.findByTestId('basket');
  await user.keyboard('1234+');
  await screen.findByTestId('line-1');
  await user.keyboard('{Enter}');
  await screen.findByTestId('tender-choice');
  expect(screen.getByTestId('choice-due').textContent).toBe('¥12.34');
}

describe('after a payment that did not go through (item 8)', () => {
  it('a declined card: 下一笔 goes back to the tender choice with the same order', async () => {
    const user = userEvent.setup();
    await basketToChoice(user);
    const orderNo = (await ok<{ order: { number: string } | null }>(core, 'order:current')).order
      ?.number;
    await user.keyboard('2');
    await user.click(await screen.findByTestId('pinpad-card-insufficient'));
    for (const d of '123456') await user.click(await screen.findByTestId(`pinpad-key-${d}`));
    await user.click(screen.getByTestId('pinpad-key-enter'));
    await screen.findByTestId('card-declined');
    await user.click(screen.getByTestId('done-next'));
    await screen.findByTestId('tender-choice');
    expect(screen.getByTestId('choice-due').textContent).toBe('¥12.34');
    await user.keyboard('{Escape}');
    expect((await screen.findByTestId('basket')).dataset.order).toBe(orderNo);
    expect(screen.getByTestId('line-1')).toBeTruthy();
  });

  it('a QR order the cashier cancels while the customer confirms: 下一笔 keeps the basket', async () => {
    const user = userEvent.setup();
    await basketToChoice(user);
    await user.keyboard('3');
    await screen.findByTestId('qr-tender');
    // Last digit 6: the customer never confirms until the order is cancelled.
    await user.type(screen.getByTestId('qr-code-input'), '134567890123456786{Enter}');
    await user.click(await screen.findByTestId('qr-cancel'));
    await screen.findByTestId('qr-cancelled', {}, { timeout: 10_000 });
    await user.click(screen.getByTestId('done-next'));
    await screen.findByTestId('tender-choice');
    expect(screen.getByTestId('choice-due').textContent).toBe('¥12.34');
  });
});

describe('the QR code field (item 12)', () => {
  it('keeps the cursor after a code that is no wallet’s, so the next scan or digits land', async () => {
    const user = userEvent.setup();
    await basketToChoice(user);
    await user.keyboard('3');
    const field = await screen.findByTestId('qr-code-input');
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.keyboard('99999{Enter}');
    await screen.findByTestId('qr-error');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('qr-code-input')));
    await user.keyboard('12');
    expect((screen.getByTestId('qr-code-input') as HTMLInputElement).value).toBe('12');
  });
});

describe('a paid card sale on the virtual printer (item 18)', () => {
  it('says 小票已在屏幕上显示 once for its slips and receipt, and shows each of them', async () => {
    const user = userEvent.setup();
    await basketToChoice(user);
    await user.keyboard('2');
    await user.click(await screen.findByTestId('pinpad-card-approve'));
    for (const d of '123456') await user.click(await screen.findByTestId(`pinpad-key-${d}`));
    await user.click(screen.getByTestId('pinpad-key-enter'));
    await screen.findByTestId('card-approved');
    await waitFor(() =>
      expect(screen.getAllByText('小票已在屏幕上显示（虚拟打印机）')).toHaveLength(1),
    );
    // Every slip is still on screen, each in full.
    await waitFor(() =>
      expect(document.querySelectorAll('.receipt-paper').length).toBeGreaterThanOrEqual(2),
    );
  });
});
