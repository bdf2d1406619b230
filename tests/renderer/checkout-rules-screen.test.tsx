import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckoutRules } from '../../preload/contract';
import type { PosCore } from '../../main/core/pos-core';
import { percentToBp } from '../../renderer/src/screens/catalogue/CheckoutRules';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  // The supervisor's first sign-in (changing the initial password) leaves 00 at the till.
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function openRules(language: 'zh-CN' | 'en' = 'zh-CN') {
  await renderApp(core, language);
  await screen.findByTestId('screen-standby');
  const user = userEvent.setup();
  await user.keyboard('g');
  await screen.findByTestId('screen-catalogue');
  await user.click(screen.getByTestId('catalogue-checkout-rules'));
  await screen.findByTestId('screen-checkout-rules');
  await screen.findByTestId('rules-save'); // the rules are read first
  return user;
}

describe('收银规则 (00 → G → 收银规则)', () => {
  it('shows the defaults, saves rounding, limits and line deletion, audited old → new', async () => {
    const user = await openRules();
    expect((screen.getByTestId('rules-rounding-none') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('rules-percent') as HTMLInputElement).value).toBe('10');
    expect((screen.getByTestId('rules-amount') as HTMLInputElement).value).toBe('¥20.00');

    await user.click(screen.getByTestId('rules-rounding-jiao'));
    await user.clear(screen.getByTestId('rules-percent'));
    await user.type(screen.getByTestId('rules-percent'), '7.5');
    await user.click(screen.getByTestId('rules-amount'));
    await user.keyboard('{Delete}1500');
    await user.click(screen.getByTestId('rules-delete-always'));
    await user.click(screen.getByTestId('rules-save'));
    await screen.findByTestId('rules-saved');

    const saved = await ok<CheckoutRules>(core, 'order:getRules');
    expect(saved).toEqual({
      rounding: 'jiao',
      discountLimit: { percentBp: 750, amountFen: 1500 },
      lineDelete: { mode: 'always', seconds: 120 },
    });
    const entry = core.internals.repos.audit.recent(1)[0];
    expect(entry).toMatchObject({ operatorNo: '00', action: 'parameters.changed' });
    expect(JSON.stringify(entry?.detail)).toContain('checkout.rounding');
  });

  it('turns the float rule off (issue 15): cash.floatRequired saved and audited', async () => {
    const user = await openRules('en');
    const box = screen.getByTestId('rules-float-required') as HTMLInputElement;
    expect(box.checked).toBe(true);
    await user.click(box);
    await user.click(screen.getByTestId('rules-save'));
    await screen.findByTestId('rules-saved');
    expect(await ok(core, 'cash:rules')).toEqual({ floatRequired: false });
    const changes = core.internals.repos.audit
      .recent(5)
      .filter((e) => e.action === 'parameters.changed')
      .map((e) => JSON.stringify(e.detail));
    expect(changes.some((d) => d.includes('cash.floatRequired'))).toBe(true);
  });

  it('refuses a share over 100 % at the field and saves nothing (English)', async () => {
    const user = await openRules('en');
    await user.clear(screen.getByTestId('rules-percent'));
    await user.type(screen.getByTestId('rules-percent'), '150');
    await user.click(screen.getByTestId('rules-save'));
    await waitFor(() =>
      expect(screen.getByTestId('rules-percent-error').textContent).toBe(
        'The discount limit is 0 %–100 %',
      ),
    );
    expect(screen.queryByTestId('rules-saved')).toBeNull();
    const rules = await ok<CheckoutRules>(core, 'order:getRules');
    expect(rules.discountLimit.percentBp).toBe(1000);
  });

  it('reads a share as basis points', () => {
    expect(percentToBp('10')).toBe(1000);
    expect(percentToBp('7.5')).toBe(750);
    expect(percentToBp('0.05')).toBe(5);
    expect(percentToBp('100')).toBe(10_000);
    for (const bad of ['100.01', '-1', '1e2', '', 'abc', '7.555'])
      expect(percentToBp(bad)).toBeNull();
  });
});
