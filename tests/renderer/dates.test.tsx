import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../support/core';
import { renderApp } from './render-app';

// Issue 18 item 16: dates read 2026-12-04 15:51:29 in both languages, whatever
// the operating system's locale (Node here runs en-US, as the PC in the issue).
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const SOMEWHERE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await signInCashier(core);
  await ok(core, 'sale:cash', { amountFen: 1_250, tenderedFen: 2_000 });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('dates follow the app, not the OS locale (item 16)', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`history, detail and sign-off in ${language}`, async () => {
      await renderApp(core, language);
      const user = userEvent.setup();
      await screen.findByTestId('screen-standby');
      await user.keyboard('0');
      const row = (await screen.findAllByTestId('history-row'))[0]!;
      expect(
        within(row)
          .getAllByRole('cell')
          .some((c) => STAMP.test(c.textContent ?? '')),
      ).toBe(true);
      expect(row.textContent).not.toMatch(/AM|PM|\d+\/\d+\/\d{4}/);
      await user.keyboard('{Escape}');
      await screen.findByTestId('screen-standby');
      await user.keyboard('9');
      // 交班 starts with the blind count (issue 15); the shift's figures follow it.
      await screen.findByTestId('cash-count');
      await user.click(screen.getByTestId('count-confirm'));
      expect((await screen.findByTestId('shift-operator')).textContent).toMatch(SOMEWHERE);
    });
  }

  it('the audit log (supervisor)', async () => {
    await signOff(core);
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    await renderApp(core, 'en');
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('4');
    const rows = await screen.findAllByTestId('audit-row');
    expect(rows[0]!.querySelector('td')!.textContent).toMatch(STAMP);
  });

  it('a date picker is written 年-月-日 and takes digits', async () => {
    await renderApp(core);
    const user = userEvent.setup();
    await screen.findByTestId('screen-standby');
    await user.keyboard('8');
    await screen.findByTestId('screen-find-refund');
    const field = screen.getByTestId('find-date') as HTMLInputElement;
    // The browser would draw <input type="date"> in the OS locale (mm/dd/yyyy).
    expect(field.type).toBe('text');
    expect(field.placeholder).toBe('年-月-日');
    await user.clear(field);
    await user.type(field, '20261204');
    expect(field.value).toBe('2026-12-04');
    await user.keyboard('{ArrowUp}');
    expect(field.value).toBe('2026-12-05');
    await user.clear(field);
    await user.type(field, '20261340');
    expect(screen.getByTestId('find-date-error').textContent).toBe('日期不存在：2026-13-40');
    await user.clear(field);
    await user.type(field, '202612');
    expect(screen.getByTestId('find-date-error').textContent).toContain('2026-12-04');
  });
});
