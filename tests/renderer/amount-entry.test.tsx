import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

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

describe('one amount input everywhere (issue 18 item 6)', () => {
  it('pre-auth takes the amount in fen like the sale keypad: 5,0,0 → ¥5.00, same keys', async () => {
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    const user = userEvent.setup();
    await user.keyboard('6');
    await screen.findByTestId('screen-preauth');
    const amount = screen.getByTestId('preauth-amount') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(amount));
    await user.keyboard('500');
    expect(amount.value).toBe('¥5.00');
    await user.keyboard('{Backspace}');
    expect(amount.value).toBe('¥0.50');
    await user.keyboard('.x'); // not digits: ignored, as on the sale keypad
    expect(amount.value).toBe('¥0.50');
    await user.keyboard('{Delete}');
    expect(amount.value).toBe('¥0.00');
  });
});
