import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrinterSimulator, type PrinterSimulator } from '../../native/printer/simulator';
import { SETUP, ok, setUpTerminal, signOff } from '../support/core';
import {
  enterFloatOnScreen,
  checkLanguageSwitch,
  reportFailure,
  wedgeScanAt,
  startApp,
  type App,
} from './harness';

// QR payment codes at the counter, in training mode: the in-process training
// gateway answers by the code's last digit.
let app: App;
let printer: PrinterSimulator;
const wechat = (lastDigit: number) => `13456789012345678${lastDigit}`;

beforeAll(async () => {
  printer = await startPrinterSimulator();
  // The customer confirms on the phone by the first query (5 s), not the third.
  app = await startApp({ qrTraining: { confirmAfterQueries: 1 } });
  await setUpTerminal(app.core, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
  });
  // The supervisor has replaced the initial password (refunds need it).
  await ok(app.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await signOff(app.core);
  await app.page.reload();
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
  await printer?.close();
});

async function toTenderChoice(page: Page, digits: string) {
  await page.getByTestId('screen-standby').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('screen-sale').waitFor();
  // The keypad amount, + makes it a 数额 line, Enter on the empty field pays.
  await page.keyboard.type(digits);
  await page.keyboard.type('+');
  await page.getByTestId('line-1').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('tender-choice').waitFor();
}

describe('QR payment codes at the counter', () => {
  it('1. the cashier signs in', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('01');
    await page.getByTestId('password').fill('0000');
    await page.getByTestId('password').press('Enter');
    await page.getByTestId('change-password-form').waitFor();
    await page.getByTestId('new-password').fill('1357');
    await page.getByTestId('confirm-password').fill('1357');
    await page.getByTestId('change-password-submit').click();
    await enterFloatOnScreen(page);
  });

  it('2. a scanner burst on the tender screen pays at once: approved, the order receipt', async () => {
    const { page } = app;
    await toTenderChoice(page, '2350');
    // A wedge scanner: 18 digits a few ms apart, then Enter (the first digit is the cash key).
    await wedgeScanAt(page, wechat(0));
    await page.getByTestId('qr-approved').waitFor();
    expect(await page.getByTestId('qr-amount').textContent()).toBe('¥23.50');
    expect(await page.getByTestId('qr-wallet').textContent()).toBe('微信支付');
    const orderNo = await page.getByTestId('qr-order-no').textContent();
    expect(orderNo).toMatch(/^T0000001\d{12}\d{6}$/);
    await checkLanguageSwitch(page, '收款成功', 'Payment approved');
    await app.screenshot('qr-approved');
    // The QR payment is on the order's receipt: one copy with the wallet and the gateway's order number.
    const [job] = await printer.waitForJobs(1);
    const text = iconv.decode(job!, 'gb18030');
    expect(text).toContain('收银小票 SALES RECEIPT');
    expect(text).toContain('微信支付 WECHAT PAY');
    expect(text).toContain(orderNo!);
    expect(text).not.toContain(wechat(0));
    // Exactly one sale, by QR: the scan's first digit did not take cash.
    expect(app.core.internals.db.prepare('SELECT tender, state FROM transactions').all()).toEqual([
      { tender: 'qr', state: 'approved' },
    ]);
    await page.getByTestId('done-standby').click();
  });

  it('3. user paying: the cashier sees the countdown until the customer confirms', async () => {
    const { page } = app;
    await toTenderChoice(page, '1200');
    await page.getByTestId('tender-qr').click();
    await page.getByTestId('qr-code-input').fill(wechat(5));
    await app.screenshot('qr-scan');
    await page.getByTestId('qr-code-input').press('Enter');
    await page.getByTestId('qr-countdown').waitFor();
    expect(await page.getByTestId('qr-phase').textContent()).toBe('等待顾客输入密码');
    expect(await page.getByTestId('qr-countdown').textContent()).toMatch(/^剩余 \d+ 秒$/);
    await app.screenshot('qr-waiting');
    await page.getByTestId('qr-approved').waitFor({ timeout: 20_000 });
    await page.getByTestId('done-standby').click();
  });

  it('4. a code that is no wallet’s is refused before anything is sent', async () => {
    const { page } = app;
    await toTenderChoice(page, '500');
    await page.keyboard.press('3');
    await page.getByTestId('qr-code-input').fill('123456');
    await page.getByTestId('qr-code-input').press('Enter');
    await page.getByTestId('qr-error').waitFor();
    expect(await page.getByTestId('qr-error').getAttribute('data-code')).toBe('QR_CODE_INVALID');
    expect(await page.getByTestId('qr-error').textContent()).toContain('不是有效的付款码');
    await checkLanguageSwitch(page, '不是有效的付款码', 'Not a valid payment code');
    await app.screenshot('qr-refused');
    expect(app.core.internals.db.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual({
      n: 2,
    });
    // Back from the QR tender and the tender choice to the basket, which keeps the order;
    // the cashier holds it (F5) and goes to standby.
    await page.keyboard.press('Escape');
    await page.getByTestId('tender-choice').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('basket').waitFor();
    await page.keyboard.press('F5');
    await page.getByTestId('basket-empty').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
  });

  it('4b. the training scanner panel scans a test code (Alipay)', async () => {
    const { page } = app;
    await toTenderChoice(page, '800');
    await page.keyboard.press('3');
    await page.getByTestId('scanner-code-alipay-success').click();
    await page.getByTestId('qr-approved').waitFor();
    expect(await page.getByTestId('qr-wallet').textContent()).toBe('支付宝');
    await page.getByTestId('done-standby').click();
  });

  it('5. a supervisor-approved partial refund from the transaction list', async () => {
    const { page } = app;
    await page.getByTestId('screen-standby').waitFor();
    await page.getByTestId('menu-history').click();
    await page.getByTestId('screen-history').waitFor();
    const first = page.getByTestId('history-row').last();
    await first.getByRole('button').click();
    await page.getByTestId('refund-form').waitFor();
    expect(await page.getByTestId('refundable').textContent()).toBe('¥23.50');
    await page.getByTestId('refund-amount').pressSequentially('1000', { delay: 30 }); // fen: ¥10.00
    await page.getByTestId('supervisor-password').fill('246810');
    await page.getByTestId('refund-submit').click();
    await expect
      .poll(() => page.getByTestId('refund-result').getAttribute('data-outcome'))
      .toBe('approved');
    await expect.poll(() => page.getByTestId('refundable').textContent()).toBe('¥13.50');
    expect(await page.getByTestId('refund-row').count()).toBe(1);
    await app.screenshot('qr-refund');
  });

  it('6. the page raised no errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
