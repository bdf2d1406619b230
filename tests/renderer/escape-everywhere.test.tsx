import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { enterFloat, ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

// Issue 18 item 9: from every screen the standby menu opens, Esc goes back to
// standby, for every role; 99 → 8 (terminal setup) has a way back too.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

/** The balance inquiry's first Esc stops the waiting card read (as its button says), the next goes back. */
const TWO_STEP = new Set(['menu-balance']);
/** Menu items that act in place (no screen to leave). */
const IN_PLACE = new Set(['menu-reprint-last', 'menu-host-sign-in', 'menu-open-drawer']);

async function signIn(operatorNo: string, initial: string, password: string) {
  await ok(core, 'auth:changePassword', {
    operatorNo,
    currentPassword: initial,
    newPassword: password,
    confirmPassword: password,
  });
  if (operatorNo === '99') await ok(core, 'auth:signIn', { operatorNo, password });
  // A cashier's shift opens with its float (issue 15), or the float screen comes first.
  if (operatorNo !== '00' && operatorNo !== '99') await enterFloat(core);
}

async function everyMenuItemEscapesBack() {
  await renderApp(core);
  const user = userEvent.setup();
  const standby = await screen.findByTestId('screen-standby');
  const items = [...standby.querySelectorAll<HTMLElement>('[data-testid^="menu-"]')]
    .map((b) => b.dataset.testid!)
    .filter((id) => !IN_PLACE.has(id));
  expect(items.length).toBeGreaterThan(5);
  const stuck: string[] = [];
  for (const id of items) {
    await user.click(await screen.findByTestId(id));
    await waitFor(() => expect(screen.queryByTestId('screen-standby')).toBeNull());
    await user.keyboard('{Escape}');
    if (TWO_STEP.has(id)) {
      await screen.findByTestId('balance-error');
      await user.keyboard('{Escape}');
    }
    try {
      await screen.findByTestId('screen-standby', {}, { timeout: 1_500 });
    } catch {
      stuck.push(id);
      // Leave by the app's own way out so the walk goes on.
      act(() => useAppStore.getState().go({ name: 'standby' }));
      await screen.findByTestId('screen-standby');
    }
  }
  expect(stuck).toEqual([]);
}

describe('Esc goes back everywhere (item 9)', () => {
  it('technician (99): 4/5/6/7/8/0 and the letter screens', async () => {
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await everyMenuItemEscapesBack();
  });

  it('supervisor (00)', async () => {
    await signIn('00', '123456', '246810');
    await everyMenuItemEscapesBack();
  });

  it('cashier (01)', async () => {
    await signIn('01', '0000', '1357');
    await everyMenuItemEscapesBack();
  });

  it('99 → 8: the terminal setup screen has a 返回 button', async () => {
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('8');
    await screen.findByTestId('screen-setup');
    await user.click(await screen.findByTestId('setup-back'));
    await screen.findByTestId('screen-standby');
  });
});

describe('the standby hint says what Enter does for the role (item 13)', () => {
  const cases = [
    { role: '01', initial: '0000', password: '1357', zh: '消费', screen: 'screen-sale' },
    { role: '00', initial: '123456', password: '246810', zh: '操作员', screen: 'screen-operators' },
    { role: '99', initial: '', password: '87654321', zh: '操作员', screen: 'screen-operators' },
  ];
  for (const c of cases) {
    it(`operator ${c.role}`, async () => {
      if (c.role === '99')
        await ok(core, 'auth:signIn', { operatorNo: '99', password: c.password });
      else await signIn(c.role, c.initial, c.password);
      await renderApp(core);
      const hint = (await screen.findByTestId('standby-hint')).textContent ?? '';
      expect(hint).toContain(c.zh);
      expect(hint).toContain(
        screen.getByTestId(c.role === '01' ? 'menu-sale' : 'menu-operators').textContent!.slice(2),
      );
      await userEvent.setup().keyboard('{Enter}');
      await screen.findByTestId(c.screen);
    });
  }
});

describe('standby after a reload (item 18)', () => {
  it('still shows the host status line for a cashier already signed in', async () => {
    await signIn('01', '0000', '1357');
    await renderApp(core);
    await screen.findByTestId('screen-standby');
    expect((await screen.findByTestId('host-line')).dataset.signedIn).toBeDefined();
  });
});
