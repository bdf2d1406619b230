import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cashierIn, ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { focusOn, reportFailure, startApp, type App } from './harness';

// What a new user met walking the screens at the counter's 1366×768 (and the
// 1024×768 of older tills): the standby menu ran past the bottom, taking 9 签退
// and the answer to a key (重打印上一笔 with nothing to reprint) out of sight;
// the basket's product names were right-aligned like the money beside them.
let app: App;

beforeAll(async () => {
  app = await startApp();
  await setUpTerminal(app.core);
  await signInCashier(app.core);
  await app.page.reload();
  await app.page.getByTestId('screen-standby').waitFor();
});
afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});
afterAll(async () => {
  await app?.close();
});

/** The bottom edges (px) of the standby's menu items, hint and answer that lie below the window. */
function belowTheFold(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [...document.querySelectorAll('nav.menu > *')]
      .filter((e) => e.getBoundingClientRect().bottom > window.innerHeight)
      .map((e) => (e.dataset.testid ?? e.textContent.trim().slice(0, 12)) + ' ' + Math.round(e.getBoundingClientRect().bottom))`);
}

describe('standby and basket as a new user sees them', () => {
  for (const [width, height] of [
    [1366, 768],
    [1024, 768],
  ] as const)
    it(`cashier at ${width}×${height}: every menu item, the hint and a key's answer are in sight`, async () => {
      const { page } = app;
      await page.setViewportSize({ width, height });
      await page.getByTestId('menu-sign-off').waitFor();
      await page.keyboard.press('3'); // 重打印上一笔: nothing sold yet
      await page.getByTestId('error').waitFor();
      expect(await page.getByTestId('error').textContent()).toContain('找不到');
      expect(await belowTheFold(page)).toEqual([]);
      await app.screenshot(`first-walk-standby-${width}`);
    });

  it('the supervisor’s and the technician’s longer menus fit 1366×768 too', async () => {
    const { page, core } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const [no, pw] of [
      ['00', '123456'],
      ['99', '87654321'],
    ] as const) {
      await signOff(core);
      if (no === '00')
        await ok(core, 'auth:changePassword', {
          operatorNo: '00',
          currentPassword: '123456',
          newPassword: '246810',
          confirmPassword: '246810',
        });
      else await ok(core, 'auth:signIn', { operatorNo: no, password: pw });
      await page.reload();
      await page.getByTestId('menu-sign-off').waitFor();
      expect(await belowTheFold(page)).toEqual([]);
    }
    await signOff(core);
    await cashierIn(core);
    await page.reload();
    await page.getByTestId('screen-standby').waitFor();
  });

  it('the basket: a product’s name lines up with 商品, left; its money right', async () => {
    const { page } = app;
    await page.keyboard.press('Enter');
    await focusOn(page, 'entry');
    await page.keyboard.type('1001');
    await page.keyboard.press('Enter');
    await page.getByTestId('line-1').waitFor();
    const align = await page.evaluate<{ name: string; net: string }>(`(() => {
      const row = document.querySelector('[data-testid="line-1"]');
      return {
        name: getComputedStyle(row.querySelector('.line-name').closest('td')).textAlign,
        net: getComputedStyle(row.querySelector('[data-testid="line-net"]')).textAlign,
      };
    })()`);
    expect(['left', 'start']).toContain(align.name);
    expect(align.net).toBe('right');
    await app.screenshot('first-walk-basket');
  });

  it('现金收款 fits 1366×768: the keypad beside the amount, 确认收款 and the hint in sight; its 清除 key clears', async () => {
    const { page } = app;
    await focusOn(page, 'entry');
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    await page.keyboard.press('1');
    await focusOn(page, 'tender-amount');
    await page.keyboard.type('500');
    const below = await page.evaluate<string[]>(`
      [...document.querySelectorAll('.tender-panel > *')]
        .filter((e) => e.getBoundingClientRect().bottom > window.innerHeight)
        .map((e) => e.className + ' ' + Math.round(e.getBoundingClientRect().bottom))`);
    expect(below).toEqual([]);
    const clear = page.locator('.keypad-clear');
    expect(await clear.textContent()).toBe('清除');
    await clear.click();
    expect(await page.getByTestId('change-preview').textContent()).toBe('实收不足，还差 ¥3.00');
    await app.screenshot('first-walk-cash');
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('done-change').textContent()).toBe('¥2.00');
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
  });

  it('交易查询 and 审计日志 at 1366×768: the list beside narrow filters, no sideways scroll, times on one line', async () => {
    const { page, core } = app;
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    await page.reload();
    await page.getByTestId('screen-standby').waitFor();
    for (const [key, row] of [
      ['0', 'history-row'],
      ['4', 'audit-row'],
    ] as const) {
      await page.keyboard.press(key);
      await page.getByTestId(row).first().waitFor();
      const m = await page.evaluate<{ sideways: number; when: number; list: number }>(`(() => ({
        sideways: document.documentElement.scrollWidth - window.innerWidth,
        when: (() => {
          // The lines the time's words take (the cell is as tall as its row):
          // the date and the clock are pieces of their own, on one line when
          // they share its top.
          const r = document.createRange();
          r.selectNodeContents(document.querySelector('[data-testid="${row}"] td.when'));
          return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
        })(),
        list: document.querySelector('main > section.panel').getBoundingClientRect().width,
      }))()`);
      expect(m.sideways).toBeLessThanOrEqual(0);
      expect(m.when).toBe(1);
      expect(m.list).toBeGreaterThan(850);
      await app.screenshot(`first-walk-list-${key}`);
      await page.keyboard.press('Escape');
      await page.getByTestId('screen-standby').waitFor();
    }
  });

  it('the page raised no errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
