import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setUpTerminal, signInCashier } from '../support/core';
import { reportFailure, startApp, type App } from './harness';

// A screen whose code cannot be fetched (the web shell restarted, the link
// dropped) must not leave the till blank: the screen says so in both
// languages, the header and the session stay, standby and a reload lead on.
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

describe('a screen that cannot load', () => {
  it('says so instead of a blank page; standby still works; a reload brings the screen', async () => {
    const { page } = app;
    await page.route('**/assets/History-*.js', (route) => route.abort('connectionreset'));
    await page.getByTestId('menu-history').click();
    const failed = page.getByTestId('screen-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('这个页面没能打开');
    expect(await page.getByRole('alert').count()).toBeGreaterThan(0);
    // The rest of the till is still there: the header, and standby one press away.
    expect(await page.locator('header').count()).toBe(1);
    await page.getByTestId('screen-failed-standby').click();
    await page.getByTestId('screen-standby').waitFor();

    // The link is back, but the page keeps the failed load: the same screen fails again…
    await page.unroute('**/assets/History-*.js');
    await page.getByTestId('menu-history').click();
    await failed.waitFor();
    // …and 重新加载 reloads the page: still signed in, the screen opens.
    await page.getByTestId('screen-reload').click();
    await page.getByTestId('screen-standby').waitFor();
    await page.getByTestId('menu-history').click();
    await page.getByTestId('screen-history').waitFor();
    expect(await page.getByTestId('screen-failed').count()).toBe(0);
  });

  it('in English too (Alt+L)', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('Alt+L');
    await page.route('**/assets/PrintQueue-*.js', (route) => route.abort('connectionreset'));
    await page.getByTestId('menu-print-queue').click();
    const failed = page.getByTestId('screen-failed');
    await failed.waitFor();
    expect(await failed.textContent()).toContain('This screen could not be opened');
    await page.unroute('**/assets/PrintQueue-*.js');
    await page.keyboard.press('Alt+L');
  });
});
