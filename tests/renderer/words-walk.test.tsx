import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { createI18n } from '../../renderer/src/i18n';
import { errorText, fieldIssueText } from '../../renderer/src/lib/error-text';
import { useAppStore } from '../../renderer/src/stores/app-store';
import {
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  cashierIn,
  signOff,
} from '../support/core';
import { rawIdentifiers } from './raw-identifiers';
import { renderApp } from './render-app';

// Issue 18 item 17: every screen, in both languages, shows words — no
// untranslated i18n key, no event key, no JSON, no field path, no code.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  // Something in every list: a sale, a void, a backup, an export, a drawer opening.
  await signInCashier(core);
  const sale = await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
    amountFen: 1_250,
    tenderedFen: 2_000,
  });
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await ok(core, 'data:backup', {});
  await ok(core, 'diagnostics:openDrawer', {});
  await ok(core, 'transactions:exportCsv', {});
  void sale;
  await signOff(core);
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

const settle = () => act(() => new Promise((r) => setTimeout(r, 150)));

async function check(where: string, problems: string[]) {
  await settle();
  // Text node by text node: textContent would glue "凭证号" and "查找" of two elements.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? '');
  document
    .querySelectorAll<HTMLInputElement>('input[placeholder]')
    .forEach((i) => texts.push(i.placeholder));
  for (const raw of texts.flatMap(rawIdentifiers)) problems.push(`${where}: ${raw}`);
}

/** Every standby menu screen of the signed-in role, Esc back after each. */
async function walkMenu(language: string, problems: string[]) {
  const user = userEvent.setup();
  const standby = await screen.findByTestId('screen-standby');
  await check(`${language} standby`, problems);
  const ids = [...standby.querySelectorAll<HTMLElement>('[data-testid^="menu-"]')]
    .map((b) => b.dataset.testid!)
    .filter((id) => !['menu-sign-off', 'menu-sale', 'menu-balance'].includes(id));
  for (const id of ids) {
    await user.click(await screen.findByTestId(id));
    await check(`${language} ${id}`, problems);
    if (id === 'menu-diagnostics') {
      for (const run of ['printer', 'drawer', 'qrGateway', 'disk'])
        await user.click(await screen.findByTestId(`diag-run-${run}`));
      await waitFor(() => expect(screen.getByTestId('diag-disk-verdict').textContent).not.toBe(''));
      await check(`${language} diagnostics run`, problems);
    }
    act(() => useAppStore.getState().go({ name: 'standby' }));
    await screen.findByTestId('screen-standby');
  }
}

describe('no internal names on any screen (item 17)', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`supervisor and technician screens in ${language}`, async () => {
      const problems: string[] = [];
      await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
      await renderApp(core, language);
      await walkMenu(language, problems);
      await signOff(core);
      await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
      cleanup();
      await renderApp(core, language);
      await walkMenu(language, problems);
      expect(problems).toEqual([]);
    });

    it(`the cashier: menu, basket, tenders and a refused QR code in ${language}`, async () => {
      const problems: string[] = [];
      await cashierIn(core);
      await renderApp(core, language);
      await walkMenu(language, problems);
      const user = userEvent.setup();
      await user.keyboard('{Enter}');
      await screen.findByTestId('basket');
      await check(`${language} empty basket`, problems);
      await user.keyboard('1234+');
      await screen.findByTestId('line-1');
      await check(`${language} basket`, problems);
      await user.keyboard('{Enter}');
      await screen.findByTestId('tender-choice');
      await check(`${language} tender choice`, problems);
      await user.keyboard('1');
      await check(`${language} cash tender`, problems);
      await user.keyboard('{Escape}');
      await screen.findByTestId('tender-choice');
      await user.keyboard('2');
      await screen.findByTestId('card-tender');
      await check(`${language} card tender`, problems);
      await user.click(await screen.findByTestId('pinpad-key-cancel'));
      await screen.findByTestId('tender-choice');
      await user.keyboard('3');
      await user.type(await screen.findByTestId('qr-code-input'), '1234{Enter}');
      await screen.findByTestId('qr-error');
      await check(`${language} refused QR code`, problems);
      expect(problems).toEqual([]);
    });
  }
});

describe('error words carry no codes (item 17)', () => {
  it('a field path and a reason key become words, in both languages', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const i18n = await createI18n(language);
      const t = i18n.t.bind(i18n);
      for (const field of ['peripherals.drawer.onMs', 'minFen', 'printer.host'])
        expect(rawIdentifiers(fieldIssueText(t, { field, rule: 'invalid' }))).toEqual([]);
      const qr = errorText(t, { code: 'QR_CODE_INVALID', params: { reason: 'bad-length' } });
      expect(qr).not.toContain('bad-length');
      expect(rawIdentifiers(qr)).toEqual([]);
    }
  });
});
