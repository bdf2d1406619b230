import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { enterFloatOnScreen, reportFailure, startApp, type App } from './harness';

// Split tender (组合支付, issue 15) end to end in Chromium: a ¥26.00 order paid
// ¥10.00 by QR code, ¥12.00 by bank card and the ¥4.00 left in cash with
// change; the one order receipt on the virtual printer lists every payment.
let app: App;
const WECHAT = '134567890123456780'; // the training gateway approves it at once

beforeAll(async () => {
  app = await startApp();
  const { core } = app;
  await setUpTerminal(core); // no printer configured: the virtual printer shows receipts
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  await ok(core, 'setup:saveHost', {
    address: '',
    tls: false,
    timeoutSec: 2,
    retries: 3,
    tpdu: '6000030000',
    header: '603100000000',
  });
  await signOff(core);
  await signInCashier(core);
  await signOff(core);
  await app.page.reload();
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
});

/** F2 on the tender choice, then the part keyed on the number keys (1000 = ¥10.00). */
async function keyPart(page: Page, digits: string) {
  await page.keyboard.press('F2');
  await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('split-amount');
  await page.keyboard.press('Delete');
  await page.keyboard.type(digits);
  await page.keyboard.press('Enter');
}

describe('split tender at the counter', () => {
  it('1. the cashier rings up ¥26.00 and opens the tender', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('01');
    await page.getByTestId('password').fill('1357');
    await page.getByTestId('password').press('Enter');
    await enterFloatOnScreen(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('basket').waitFor();
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('entry');
    await page.keyboard.type('2600');
    await page.keyboard.type('+');
    await page.getByTestId('line-1').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    expect(await page.getByTestId('choice-due').textContent()).toBe('¥26.00');
    expect(await page.getByTestId('split-amount').inputValue()).toBe('¥26.00');
  });

  it('2. ¥10.00 by QR code: the order stays at its tender with ¥16.00 left', async () => {
    const { page } = app;
    await keyPart(page, '1000');
    expect(await page.getByTestId('tender-qr').textContent()).toContain('¥10.00');
    await page.getByTestId('tender-qr').click();
    await page.getByTestId('qr-code-input').fill(WECHAT);
    await page.getByTestId('qr-code-input').press('Enter');
    await page.getByTestId('qr-approved').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('qr-amount').textContent()).toBe('¥10.00');
    await page.getByTestId('done-next').click();
    await page.getByTestId('tender-choice').waitFor();
    expect(await page.getByTestId('split-total').textContent()).toBe('¥26.00');
    expect(await page.getByTestId('choice-due').textContent()).toBe('¥16.00');
    expect(await page.getByTestId('split-payment').allTextContents()).toEqual(['扫码 ¥10.00']);
    expect(await page.getByTestId('split-amount').inputValue()).toBe('¥16.00');
  });

  it('3. a part over what is left is refused on the spot; ¥12.00 by card', async () => {
    const { page } = app;
    await keyPart(page, '2000');
    await page.getByTestId('split-amount-error').waitFor();
    expect(await page.getByTestId('tender-card').isDisabled()).toBe(true);
    await keyPart(page, '1200');
    await page.getByTestId('tender-card').click();
    await page.getByTestId('card-tender').waitFor();
    await page.getByTestId('pinpad-panel').waitFor();
    await page.getByTestId('pinpad-card-approve').click();
    await page.getByTestId('pinpad-key-enter').waitFor();
    for (const d of '123456') await page.getByTestId(`pinpad-key-${d}`).click();
    await expect
      .poll(() => page.getByTestId('pinpad-digits').getAttribute('data-digits'))
      .toBe('6');
    await page.getByTestId('pinpad-key-enter').click();
    await page.getByTestId('card-approved').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('card-amount').textContent()).toBe('¥12.00');
    await page.getByTestId('done-next').click();
    await page.getByTestId('tender-choice').waitFor();
    expect(await page.getByTestId('choice-due').textContent()).toBe('¥4.00');
    expect(await page.getByTestId('split-payment').allTextContents()).toEqual([
      '扫码 ¥10.00',
      '银行卡 ¥12.00',
    ]);
    await app.screenshot('split-tender');
  });

  it('4. the ¥4.00 left in cash with change; the order receipt lists every payment', async () => {
    const { page, core } = app;
    expect(await page.getByTestId('tender-cash').textContent()).toContain('¥4.00');
    await page.getByTestId('tender-cash').click();
    await page.getByTestId('tender-amount').waitFor();
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-sale-done').waitFor();
    expect(await page.getByTestId('done-change').textContent()).toBe('¥6.00');
    const receipt = page.getByTestId('receipt-view').first();
    await receipt.waitFor();
    const text = (await receipt.textContent()) ?? '';
    for (const words of [
      '收银小票 SALES RECEIPT',
      '应付 TOTAL',
      '微信支付 WECHAT PAY',
      '银行卡 CARD',
      '622202*********0003',
      '现金 CASH',
      '找零 CHANGE',
      '已付 PAID',
    ])
      expect(text).toContain(words);
    expect(text).toMatch(/已付 PAID\s+RMB 26\.00/);
    await app.screenshot('split-receipt');

    const payments = core.internals.db
      .prepare(
        "SELECT tender, amount_fen AS amountFen FROM transactions WHERE order_id = (SELECT max(id) FROM orders) AND state = 'approved' ORDER BY id",
      )
      .all();
    expect(payments).toEqual([
      { tender: 'qr', amountFen: 1000 },
      { tender: 'card', amountFen: 1200 },
      { tender: 'cash', amountFen: 400 },
    ]);
    const order = core.internals.db.prepare('SELECT state FROM orders ORDER BY id DESC').get();
    expect(order).toEqual({ state: 'paid' });
  });

  it('5. the page raised no errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
