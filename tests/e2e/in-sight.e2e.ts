import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { reportFailure, startApp, type App } from './harness';

// What a new cashier or manager must see without scrolling, at the smallest
// screen a till has (1024×768) and the counter's 1366×768: 确认签退, 交易查询's
// 查询 under its filters, and what a void came to (or its error) in the
// transaction detail. Each screen is longer than 768 px at 1024 wide, so these
// would otherwise be drawn below the fold.
let app: App;
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
] as const;

beforeAll(async () => {
  app = await startApp();
  await setUpTerminal(app.core);
  await ok(app.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await signOff(app.core);
  await signInCashier(app.core);
  for (const amountFen of [1_250, 3_000, 880])
    await ok(app.core, 'sale:cash', { amountFen, tenderedFen: amountFen });
  await app.page.setViewportSize(SIZES[0]);
  await app.page.reload();
  await app.page.getByTestId('screen-standby').waitFor();
});
afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});
afterAll(async () => {
  await app?.close();
});

/** The page is taller than the window: what follows would be out of sight unless held in it. */
function pageHeight(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollHeight');
}

/** Wholly inside the window as it stands (the test scrolls nothing), at each size. */
async function inSight(page: Page, target: Locator, label: string) {
  for (const size of [...SIZES, SIZES[0]]) {
    await page.setViewportSize(size);
    const box = await target.boundingBox();
    expect(box, `${label} at ${size.width}×${size.height}`).not.toBeNull();
    const where = `${label} at ${size.width}×${size.height}: y ${box!.y}, bottom ${box!.y + box!.height}`;
    expect(box!.y, where).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height, where).toBeLessThanOrEqual(size.height);
    expect(box!.x, where).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, where).toBeLessThanOrEqual(size.width);
  }
}

describe('in sight at 1024×768 and 1366×768', () => {
  it('交易查询: 查询 under the 13 filters', async () => {
    const { page } = app;
    await page.keyboard.press('0');
    await page.getByTestId('history-row').first().waitFor();
    expect(await pageHeight(page)).toBeGreaterThan(768);
    expect(await page.evaluate<number>('window.scrollY')).toBe(0);
    await inSight(page, page.getByTestId('query-search'), '查询');
    await app.screenshot('in-sight-history-1024');
  });

  it('transaction detail: a void refused, then 撤销成功, shown above the detail', async () => {
    const { page } = app;
    await page.keyboard.press('Enter'); // the newest sale
    await page.getByTestId('void-form').waitFor();
    expect(await pageHeight(page)).toBeGreaterThan(768);
    await page.getByTestId('void-supervisor-password').fill('000000');
    await page.getByTestId('void-submit').click();
    const error = page.getByTestId('refund-error');
    await error.waitFor();
    await inSight(page, error, 'the void error');

    await page.getByTestId('void-supervisor-password').fill('246810');
    await page.getByTestId('void-submit').click();
    const result = page.getByTestId('void-result');
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('approved');
    await expect(result.textContent()).resolves.toContain('撤销成功');
    await inSight(page, result, '撤销成功');
    await app.screenshot('in-sight-void-1024');
    // Above the detail, not under it.
    await page.evaluate('window.scrollTo(0, 0)');
    const detail = await page.getByTestId('detail-voucher').boundingBox();
    const resultBox = await result.boundingBox();
    expect(resultBox!.y).toBeLessThan(detail!.y);
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-history').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
  });

  it('签退: 确认签退 under the count and the shift figures', async () => {
    const { page } = app;
    await page.keyboard.press('9');
    await page.getByTestId('cash-count').waitFor();
    await page.getByTestId('count-confirm').click();
    await page.getByTestId('count-result').waitFor();
    await page.getByTestId('shift-operator').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    expect(await pageHeight(page)).toBeGreaterThan(768);
    await inSight(page, page.getByTestId('sign-off-confirm'), '确认签退');
    await app.screenshot('in-sight-sign-off-1024');
    await page.getByTestId('sign-off-confirm').click();
    await page.getByTestId('screen-sign-in').waitFor();
  });
});
