import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { setUpTerminal, signInCashier, signOff, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Sign-in by keyboard, as a new cashier gets it wrong: an unknown number left
// the cursor in the password (the number was what to fix), and Enter with no
// password did nothing visible.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
  await signOff(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

const focused = () => document.activeElement?.getAttribute('data-testid');

describe('sign-in mistakes by keyboard', () => {
  it('an unknown number: the cursor back on it, selected, so the right one types over it', async () => {
    const user = userEvent.setup();
    await renderApp(core);
    await screen.findByTestId('screen-sign-in');
    await waitFor(() => expect(focused()).toBe('operator-no'));
    await user.keyboard('551234{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('sign-in-error').textContent).toBe(
        '操作员 55 不存在，请核对操作员号。',
      ),
    );
    expect(focused()).toBe('operator-no');
    await user.keyboard('01');
    expect((screen.getByTestId('operator-no') as HTMLInputElement).value).toBe('01');
    expect(focused()).toBe('password');
    await user.keyboard('1357{Enter}');
    await screen.findByTestId('screen-cash-float');
  });

  it('Enter with no password says so, in both languages', async () => {
    const user = userEvent.setup();
    await renderApp(core, 'en');
    await screen.findByTestId('screen-sign-in');
    await waitFor(() => expect(focused()).toBe('operator-no'));
    await user.keyboard('01{Enter}');
    expect((await screen.findByTestId('field-error-password')).textContent).toContain('password');
    expect(focused()).toBe('password');
  });

  it('the first password change refused: a new password against the rule empties both, the cursor in it; a differing confirmation only itself', async () => {
    await core.close();
    tmp.remove();
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    const user = userEvent.setup();
    await renderApp(core);
    await screen.findByTestId('screen-sign-in');
    await waitFor(() => expect(focused()).toBe('operator-no'));
    await user.keyboard('010000{Enter}');
    await waitFor(() => expect(focused()).toBe('new-password'));
    await user.keyboard('12{Enter}12{Enter}');
    await screen.findByTestId('field-error-newPassword');
    expect(focused()).toBe('new-password');
    expect((screen.getByTestId('new-password') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('confirm-password') as HTMLInputElement).value).toBe('');
    await user.keyboard('1357{Enter}2468{Enter}');
    await screen.findByTestId('field-error-confirmPassword');
    expect(focused()).toBe('confirm-password');
    expect((screen.getByTestId('confirm-password') as HTMLInputElement).value).toBe('');
    await user.keyboard('1357{Enter}');
    await screen.findByTestId('screen-cash-float');
  });
});
