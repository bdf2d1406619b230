import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withCheckDigit } from '../../main/domain/catalogue/barcodes';
import { demoProducts } from '../../main/domain/catalogue/demo-products';
import { formatFen } from '../../preload/contract';
import { ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import {
  enterFloatOnScreen,
  focusOn,
  checkLanguageSwitch,
  reportFailure,
  startApp,
  type App,
} from './harness';

// The checkout as a cashier uses it (issue 14): scans at wedge speed (one of
// them unknown), a scale label, a search by pinyin initials, a discount over
// the cashier's limit approved by the supervisor, hold, the next customer,
// recall, pay — and the order receipt on the virtual printer.
let app: App;
const SUPERVISOR_PASSWORD = '246810';
const demo = demoProducts();
const cola = demo.find((p) => p.barcodes.includes('6901234567892'))!;
const pork = demo.find((p) => p.weighable && p.name === '五花肉')!;
// 2 F PPPPP AAAAA C: flag 0, PLU of the pork, ¥12.34 on the label, check digit computed
const SCALE_LABEL = withCheckDigit(`20${pork.code.padStart(5, '0')}01234`);
const UNKNOWN = withCheckDigit('489123456700'); // a valid EAN-13 no product has

beforeAll(async () => {
  app = await startApp();
  const { core } = app;
  await setUpTerminal(core);
  await signInCashier(core);
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR_PASSWORD,
    confirmPassword: SUPERVISOR_PASSWORD,
  });
  await signOff(core);
  await app.page.reload();
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
});

