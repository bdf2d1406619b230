import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { App } from '../../renderer/src/App';
import { createI18n } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { setUpTerminal, startCore, tempDir } from '../support/core';
import { installPos } from './in-process-pos';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  installPos(core);
  useAppStore.setState({
    info: null,
    session: null,
    screen: { name: 'boot' },
    notice: null,
    bootError: null,
  });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function renderApp() {
  const i18n = await createI18n('zh-CN');
  render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
  return i18n;
}

describe('App screens against the real core', () => {
  it('says so when the parameters file was damaged, and runs the wizard again', async () => {
    await setUpTerminal(core);
    await core.close();
    writeFileSync(join(tmp.dir, 'terminal.json'), '{ not json');
    core = (await startCore(tmp.dir)).core;
    installPos(core);
    await renderApp();
    await screen.findByTestId('screen-setup');
    expect(screen.getByTestId('settings-corrupt').textContent).toMatch(
      /^终端参数文件已损坏，已另存为 .*terminal\.corrupt-.*\.json，请重新设置。$/,
    );
  });

  it('opens the setup wizard on a new terminal', async () => {
    await renderApp();
    await screen.findByTestId('screen-setup');
    expect(screen.getByTestId('training-badge').textContent).toBe('培训模式');
  });

  it('shows attempts left for a wrong password, in the chosen language', async () => {
    await setUpTerminal(core);
    const i18n = await renderApp();
    await screen.findByTestId('screen-sign-in');
    fireEvent.change(screen.getByTestId('operator-no'), { target: { value: '01' } });
    fireEvent.change(screen.getByTestId('password'), { target: { value: '9999' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('sign-in-error').textContent).toBe('密码错误，还可尝试 4 次。'),
    );
    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByTestId('sign-in-error').textContent).toBe(
      'Wrong password; 4 attempt(s) left.',
    );
  });

  it('takes a cashier through the forced password change to standby and a cash sale', async () => {
    await setUpTerminal(core);
    await renderApp();
    await screen.findByTestId('screen-sign-in');
    fireEvent.change(screen.getByTestId('operator-no'), { target: { value: '01' } });
    fireEvent.change(screen.getByTestId('password'), { target: { value: '0000' } });
    fireEvent.click(screen.getByTestId('sign-in-submit'));
    await screen.findByTestId('screen-change-password');
    fireEvent.change(screen.getByTestId('new-password'), { target: { value: '2468' } });
    fireEvent.change(screen.getByTestId('confirm-password'), { target: { value: '2469' } });
    fireEvent.click(screen.getByTestId('change-password-submit'));
    await waitFor(() =>
      expect(screen.getByTestId('field-error-confirmPassword').textContent).toBe(
        '两次输入的新密码不一致',
      ),
    );
    fireEvent.change(screen.getByTestId('confirm-password'), { target: { value: '2468' } });
    fireEvent.click(screen.getByTestId('change-password-submit'));
    // The shift opens with its float (issue 15): ¥0.00 confirmed with Enter.
    const float = await screen.findByTestId('float-amount');
    fireEvent.keyDown(float, { key: 'Enter' });
    await screen.findByTestId('screen-standby');
    expect(screen.getByTestId('standby-terminal').textContent).toBe('T0000001');

    fireEvent.click(screen.getByTestId('menu-sale'));
    // The bank-terminal habit: an amount on the keypad, + makes it a 数额 line, Enter pays.
    const entry = await screen.findByTestId('entry');
    fireEvent.change(entry, { target: { value: '1234' } });
    fireEvent.keyDown(entry, { key: '+' });
    await waitFor(() => expect(screen.getByTestId('basket-due').textContent).toBe('¥12.34'));
    expect(screen.getByTestId('line-1').textContent).toContain('数额');
    fireEvent.keyDown(entry, { key: 'Enter' });
    fireEvent.click(await screen.findByTestId('tender-cash'));
    const tender = await screen.findByTestId('tender-amount');
    for (const key of ['1', '0', '0', '0']) fireEvent.keyDown(tender, { key });
    expect(screen.getByTestId('change-preview').textContent).toBe('实收不足，还差 ¥2.34');
    fireEvent.keyDown(tender, { key: 'Enter' });
    await waitFor(() =>
      expect(screen.getByTestId('sale-error').textContent).toBe('实收金额不足。'),
    );
    expect(core.internals.db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(0);
    fireEvent.click(screen.getByTestId('tender-exact'));
    fireEvent.click(screen.getByTestId('tender-confirm'));
    await screen.findByTestId('screen-sale-done');
    expect(screen.getByTestId('done-change').textContent).toBe('¥0.00');
    await screen.findByTestId('receipt-view');
    expect(screen.getByTestId('receipt-view').textContent).toContain('培训 TRAINING');
  });
});
