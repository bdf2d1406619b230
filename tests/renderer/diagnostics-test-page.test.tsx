import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// 诊断 → 打印测试页 on a terminal with the virtual printer (the training
// default): it said 正常 · 打印任务 14 and showed no page to look at.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('诊断: the test page on the virtual printer', () => {
  it('shows beside its check, as it would print', async () => {
    const user = userEvent.setup();
    await renderApp(core);
    await user.click(await screen.findByTestId('menu-diagnostics'));
    await user.click(await screen.findByTestId('diag-run-testPrint'));
    await waitFor(() => expect(screen.getByTestId('diag-testPrint').dataset.ok).toBe('true'));
    const page = await within(screen.getByTestId('diag-testPrint')).findByTestId('receipt-view');
    expect(page.textContent).toContain('打印测试 PRINT TEST');
    expect(page.textContent).toContain('中文打印正常 GB18030 OK');
  });
});
