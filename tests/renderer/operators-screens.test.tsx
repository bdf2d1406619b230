import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../support/core';
import { renderApp as renderInJsdom } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function renderApp() {
  const i18n = await renderInJsdom(core);
  await screen.findByTestId('screen-standby');
  return i18n;
}

describe('manager screens', () => {
  it('the supervisor locks nobody out by mistake: unlock and reset from the list, rule errors shown per field', async () => {
    await signInCashier(core);
    await signOff(core);
    for (let i = 0; i < 5; i++)
      await core.dispatch('auth:signIn', { operatorNo: '01', password: '9999' });
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    const i18n = await renderApp();
    const user = userEvent.setup();
    await user.keyboard('1');
    await screen.findByTestId('screen-operators');
    await waitFor(() =>
      expect(screen.getByTestId('operator-01-state').textContent).toContain('已锁定'),
    );
    await user.click(screen.getByTestId('operator-01-unlock'));
    await waitFor(() =>
      expect(screen.getByTestId('operators-notice').textContent).toBe('01 已解锁。'),
    );
    expect(screen.getByTestId('operator-01-state').textContent).not.toContain('已锁定');
    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByTestId('operators-notice').textContent).toBe('01 unlocked.');

    await user.click(screen.getByTestId('operator-01-reset'));
    await user.keyboard('12{Enter}');
    expect((await screen.findByTestId('field-error-value')).textContent).toBe('must be 4 digits');
    await user.clear(screen.getByTestId('operator-edit-value'));
    await user.keyboard('4444{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('operator-01-state').textContent).toContain('Password to change'),
    );
    await user.type(screen.getByTestId('operator-add-no'), '99');
    await user.type(screen.getByTestId('operator-add-name'), 'x');
    await user.type(screen.getByTestId('operator-add-password'), '1111');
    await user.click(screen.getByTestId('operator-add-submit'));
    expect((await screen.findByTestId('field-error-operatorNo')).textContent).toBe(
      'A cashier number is two digits, 01–98',
    );
  });

  it('sign-off shows the shift by tender; Esc goes back, Enter signs off', async () => {
    await signInCashier(core);
    await ok(core, 'sale:cash', { amountFen: 1_234, tenderedFen: 2_000 });
    await renderApp();
    const user = userEvent.setup();
    // A cashier counts the drawer first (blind); Esc goes back while nothing is counted.
    await user.keyboard('9');
    await screen.findByTestId('count-total');
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-standby');
    await user.keyboard('9');
    await user.click(await screen.findByTestId('count-total'));
    await user.keyboard('1234{Enter}');
    await waitFor(() => expect(screen.getByTestId('shift-cash-net').textContent).toBe('¥12.34'));
    expect(screen.getByTestId('shift-card-net').textContent).toBe('¥0.00');
    expect(screen.getByTestId('over-short').textContent).toBe('平');
    await user.keyboard('{Enter}');
    await screen.findByTestId('screen-sign-in');
    expect((await core.dispatch('auth:session', {})) as unknown).toEqual({
      ok: true,
      value: { session: null },
    });
  });
});
