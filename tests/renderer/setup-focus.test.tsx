import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// The first-run wizard by keyboard: a save refused for a field took the
// technician's cursor nowhere — it stayed in the field where Enter was pressed.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await ok(core, 'auth:changePassword', {
    operatorNo: '99',
    currentPassword: '12345678',
    newPassword: '87654321',
    confirmPassword: '87654321',
  });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('setup wizard: a refused save puts the cursor on the first field named', () => {
  it('terminal number wrong → the cursor is in 终端号; then 商户名称 once that is right', async () => {
    const user = userEvent.setup();
    await renderApp(core);
    const merchant = await screen.findByTestId('merchant-number');
    await waitFor(() => expect(document.activeElement).toBe(merchant));
    await user.keyboard('898310148160001{Enter}');
    await screen.findByTestId('field-error-terminalNumber');
    expect(document.activeElement).toBe(screen.getByTestId('terminal-number'));
    await user.keyboard('T0000001{Enter}');
    await waitFor(() => expect(screen.queryByTestId('field-error-terminalNumber')).toBeNull());
    expect(document.activeElement).toBe(screen.getByTestId('merchant-name'));
    await user.keyboard('测试便利店{Enter}');
    await screen.findByTestId('screen-sign-in');
  });
});
