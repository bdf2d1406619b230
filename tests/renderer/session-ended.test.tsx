import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { pos } from '../../renderer/src/lib/pos';
import {
  cashierIn,
  setUpTerminal,
  signInCashier,
  signOff,
  startCore,
  tempDir,
} from '../support/core';
import { renderApp } from './render-app';

// The session this page shows ends elsewhere (another window of the web shell
// signs off; the till restarts): the next call is refused NOT_SIGNED_IN, and
// the page goes back to the sign-in screen saying why, instead of leaving the
// cashier on a screen that refuses everything.
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

describe('a session that ended elsewhere', () => {
  it('back to sign-in with 请重新签到 at the next call; signing in again goes on', async () => {
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    // Another window signs off.
    await signOff(core);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('menu-print-queue'));
    await screen.findByTestId('screen-sign-in');
    expect(screen.getByTestId('notice').textContent).toBe(
      '本机的签到已结束（在别的窗口签退，或收银机已重启）：请重新签到。',
    );
    expect(useAppStore.getState().session).toBeNull();

    await cashierIn(core);
    await useAppStore.getState().refresh();
    await screen.findByTestId('screen-standby');
  });

  it('a refusal while nobody is signed in on this page changes nothing', async () => {
    await signOff(core);
    await renderApp(core, 'en');
    await screen.findByTestId('screen-sign-in');
    const r = await pos().print.jobs({});
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await waitFor(() => expect(screen.getByTestId('screen-sign-in')).toBeTruthy());
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
