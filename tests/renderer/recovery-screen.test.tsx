import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

/**
 * The recovery screen (issue 16) on the real core: a configured terminal
 * whose database was deleted shows it instead of the sign-in; the factory
 * password opens nothing; the technician's password lists the backups; a
 * restore asks for a confirmation; then the till is back at its sign-in.
 */
let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  tmp?.remove();
});

describe('recovery screen', () => {
  it('deleted database: technician password, backup list, confirm step, back to sign-in', async () => {
    tmp = tempDir();
    const first = (await startCore(tmp.dir)).core;
    await setUpTerminal(first);
    await ok(first, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const backup = await ok<{ file: string }>(first, 'data:backup');
    await first.close();
    for (const f of readdirSync(tmp.dir)) if (f.startsWith('pos.sqlite')) rmSync(join(tmp.dir, f));
    core = (await startCore(tmp.dir)).core;

    await renderApp(core);
    expect((await screen.findByTestId('recovery-reason')).textContent).toContain(
      '数据库（pos.sqlite）不见了',
    );
    expect(screen.queryByTestId('screen-sign-in')).toBeNull();

    const password = screen.getByTestId('recovery-password');
    fireEvent.change(password, { target: { value: '12345678' } });
    fireEvent.click(screen.getByTestId('recovery-unlock'));
    expect((await screen.findByTestId('recovery-error')).textContent).toMatch(/密码/);
    expect(screen.queryByTestId(`recovery-pick-${backup.file}`)).toBeNull();

    fireEvent.change(password, { target: { value: '87654321' } });
    fireEvent.click(screen.getByTestId('recovery-unlock'));
    fireEvent.click(await screen.findByTestId(`recovery-pick-${backup.file}`));
    // Start over stays shut until the words are typed.
    expect((screen.getByTestId('recovery-startover') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('recovery-restore'));
    expect((await screen.findByTestId('recovery-confirm-step')).textContent).toContain(backup.file);
    fireEvent.click(screen.getByTestId('recovery-restore-confirm'));

    await waitFor(() => expect(screen.queryByTestId('screen-recovery')).toBeNull());
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  });
});
