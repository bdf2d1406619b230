import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { ok, setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Held orders (挂单) are shown — not blocking — at sign-off and at settlement,
// so a customer's basket is not forgotten (issue 14, hold and recall).

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

async function holdBasket(amountFen: number) {
  await ok(core, 'order:addOpenLine', { amountFen });
  await ok(core, 'order:hold');
}

describe('held orders at sign-off and settlement', () => {
  it('sign-off lists the held orders with their total, and still signs off', async () => {
    await holdBasket(1_250);
    await holdBasket(300);
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'sign-off' });
    // Shown already at the blind count, and after it beside the sign-off.
    const notice = await screen.findByTestId('held-orders-notice');
    expect(notice.textContent).toContain('还有 2 张挂单未取（合计 ¥15.50）');
    expect(within(notice).getAllByTestId('held-orders-notice-row')).toHaveLength(2);
    fireEvent.click(screen.getByTestId('count-confirm'));
    await screen.findByTestId('count-result');
    expect(screen.getByTestId('held-orders-notice').textContent).toContain('合计 ¥15.50');
    expect(screen.getByTestId('sign-off-confirm')).not.toHaveProperty('disabled', true);
  });

  it('settlement shows them in English too; with none held there is no notice', async () => {
    await renderApp(core, 'en');
    await screen.findByTestId('screen-standby');
    useAppStore.getState().go({ name: 'sign-off' });
    await screen.findByTestId('screen-sign-off');
    fireEvent.click(await screen.findByTestId('count-confirm'));
    await screen.findByTestId('shift-operator');
    expect(screen.queryByTestId('held-orders-notice')).toBeNull();

    await holdBasket(999);
    useAppStore.getState().go({ name: 'settlement' });
    await screen.findByTestId('screen-settlement');
    const notice = await screen.findByTestId('held-orders-notice');
    expect(notice.textContent).toContain('1 held order(s) still waiting (total ¥9.99)');
  });
});
