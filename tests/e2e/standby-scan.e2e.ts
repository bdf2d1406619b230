import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { enterFloatOnScreen, focusOn, reportFailure, startApp, type App } from './harness';

// A cashier with a customer waiting scans the first product on the standby
// screen. The cola's EAN-13 starts with 6 (预授权 on the menu) and holds a 9
// (签退): in Chromium, with real key events at machine speed, the scan must
// open the sale with the cola in the basket, and a person's 6 must still
// open 预授权.
let app: App;

beforeAll(async () => {
  app = await startApp();
  await setUpTerminal(app.core);
  await signInCashier(app.core);
  await signOff(app.core);
  await app.page.reload();
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
});

describe('scanning on the standby screen', () => {
  it('a person’s 6 on standby opens 预授权, as always', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('01');
    await page.getByTestId('password').fill('1357');
    await page.getByTestId('password').press('Enter');
    await enterFloatOnScreen(page);
    await page.keyboard.press('6');
    await page.getByTestId('screen-preauth').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
  });

  it('a wedge scan on standby opens the sale with the product in it', async () => {
    const { page } = app;
    await page.keyboard.type('6901234567892');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-sale').waitFor();
    const line = page.getByTestId('line-1');
    await line.waitFor();
    expect(await line.textContent()).toContain('可口可乐');
    expect(await page.getByTestId('basket-lines').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('screen-preauth').count()).toBe(0);
    const { order } = await ok<{ order: { lines: unknown[] } }>(app.core, 'order:current');
    expect(order.lines).toHaveLength(1);
  });

  it('the next customer’s first product scanned on the paid screen starts their sale', async () => {
    const { page } = app;
    await focusOn(page, 'entry');
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    await page.keyboard.press('1');
    await page.getByTestId('tender-amount').waitFor();
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-sale-done').waitFor();
    expect(await page.getByTestId('done-change').textContent()).toBe('¥2.00');
    await page.keyboard.type('6901234567267'); // 雪碧
    await page.keyboard.press('Enter');
    const line = page.getByTestId('line-1');
    await line.waitFor();
    expect(await line.textContent()).toContain('雪碧');
    expect(await page.getByTestId('basket-lines').locator('tbody tr').count()).toBe(1);
  });
});
