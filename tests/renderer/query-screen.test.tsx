import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
  for (const amountFen of [100, 200, 300])
    await ok(core, 'sale:cash', { amountFen, tenderedFen: amountFen });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('交易查询, keyboard only', () => {
  it('0 opens the list newest first; ↓ ↓ ↑ picks a row, Enter opens it, Esc goes back', async () => {
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    const user = userEvent.setup();
    await user.keyboard('0');
    await screen.findByTestId('screen-history');
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(3));
    const selected = () =>
      screen
        .getAllByTestId('history-row')
        .findIndex((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected()).toBe(0);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(selected()).toBe(1);
    await user.keyboard('{Enter}');
    await screen.findByTestId('screen-transaction');
    // The second newest is the ¥2.00 sale.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('¥2.00');
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-history');
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-standby');
  });

  it('a filter narrows the list (amount range), and a bad value is named at its field', async () => {
    await renderApp(core, 'en');
    await screen.findByTestId('screen-standby');
    const user = userEvent.setup();
    await user.keyboard('0');
    await screen.findByTestId('screen-history');
    await user.type(screen.getByTestId('query-minYuan'), '1.50');
    await user.click(screen.getByTestId('query-search'));
    await waitFor(() => expect(screen.getAllByTestId('history-row')).toHaveLength(2));
    await user.type(screen.getByTestId('query-cardLast4'), '12');
    await user.click(screen.getByTestId('query-search'));
    expect((await screen.findByTestId('field-error-cardLast4')).textContent).not.toBe('');
  });
});
