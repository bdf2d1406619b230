import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { rawIdentifiers, screenTexts } from './raw-identifiers';
import { renderApp } from './render-app';

// A supervisor reading the 审计日志 of a terminal's first day met bare values
// (签退 "2026-12-06 02:39:06 3 ¥49.30", 交班清点 "¥520.00 ¥515.50 ¥4.50"), the
// drawer's reason as `cash.float`, and 参数修改 naming `merchantName` and
// `configured`. Every fact of these entries has its label, every value words.
let core: PosCore;
let tmp: ReturnType<typeof tempDir>;
const SUPERVISOR = { operatorNo: '00', password: '246810' };

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core); // parameters.changed: configured, merchant and terminal numbers…
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(core, 'auth:signOff');
  // 99 turns refunds off and sets a password expiry: parameters.changed on enabled.*.
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  const policy = await ok<Record<string, unknown>>(core, 'setup:getPolicy');
  await ok(core, 'setup:savePolicy', { ...policy, refund: false, passwordExpiryDays: 90 });
  await ok(core, 'auth:signOff');
  // The cashier's day: a ¥500.00 float (the drawer opens), a paid-out, a sale, a count, sign-off.
  await ok(core, 'auth:changePassword', {
    operatorNo: '01',
    currentPassword: '0000',
    newPassword: '1357',
    confirmPassword: '1357',
  });
  await ok(core, 'cash:setFloat', { amountFen: 50_000 });
  await ok(core, 'cash:move', {
    kind: 'out',
    amountFen: 500,
    reason: '付供应商',
    supervisor: SUPERVISOR,
  });
  await ok(core, 'sale:cash', { amountFen: 1_250, tenderedFen: 2_000 });
  await ok(core, 'auth:signOff', { count: { by: 'total', countedFen: 51_000 } });
  await ok(core, 'auth:signIn', SUPERVISOR);
  await ok(core, 'diagnostics:openDrawer', {});
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

describe('审计日志: every fact labelled, no internal names', () => {
  for (const language of ['zh-CN', 'en'] as const)
    it(language, async () => {
      await renderApp(core, language);
      await userEvent.setup().click(await screen.findByTestId('menu-audit'));
      await waitFor(() => expect(screen.getAllByTestId('audit-row').length).toBeGreaterThan(10));
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const row of screen.getAllByTestId('audit-row')) {
        const action = row.dataset.action!;
        seen.add(action);
        for (const fact of within(row).queryAllByRole('definition')) {
          const label = fact.previousElementSibling;
          if (!label || label.tagName !== 'DT')
            problems.push(`${action}: "${fact.textContent}" has no label`);
        }
        // A key's name: a dotted name (cash.float), a camelCase one (merchantName), a bare key.
        for (const text of screenTexts(row))
          for (const raw of [
            ...rawIdentifiers(text),
            ...(text.match(/\b[a-z]+[A-Z]\w*\b/g) ?? []),
            ...(text.match(/\b(?:configured|manager|diagnostics)\b/g) ?? []),
          ])
            problems.push(`${action}: ${raw}`);
        // The English screen lists with ; and , — not 、 and ，.
        if (language === 'en' && /[、，]/.test(row.textContent ?? ''))
          problems.push(`${action}: Chinese punctuation`);
      }
      for (const action of [
        'parameters.changed',
        'signoff',
        'cash.counted',
        'cash.float',
        'drawer.opened',
      ])
        expect(seen).toContain(action);
      expect(problems).toEqual([]);
    });
});
