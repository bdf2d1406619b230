import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoProducts } from '../../main/domain/catalogue/demo-products';
import type { OrderView } from '../../preload/contract';
import { formatFen } from '../../preload/contract';
import { ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { enterFloatOnScreen, focusOn, reportFailure, startApp, type App } from './harness';

// A return by line (issue 15) as the cashier does it: the customer's receipt
// scanned at wedge speed on the 退货 screen, one line picked, the supervisor's
// password, the money back in cash and the steps shown.
let app: App;
const SUPERVISOR_PASSWORD = '246810';
const demo = demoProducts().filter((p) => !p.weighable && p.barcodes.length > 0);
const [first, second] = [demo[0]!, demo[1]!];
let order: OrderView;

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

describe('returns by line (按商品退货)', () => {
  it('1. the cashier signs in; an earlier customer paid two items in cash', async () => {
    const { page, core } = app;
    await page.getByTestId('operator-no').fill('01');
    await page.getByTestId('password').fill('1357');
    await page.getByTestId('password').press('Enter');
    await enterFloatOnScreen(page);
    await ok(core, 'order:scan', { code: first.barcodes[0], quantity: 2 });
    const scanned = await ok<{ order: OrderView }>(core, 'order:scan', {
      code: second.barcodes[0],
    });
    order = scanned.order;
    await ok(core, 'order:payCash', { orderId: order.id, tenderedFen: order.dueFen });
  });

  it('2. R opens 退货; the receipt barcode scanned at wedge speed finds the order', async () => {
    const { page } = app;
    await page.keyboard.press('r');
    await page.getByTestId('screen-returns').waitFor();
    await focusOn(page, 'return-order-no');
    await page.keyboard.type(order.number);
    await page.keyboard.press('Enter');
    await page.getByTestId('return-order').waitFor();
    expect(await page.getByTestId('return-order').textContent()).toContain(order.number);
  });

  it('3. one of the two first items back in cash with the supervisor; the steps and the cash to hand out show', async () => {
    const { page } = app;
    const line = order.lines.find((l) => l.name === first.name)!;
    await page.getByTestId(`return-qty-${line.id}`).fill('1');
    await expect
      .poll(() => page.getByTestId('return-total').textContent())
      .toBe(formatFen(first.priceFen));
    await page.getByTestId('return-supervisor-password').fill(SUPERVISOR_PASSWORD);
    await app.screenshot('return-by-line');
    await page.getByTestId('return-submit').click();
    await page.getByTestId('screen-return-result').waitFor();
    expect(await page.getByTestId('return-done').textContent()).toContain('退货完成');
    expect(await page.getByTestId('return-cash-out').textContent()).toContain(
      formatFen(first.priceFen),
    );
    expect(await page.getByTestId('return-step-1').textContent()).toContain('现金退款');
    const left = await ok<{ lines: Array<{ lineId: number; leftQty: number }> }>(
      app.core,
      'returns:order',
      { orderNo: order.number },
    );
    expect(left.lines.find((l) => l.lineId === line.id)?.leftQty).toBe(1);
  });
});
