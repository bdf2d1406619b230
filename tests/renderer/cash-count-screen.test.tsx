import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

// 钱箱 at the counter (issue 15) on the real core: the float on the standby,
// a paid-out with the supervisor, and the blind count at sign-off — nothing
// on the count form says what is expected until the count is recorded.

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
const SUPERVISOR_PASSWORD = '246810';

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR_PASSWORD,
    confirmPassword: SUPERVISOR_PASSWORD,
  });
  await signOff(core);
  await signInCashier(core, { float: false });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('cash drawer screens', () => {
  it('the float asked at the shift’s start, a paid-out, then a blind count ¥0.50 short', async () => {
    const user = userEvent.setup();
    await renderApp(core, 'zh-CN');

    // 备用金 before anything else: the amount has the cursor; ¥200.00; Enter records it.
    await screen.findByTestId('screen-cash-float');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('float-amount')));
    await user.keyboard('20000{Enter}');
    await screen.findByTestId('screen-standby');
    expect((await screen.findByTestId('float-set')).textContent).toContain('¥200.00');

    await ok(core, 'sale:cash', { amountFen: 2_350, tenderedFen: 5_000 });

    // 支出 ¥10.00 to a supplier with the supervisor's password (C from the standby).
    await user.keyboard('c');
    await screen.findByTestId('screen-cash-move');
    await user.click(screen.getByTestId('cash-kind-out'));
    await user.click(screen.getByTestId('cash-amount'));
    await user.keyboard('1000');
    await user.type(screen.getByTestId('cash-reason'), '付供应商');
    await user.type(screen.getByTestId('cash-supervisor-password'), SUPERVISOR_PASSWORD);
    await user.click(screen.getByTestId('cash-move-confirm'));
    expect((await screen.findByTestId('cash-moved')).textContent).toContain('支出 ¥10.00');
    expect(screen.getByTestId('cash-movements').textContent).toContain('付供应商');
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-standby');

    // 交班: the count form first; expected (¥213.50) is nowhere on the screen.
    await user.keyboard('9');
    await screen.findByTestId('cash-count');
    const blind = () => {
      expect(document.body.textContent).not.toContain('213.50');
      expect(screen.queryByTestId('drawer-expected')).toBeNull();
      expect(screen.queryByTestId('shift-table')).toBeNull();
      expect(screen.queryByTestId('over-short')).toBeNull();
    };
    blind();
    await user.click(screen.getByTestId('count-by-denominations'));
    fireEvent.change(screen.getByTestId('count-pieces-10000'), { target: { value: '2' } });
    fireEvent.change(screen.getByTestId('count-pieces-1000'), { target: { value: '1' } });
    fireEvent.change(screen.getByTestId('count-pieces-100'), { target: { value: '3' } });
    // The running total is what was counted, never what is expected.
    expect(screen.getByTestId('count-denominations-total').textContent).toBe('¥213.00');
    blind();
    await user.click(screen.getByTestId('count-confirm'));

    // Then expected vs counted and the shortage, the shift's figures, and sign-off.
    await screen.findByTestId('count-result');
    expect(screen.getByTestId('drawer-expected').textContent).toBe('¥213.50');
    expect(screen.getByTestId('drawer-counted').textContent).toBe('¥213.00');
    expect(screen.getByTestId('over-short').textContent).toBe('短款 ¥0.50');
    await waitFor(() => expect(screen.getByTestId('shift-cash-net').textContent).toBe('¥23.50'));
    await user.keyboard('{Enter}');
    await screen.findByTestId('screen-sign-in');
  });

  it('after a restart the counted shift goes straight to its result (nothing counted twice)', async () => {
    await ok(core, 'cash:setFloat', { amountFen: 0 });
    await ok(core, 'cash:count', { by: 'total', countedFen: 50 });
    await renderApp(core, 'en');
    await screen.findByTestId('count-result');
    expect(screen.queryByTestId('cash-count')).toBeNull();
    expect(screen.getByTestId('over-short').textContent).toBe('Over ¥0.50');
    expect(screen.getByTestId('drawer-expected').textContent).toBe('¥0.00');
  });
});
