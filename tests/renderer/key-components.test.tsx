import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { ok, setUpTerminal, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signOff(core);
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('master key components (99 → 7, issue 18 item 15)', () => {
  it('are masked, each with its own show toggle', async () => {
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    act(() => useAppStore.getState().go({ name: 'tech-keys' }));
    await screen.findByTestId('screen-tech-keys');
    const first = screen.getByTestId('key-component-1') as HTMLInputElement;
    const second = screen.getByTestId('key-component-2') as HTMLInputElement;
    expect([first.type, second.type]).toEqual(['password', 'password']);
    expect(first.autocomplete).toBe('off');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('key-component-1-toggle'));
    expect([first.type, second.type]).toEqual(['text', 'password']);
    expect(screen.getByTestId('key-component-1-toggle').textContent).toBe('隐藏');
    await user.click(screen.getByTestId('key-component-1-toggle'));
    expect(first.type).toBe('password');
  });
});
