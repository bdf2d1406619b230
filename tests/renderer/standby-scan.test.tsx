import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { createMenuOrScan } from '../../renderer/src/lib/menu-or-scan';
import { ok, setUpTerminal, signInCashier, startCore, tempDir } from '../support/core';
import { renderApp } from './render-app';

/** Feeds keys to a fresh detector at `gapMs` apart and returns what each answered. */
function feedAll(keys: string[], gapMs: number) {
  const d = createMenuOrScan();
  return keys.map((k, i) => d.feed(k, 1_000 + i * gapMs));
}

describe('menu key or scanner burst (pure)', () => {
  it('a person’s key picks its item after the scanner’s gap; Enter alone is Enter', () => {
    expect(feedAll(['6'], 0)).toEqual([{ kind: 'menu', key: '6', settleMs: 50 }]);
    expect(feedAll(['Enter'], 0)).toEqual([{ kind: 'enter' }]);
    // A person's 6 then Enter, 300 ms apart: two choices, no scan.
    expect(feedAll(['6', 'Enter'], 300)).toEqual([
      { kind: 'menu', key: '6', settleMs: 50 },
      { kind: 'enter' },
    ]);
  });

  it('a wedge burst ending in Enter is a scan of the whole code, its first key included', () => {
    const fed = feedAll([...'6901234567892', 'Enter'], 8);
    expect(fed[0]).toEqual({ kind: 'menu', key: '6', settleMs: 50 });
    expect(fed.slice(1, -1).every((f) => f.kind === 'burst')).toBe(true);
    expect(fed.at(-1)).toEqual({ kind: 'scan', code: '6901234567892' });
  });

  it('one character and Enter at machine speed, or a run past 64, is dropped', () => {
    expect(feedAll(['9', 'Enter'], 5).at(-1)).toEqual({ kind: 'burst' });
    expect(feedAll([...'1'.repeat(65), 'Enter'], 5).at(-1)).toEqual({ kind: 'burst' });
  });

  it('modifiers are transparent; a named key breaks the run', () => {
    const d = createMenuOrScan();
    expect(d.feed('A', 0).kind).toBe('menu');
    expect(d.feed('Shift', 3)).toEqual({ kind: 'pass' });
    expect(d.feed('B', 6)).toEqual({ kind: 'burst' });
    expect(d.feed('Tab', 9)).toEqual({ kind: 'pass' });
    expect(d.feed('Enter', 12)).toEqual({ kind: 'enter' });
  });
});

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

/** Key downs on the page, `gapMs` apart, with the time stamps a scanner or a person gives. */
function keysOnPage(keys: string[], gapMs: number, start = performance.now()) {
  keys.forEach((key, i) => {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    Object.defineProperty(e, 'timeStamp', { value: start + i * gapMs });
    fireEvent(document.body, e);
  });
}

describe('scanning on the standby screen', () => {
  it('a cashier’s scan starts the sale with that product; nothing opens 预授权 or 签退', async () => {
    await signInCashier(core);
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    // 6 is 预授权 and 9 签退 on the cashier's menu; the can of cola's code has both.
    keysOnPage([...'6901234567892', 'Enter'], 6);
    await screen.findByTestId('screen-sale');
    const line = await screen.findByTestId('line-1');
    expect(line.textContent).toContain('可口可乐');
    expect(within(line).getByTestId('line-qty').textContent).toBe('1');
    expect(screen.queryByTestId('line-2')).toBeNull();
    // The order on the main side holds it too, once.
    const { order } = await ok<{ order: { lines: { code: string | null; quantity: number }[] } }>(
      core,
      'order:current',
    );
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]!.quantity).toBe(1);
  });

  it('a person’s menu key still opens its screen', async () => {
    await signInCashier(core);
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    keysOnPage(['6'], 0);
    await screen.findByTestId('screen-preauth');
  });

  it('on a supervisor’s standby a scan says who can sell, and picks nothing', async () => {
    // 00 signs in for the first time (changing 123456).
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    await renderApp(core, 'en');
    await screen.findByTestId('screen-standby');
    keysOnPage([...'6901234567892', 'Enter'], 6);
    expect((await screen.findByTestId('standby-message')).textContent).toBe(
      'To sell by scanning, sign in as a cashier.',
    );
    // 6 is 结算 and 9 签退 for the supervisor: neither opened.
    await new Promise((r) => setTimeout(r, 120));
    expect(screen.getByTestId('screen-standby')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('screen-settlement')).toBeNull());
  });

  it('on a declined card’s screen, a payment code scanned pays what is due by QR', async () => {
    await signInCashier(core);
    const user = userEvent.setup();
    await renderApp(core, 'zh-CN');
    await screen.findByTestId('screen-standby');
    await user.keyboard('{Enter}');
    await screen.findByTestId('basket');
    await user.keyboard('1234+');
    await screen.findByTestId('line-1');
    await user.keyboard('{Enter}');
    await screen.findByTestId('tender-choice');
    await user.keyboard('2');
    await user.click(await screen.findByTestId('pinpad-card-insufficient'));
    for (const d of '123456') await user.click(await screen.findByTestId(`pinpad-key-${d}`));
    await user.click(screen.getByTestId('pinpad-key-enter'));
    await screen.findByTestId('card-declined');
    // The customer shows WeChat instead (last digit 0: paid at once).
    keysOnPage([...'134567890123456780', 'Enter'], 6);
    await screen.findByTestId('qr-approved', {}, { timeout: 25_000 });
    const { order } = await ok<{ order: unknown }>(core, 'order:current');
    expect(order).toBeNull(); // paid: the counter has no open order
  }, 30_000); // a real card decline and QR payment: slow on a loaded machine, not timed
});
