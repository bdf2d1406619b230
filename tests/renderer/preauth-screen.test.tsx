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
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await ok(core, 'auth:signOff');
  await signInCashier(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

type User = ReturnType<typeof userEvent.setup>;
async function cardAndPin(user: User) {
  await user.click(await screen.findByTestId('pinpad-card-approve'));
  for (const d of '123456') await user.click(await screen.findByTestId(`pinpad-key-${d}`));
  await user.click(screen.getByTestId('pinpad-key-enter'));
}

async function holdFiveHundred(user: User) {
  await renderApp(core);
  await screen.findByTestId('screen-standby');
  await user.keyboard('6');
  await screen.findByTestId('screen-preauth');
  await user.type(screen.getByTestId('preauth-amount'), '50000');
  await user.click(screen.getByTestId('preauth-start'));
  await cardAndPin(user);
  await waitFor(() =>
    expect(screen.getByTestId('preauth-result').dataset.outcome).toBe('approved'),
  );
  return screen.findByTestId('preauth-row');
}

describe('pre-auth results (item 18)', () => {
  it('the completion says it completed, once, instead of repeating the hold’s line', async () => {
    const user = userEvent.setup();
    const row = await holdFiveHundred(user);
    expect(screen.getByTestId('preauth-result').textContent).toMatch(
      /^预授权成功：¥500\.00，授权码 \d{6}。$/,
    );
    await user.click(screen.getByTestId(`preauth-complete-${row.dataset.id}`));
    const final = screen.getByTestId('preauth-final-amount');
    await user.click(final);
    await user.keyboard('{Delete}52000'); // prefilled with the hold
    await user.type(screen.getByTestId('preauth-supervisor-password'), '246810');
    await user.click(screen.getByTestId('preauth-action-submit'));
    await user.click(await screen.findByTestId('pinpad-card-approve'));
    await waitFor(() => expect(screen.queryByTestId('preauth-row')).toBeNull());
    await waitFor(() =>
      expect(screen.getByTestId('preauth-result').textContent).toMatch(
        /^预授权完成成功：¥520\.00，授权码 \d{6}。$/,
      ),
    );
    // The completion's slips (merchant and cardholder copies) on the virtual printer's screen.
    await waitFor(() => expect(document.querySelectorAll('.receipt-paper')).toHaveLength(2));
    const slip = document.querySelector('.receipt-paper')!.textContent;
    expect(slip).toContain('预授权完成 AUTH COMPLETE');
    expect(slip).toContain('RMB 520.00');
    const text = screen.getByTestId('preauth-panel').textContent ?? '';
    expect(text.split('授权码').length - 1).toBe(1);
    expect(text).not.toContain('预授权成功');
  });
});
