import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import type { CashStatus } from '../../preload/contract';
import { ok, setUpTerminal, signInCashier, signOff, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Issue 15: the opening float (备用金) is asked when a cashier's sign-in opens a
// shift, before the standby; Esc can't skip it where the shop keeps floats.

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  // The cashier's first password change happens here; later sign-ins go through the screen.
  await signInCashier(core, { float: false });
  await signOff(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function signInOnScreen(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByTestId('screen-sign-in');
  await user.type(screen.getByTestId('operator-no'), '01');
  await user.type(screen.getByTestId('password'), '1357{Enter}');
}

describe('the float screen after a cashier signs in', () => {
  it('comes up after sign-in; Esc does not skip it; ¥0.00 confirmed with Enter opens the standby', async () => {
    const user = userEvent.setup();
    await renderApp(core, 'zh-CN');
    await signInOnScreen(user);
    await screen.findByTestId('screen-cash-float');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('float-amount')));

    await user.keyboard('{Escape}');
    await screen.findByTestId('float-must-enter');
    expect(screen.getByTestId('screen-cash-float')).toBeTruthy();
    expect(screen.queryByTestId('screen-standby')).toBeNull();
    expect((await ok<CashStatus>(core, 'cash:status')).floatFen).toBeNull();

    await user.keyboard('{Enter}');
    await screen.findByTestId('screen-standby');
    expect((await ok<CashStatus>(core, 'cash:status')).floatFen).toBe(0);
    expect((await screen.findByTestId('float-set')).textContent).toContain('¥0.00');
  });

  it('is not asked again on the same shift (a reload with the float in goes to the standby)', async () => {
    const user = userEvent.setup();
    await renderApp(core, 'en');
    await signInOnScreen(user);
    await screen.findByTestId('screen-cash-float');
    await user.keyboard('5000{Enter}');
    await screen.findByTestId('screen-standby');
    // The app starts again (a reload): the main side still has the session and the float.
    cleanup();
    await renderApp(core, 'en');
    await screen.findByTestId('screen-standby');
    expect(screen.queryByTestId('screen-cash-float')).toBeNull();
  });

  it('where the shop keeps no floats (parameter off) the standby comes at once, the float optional', async () => {
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await ok(core, 'cash:saveRules', { floatRequired: false });
    await signOff(core);
    const user = userEvent.setup();
    await renderApp(core, 'en');
    await signInOnScreen(user);
    await screen.findByTestId('screen-standby');
    await screen.findByTestId('float-panel');
    expect(screen.queryByTestId('screen-cash-float')).toBeNull();
  });
});
