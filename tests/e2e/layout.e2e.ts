import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { enterFloatOnScreen, reportFailure, startApp, type App } from './harness';

// Issue 18 item 19: the layout system at the counter's 1366×768, measured in
// Chromium: touch-sized controls, checkboxes beside their labels, selects as
// tall as inputs, the screen's width used, label/value detail, money aligned.
let app: App;

beforeAll(async () => {
  app = await startApp();
  await setUpTerminal(app.core);
  await signInCashier(app.core);
  await ok(app.core, 'sale:cash', { amountFen: 123_456, tenderedFen: 123_456 });
  await signOff(app.core);
  await ok(app.core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  await app.page.setViewportSize({ width: 1366, height: 768 });
  await app.page.reload();
  await app.page.getByTestId('screen-standby').waitFor();
});
afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});
afterAll(async () => {
  await app?.close();
});

interface Box {
  id: string;
  kind: string;
  w: number;
  h: number;
  labelH: number;
}

// The in-page measurements are written as page scripts (this project's Node
// type-check has no DOM library).

/** Every visible control on the screen with its size (and its label's height). */
function controls(page: Page): Promise<Box[]> {
  return page.evaluate<Box[]>(`
    [...document.querySelectorAll('main input, main select, main button')]
      .filter((e) => e.offsetParent !== null && !e.closest('.pinpad, .scanner-panel'))
      .map((e) => {
        const r = e.getBoundingClientRect();
        const label = e.closest('label');
        return {
          id: e.dataset.testid ?? e.textContent.trim().slice(0, 12),
          kind: e.tagName === 'INPUT' ? e.type : e.tagName.toLowerCase(),
          w: r.width,
          h: r.height,
          labelH: label ? label.getBoundingClientRect().height : 0,
        };
      })`);
}

function checkControls(boxes: Box[]) {
  const ticks = boxes.filter((b) => b.kind === 'checkbox' || b.kind === 'radio');
  const fields = boxes.filter((b) => !['checkbox', 'radio', 'file', 'hidden'].includes(b.kind));
  expect(fields.filter((b) => b.h < 44).map((b) => `${b.id} ${b.h}`)).toEqual([]);
  // A box drawn at its size, its label on the same line (one control high).
  expect(ticks.filter((b) => b.w > 32).map((b) => `${b.id} ${b.w}`)).toEqual([]);
  expect(ticks.filter((b) => b.labelH > 64).map((b) => `${b.id} ${b.labelH}`)).toEqual([]);
  const inputH = fields.filter((b) => b.kind === 'text' || b.kind === 'number')[0]?.h;
  for (const s of fields.filter((b) => b.kind === 'select'))
    expect(Math.abs(s.h - (inputH ?? s.h))).toBeLessThan(4);
}

/** How much of the 1366 px width the screen's panels use. */
function usedWidth(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const panels = [...document.querySelectorAll('main > .panel, main > form')];
    const left = Math.min(...panels.map((p) => p.getBoundingClientRect().left));
    const right = Math.max(...panels.map((p) => p.getBoundingClientRect().right));
    return right - left;
  })()`);
}

describe('one layout at 1366×768', () => {
  it('peripherals (99 → P): checkboxes and radios beside their labels, selects as tall as inputs', async () => {
    const { page } = app;
    await page.keyboard.press('p');
    await page.getByTestId('screen-peripherals').waitFor();
    checkControls(await controls(page));
    expect(await usedWidth(page)).toBeGreaterThan(1_100);
    await app.screenshot('layout-peripherals');
    await page.keyboard.press('Escape');
  });

  it('transaction parameters (99 → 0)', async () => {
    const { page } = app;
    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('0');
    await page.getByTestId('screen-tech-policy').waitFor();
    checkControls(await controls(page));
    expect(await usedWidth(page)).toBeGreaterThan(1_100);
    await page.keyboard.press('Escape');
  });

  it('history: money right-aligned in tabular figures; the detail is a label/value grid', async () => {
    const { page } = app;
    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('q');
    await page.getByTestId('history-row').first().waitFor();
    const money = page.getByTestId('history-row').first().locator('td.money');
    expect(await money.textContent()).toBe('¥1,234.56');
    const style = await page.evaluate<{ align: string; figures: string }>(`(() => {
      const s = getComputedStyle(document.querySelector('[data-testid="history-row"] td.money'));
      return { align: s.textAlign, figures: s.fontVariantNumeric };
    })()`);
    expect(style).toEqual({ align: 'right', figures: 'tabular-nums' });
    checkControls(await controls(page));
    await page.getByTestId('history-row').first().locator('button').first().click();
    await page.getByTestId('screen-transaction').waitFor();
    // Each label on the line of its value.
    const rows = await page.evaluate<number[]>(`
      [...document.querySelectorAll('main dl:not(.detail-list) > dt')].map((dt) =>
        Math.abs(dt.getBoundingClientRect().top - dt.nextElementSibling.getBoundingClientRect().top),
      )`);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.filter((d) => d > 8)).toEqual([]);
    await app.screenshot('layout-detail');
  });

  it('audit (99 → 2): headers on one line; reports: the active tab is marked (item 18)', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('2');
    await page.getByTestId('audit-row').first().waitFor();
    const heights = await page.evaluate<number[]>(
      `[...document.querySelectorAll('main th')].map((th) => th.getBoundingClientRect().height)`,
    );
    expect(heights.filter((h) => h > 48)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('q');
    await page.getByTestId('query-reports').click();
    await page.getByTestId('reports-tab-shift').waitFor();
    const tabs = await page.evaluate<Array<{ pressed: string; bg: string }>>(
      `[...document.querySelectorAll('main button[aria-pressed]')].map((b) => ({
        pressed: b.getAttribute('aria-pressed'),
        bg: getComputedStyle(b).backgroundColor,
      }))`,
    );
    const on = tabs.filter((x) => x.pressed === 'true');
    const off = tabs.filter((x) => x.pressed === 'false');
    expect(on).toHaveLength(1);
    expect(off.length).toBeGreaterThan(0);
    expect(off.every((x) => x.bg !== on[0]!.bg)).toBe(true);
  });

  it('the training scanner panel on the QR tender is drawn as a device (item 18)', async () => {
    const { page } = app;
    await page.evaluate(
      `globalThis.pos.auth.signOff({}).then(() => globalThis.pos.auth.signIn({ operatorNo: '01', password: '1357' }))`,
    );
    await page.reload();
    // A new shift of the cashier's: its float first (issue 15), ¥0.00.
    await enterFloatOnScreen(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('basket').waitFor();
    await page.keyboard.type('500+');
    await page.getByTestId('line-1').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    await page.keyboard.press('3');
    await page.getByTestId('scanner-panel').waitFor();
    const panel = await page.evaluate<{ bg: string; buttons: number[] }>(`(() => {
      const p = document.querySelector('[data-testid="scanner-panel"]');
      return {
        bg: getComputedStyle(p).backgroundColor,
        buttons: [...p.querySelectorAll('button')].map((b) => b.getBoundingClientRect().height),
      };
    })()`);
    expect(panel.bg).toBe('rgb(43, 50, 66)');
    expect(panel.buttons.filter((h) => h < 44)).toEqual([]);
    await app.screenshot('layout-qr-scanner');
  });

  it('the page raised no errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