/** A wedge scanner: the whole code at machine speed, then Enter. */
async function wedgeScan(page: Page, code: string) {
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

const lineCount = (page: Page) => page.getByTestId('basket-lines').locator('tbody tr').count();
const due = (page: Page) => page.getByTestId('basket-due').textContent();

describe('the checkout: basket, discounts, hold and recall', () => {
  it('1. the cashier signs in and opens the basket', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('01');
    await page.getByTestId('password').fill('1357');
    await page.getByTestId('password').press('Enter');
    await enterFloatOnScreen(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('basket').waitFor();
    await focusOn(page, 'entry'); // a scan at machine speed needs the field focused
    // the training scanner's panel has loaded: the screen is settled
    await page.getByTestId('scanner-code-goods-cola').waitFor();
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('entry');
  });

  it('2. scans at wedge speed: the same can twice is one line of 2; an unknown code is named, nothing added', async () => {
    const { page } = app;
    await wedgeScan(page, '6901234567892');
    await page.getByTestId('line-1').waitFor();
    await wedgeScan(page, '6901234567892');
    await expect
      .poll(() => page.getByTestId('line-1').getByTestId('line-qty').textContent())
      .toBe('2');
    expect(await due(page)).toBe(formatFen(2 * cola.priceFen));

    // the training scanner's panel "scans" a barcode no product has
    await page.getByTestId('scanner-code-goods-unknown').click();
    await page.getByTestId('unknown-code').waitFor();
    expect(await page.getByTestId('unknown-code').getAttribute('data-code')).toBe(UNKNOWN);
    await page.getByTestId('entry').focus();
    expect(await page.getByTestId('unknown-code').textContent()).toContain('未知商品');
    // a scanned code is never offered as an amount
    expect(await page.getByTestId('unknown-as-amount').count()).toBe(0);
    expect(await lineCount(page)).toBe(1);
    expect(await due(page)).toBe(formatFen(2 * cola.priceFen));
  });

  it('3. a scale label adds the weighed item at the label’s amount', async () => {
    const { page } = app;
    await page.getByTestId('scanner-code-goods-scale-pork').click();
    await page.getByTestId('line-2').waitFor();
    expect(await page.getByTestId('line-2').textContent()).toContain(pork.name);
    expect(await page.getByTestId('line-2').getByTestId('line-net').textContent()).toBe('¥12.34');
    // the same label at wedge speed is the same item again
    await page.getByTestId('entry').focus();
    await wedgeScan(page, SCALE_LABEL);
    await page.getByTestId('line-3').waitFor();
    await page.getByTestId('line-3').click();
    await page.getByTestId('key-remove').click();
    await expect.poll(() => lineCount(page)).toBe(2);
    await page.getByTestId('entry').focus();
  });

  it('4. 「kkkl」 finds 可口可乐; ↓ and Enter add it', async () => {
    const { page } = app;
    await page.keyboard.type('kkkl', { delay: 80 });
    await page.getByTestId('entry-results').waitFor();
    const first = page.getByTestId('entry-results').locator('li').first();
    expect(await first.textContent()).toContain('可口可乐');
    await checkLanguageSwitch(page, '扫码 / 编码 / 拼音 / 金额', 'Scan / code / pinyin / amount');
    await page.getByTestId('entry').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('entry-results').count()).toBe(0);
    await expect
      .poll(async () => (await page.getByTestId('basket-items').textContent()) ?? '')
      .toBe('4');
    await app.screenshot('checkout-basket');
  });

  it('5. ¥5 off a ¥21.34 order is over the cashier’s 10 %: the supervisor approves at the counter', async () => {
    const { page } = app;
    const before = await page.getByTestId('basket-total').textContent();
    await page.keyboard.press('F8');
    await page.getByTestId('discount-dialog').waitFor();
    await page.getByTestId('discount-amount').click();
    await page.getByTestId('discount-value').focus();
    await page.keyboard.type('500');
    await page.keyboard.press('Enter');
    await page.getByTestId('approval-dialog').waitFor();
    expect(await page.getByTestId('approval-reason').textContent()).toContain('权限');
    await page.getByTestId('approval-supervisor-password').fill('000000');
    await page.keyboard.press('Enter');
    await page.getByTestId('approval-error').waitFor();
    await app.screenshot('checkout-approval');
    await page.getByTestId('approval-supervisor-password').fill(SUPERVISOR_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('approval-dialog').count()).toBe(0);
    expect(await page.getByTestId('basket-discounts').textContent()).toBe('-¥5.00');
    expect(await page.getByTestId('basket-total').textContent()).not.toBe(before);
    const audit = app.core.internals.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'order.orderDiscount'")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ approvedBy: '00' });
  });

  let heldNumber = '';
  it('6. holds the order (F5) and serves the next customer: ¥8.00 in cash', async () => {
    const { page } = app;
    heldNumber = (await page.getByTestId('order-number').textContent()) ?? '';
    expect(heldNumber).toMatch(/^\d{14}$/);
    await page.keyboard.press('F5');
    await page.getByTestId('basket-notice').waitFor();
    expect(await page.getByTestId('basket-notice').textContent()).toContain(heldNumber);
    await page.getByTestId('basket-empty').waitFor();

    await page.getByTestId('entry').focus();
    await page.keyboard.type('800+');
    await page.getByTestId('line-1').waitFor();
    expect(await page.getByTestId('order-number').textContent()).not.toBe(heldNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    await page.keyboard.press('1');
    await page.getByTestId('tender-amount').waitFor();
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-sale-done').waitFor();
    expect(await page.getByTestId('done-change').textContent()).toBe('¥2.00');
    await page.keyboard.press('Enter'); // the next customer
    await page.getByTestId('basket-empty').waitFor();
  });

  it('7. recalls the held order (F6, Enter) and takes cash: the order receipt on the virtual printer', async () => {
    const { page, core } = app;
    await page.keyboard.press('F6');
    await page.getByTestId('held-dialog').waitFor();
    await page.getByTestId(`held-${heldNumber}`).waitFor();
    await app.screenshot('checkout-held');
    await page.getByTestId('held-list').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('order-number').textContent()).toBe(heldNumber);
    expect(await lineCount(page)).toBe(2); // 3 cans of cola (the search pick joined the scanned ones) and the pork
    const total = (await due(page)) ?? '';

    await page.getByTestId('entry').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    expect(await page.getByTestId('choice-due').textContent()).toBe(total);
    await page.getByTestId('tender-cash').click();
    await page.getByTestId('tender-exact').click();
    await page.getByTestId('tender-confirm').click();
    await page.getByTestId('screen-sale-done').waitFor();
    const receipt = page.getByTestId('receipt-view').first();
    await receipt.waitFor();
    const text = (await receipt.textContent()) ?? '';
    for (const words of [
      '收银小票 SALES RECEIPT',
      heldNumber,
      cola.name,
      pork.name,
      '整单折扣 ORDER DISCOUNT',
      '应付 TOTAL',
    ])
      expect(text).toContain(words);
    await app.screenshot('checkout-receipt');

    const order = core.internals.db
      .prepare('SELECT state, total_fen, order_discount_fen FROM orders WHERE order_no = ?')
      .get(heldNumber);
    expect(order).toMatchObject({ state: 'paid', order_discount_fen: 500 });
    const paid = core.internals.db
      .prepare(
        "SELECT sum(amount_fen) FROM transactions WHERE order_id = (SELECT id FROM orders WHERE order_no = ?) AND state = 'approved'",
      )
      .pluck()
      .get(heldNumber);
    expect(paid).toBe((order as { total_fen: number }).total_fen);
  });

  it('7b. the cashier’s sales report of the shift: tabs 商品 / 分类 / 折扣, the active one marked', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
    await page.getByTestId('menu-history').click();
    await page.getByTestId('query-reports').click();
    await page.getByTestId('reports-tab-products').click();
    await page.getByTestId('sales-show').click();
    await page.getByTestId('sales-table-products').waitFor();
    expect(await page.getByTestId('reports-tab-products').getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await page.getByTestId('sales-table-products').textContent()).toContain(cola.name);
    await app.screenshot('sales-report');
  });

  it('8. the page raised no errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
