import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { ok, setUpTerminal, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

/**
 * The data key lost (issue 16): the sign-in screen says so to whoever is at
 * the till, and the technician's key screen lists what is affected and makes a
 * new data key only when the box is ticked.
 */
let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  tmp?.remove();
});

const component = () => randomBytes(16).toString('hex').toUpperCase();

describe('data key problem on screen', () => {
  it('sign-in alert; the key screen refuses until "new data key" is ticked, then injects', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await ok(core, 'keys:injectTmk', { components: [component(), component()] });
    await signOff(core);
    await core.close();
    rmSync(join(tmp.dir, 'secret.key'));
    core = (await startCore(tmp.dir)).core;

    await renderApp(core);
    expect((await screen.findByTestId('secret-key-alert')).textContent).toContain('secret.key');

    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const session = (await ok<{ session: never }>(core, 'auth:session')).session;
    act(() => {
      useAppStore.getState().signedIn(session);
      useAppStore.getState().go({ name: 'tech-keys' });
    });
    const problem = await screen.findByTestId('secret-key-problem');
    expect(problem.textContent).toContain('终端数据密钥（secret.key）丢失');
    expect(problem.textContent).toContain('主密钥（本次灌装）');

    fireEvent.change(screen.getByTestId('key-component-1'), { target: { value: component() } });
    fireEvent.change(screen.getByTestId('key-component-2'), { target: { value: component() } });
    fireEvent.click(screen.getByTestId('key-inject'));
    expect((await screen.findByTestId('key-error')).textContent).toContain('secret.key');

    fireEvent.click(screen.getByTestId('secret-key-replace'));
    fireEvent.change(screen.getByTestId('key-component-1'), { target: { value: component() } });
    fireEvent.change(screen.getByTestId('key-component-2'), { target: { value: component() } });
    fireEvent.click(screen.getByTestId('key-inject'));
    await screen.findByTestId('key-injected');
    await waitFor(() => expect(screen.queryByTestId('secret-key-problem')).toBeNull());
  });
});
