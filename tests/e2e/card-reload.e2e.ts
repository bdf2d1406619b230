import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isSimulatedPinPad } from '../../native/pinpad';
import { SETUP, ok, setUpTerminal, signOff, signInCashier } from '../support/core';
import { reportFailure, startApp, type App } from './harness';

// The page reloads (F5) in the middle of a card sale, in Chromium over the
// real web shell: a wait at the PIN pad is cancelled with the page (its
// socket closes as the page unloads), and a sale already at the host shows on
// the new page as CardPending, then as its result.
let app: App;

beforeAll(async () => {
  app = await startApp();
  await setUpTerminal(app.core, SETUP);
  await ok(app.core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  await ok(app.core, 'setup:saveHost', {
    address: '',
    tls: false,
    timeoutSec: 10,
    retries: 3,
    tpdu: '6000030000',
    header: '603100000000',
  });
  await signOff(app.core);
  await signInCashier(app.core);
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
});

function pad() {
  const p = app.core.internals.pinpad;
  if (!isSimulatedPinPad(p)) throw new Error('training till expected');
  return p;
}

/** Standby → ¥12.34 → 刷卡: the PIN pad waits for the card. */
async function startCardSale(page: Page) {
  await page.getByTestId('screen-standby').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('screen-sale').waitFor();
  await page.keyboard.type('1234');
  await page.keyboard.type('+');
  await page.getByTestId('line-1').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('tender-choice').waitFor();
  await page.getByTestId('tender-card').click();
  await page.getByTestId('card-tender').waitFor();
  await page.getByTestId('pinpad-panel').waitFor();
}

describe('a reload in the middle of a card sale', () => {
  it('while the pad waits for the card: the wait ends with the page, the pad is idle', async () => {
    const { page } = app;
    await page.reload();
    await startCardSale(page);
    expect(pad().state()).toMatchObject({ phase: 'card', amountFen: 1234 });
    await page.reload();
    await expect.poll(() => pad().state().phase, { timeout: 5_000 }).toBe('idle');
    await page.getByTestId('screen-standby').waitFor();
    expect(await page.getByTestId('card-pending').count()).toBe(0);
    const host = await app.core.internals.trainingHost;
    expect(host!.log().filter((e) => e.mti === '0200')).toEqual([]);
  });

  it('while the sale is at a slow host: the new page shows it running, then approved', async () => {
    const { page } = app;
    await page.reload();
    await startCardSale(page);
    // What is due: this ¥12.34 line, plus the first test's line when its order
    // was kept (issue 18 item 8) — as the PIN pad shows it.
    const { amountFen } = pad().state() as { amountFen: number };
    const due = `¥${(amountFen / 100).toFixed(2)}`;
    const host = await app.core.internals.trainingHost;
    host!.faults.delayNext(1, 3_000);
    await page.getByTestId('pinpad-card-approve').click();
    await page.getByTestId('pinpad-key-enter').waitFor();
    for (const d of '123456') await page.getByTestId(`pinpad-key-${d}`).click();
    await page.getByTestId('pinpad-key-enter').click();
    await expect
      .poll(() => page.getByTestId('card-tender').getAttribute('data-phase'))
      .toBe('waiting-host');
    await page.reload();
    const pending = page.getByTestId('card-pending');
    await pending.waitFor();
    expect(await pending.textContent()).toContain('有一笔银行卡交易正在处理，请稍候…');
    expect(await page.getByTestId('card-pending-amount').textContent()).toBe(`消费金额：${due}`);
    await expect
      .poll(() => page.getByTestId('card-pending-result').textContent(), { timeout: 10_000 })
      .toBe(`该笔消费已成功：${due}。`);
    expect(host!.ledger()).toHaveLength(1);
  });
});
