import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPrinterSimulator, type PrinterSimulator } from '../../native/printer/simulator';
import { SETUP, ok, setUpTerminal, signInCashier, signOff } from '../support/core';
import { startBackOffice, type BackOffice } from '../backoffice/server';
import { approvedSale } from '../integration/cards/harness';
import { reportFailure, startApp, checkLanguageSwitch, type App } from './harness';

// End of day: the cashier took a card, a QR code and cash; the manager (00)
// settles in the browser, sees the report, and watches the upload reach done.
let app: App;
let printer: PrinterSimulator;
let backOffice: BackOffice;

beforeAll(async () => {
  printer = await startPrinterSimulator();
  backOffice = await startBackOffice({ token: 'back-office-token', keepBodies: true });
  app = await startApp();
  const { core } = app;
  await setUpTerminal(core, {
    ...SETUP,
    printer: { kind: 'tcp', host: '127.0.0.1', port: printer.port },
  });
  await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
  await ok(core, 'sync:saveSettings', {
    baseUrl: backOffice.baseUrl,
    timeoutSec: 5,
    token: 'back-office-token',
  });
  await signOff(core);
  // The day's trade, through the contract as the cashier's screens send it.
  await signInCashier(core);
  await approvedSale(core, 8_800);
  const qr = await ok<{ outcome: string }>(core, 'qr:pay', {
    amountFen: 2_350,
    code: '134567890123456780',
  });
  expect(qr.outcome).toBe('approved');
  await ok(core, 'sale:cash', { amountFen: 1_200, tenderedFen: 2_000 });
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await signOff(core);
  await app.page.reload();
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
  await printer?.close();
  await backOffice?.close();
});

describe('end of day', () => {
  it('1. the manager signs in and opens 结算: the day’s totals per tender', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('00');
    await page.getByTestId('password').fill('246810');
    await page.getByTestId('password').press('Enter');
    await page.getByTestId('screen-standby').waitFor();
    await page.getByTestId('menu-settlement').click();
    await page.getByTestId('screen-settlement').waitFor();
    expect(await page.getByTestId('settlement-batch').textContent()).toBe('000001');
    const net = (key: string) => page.getByTestId(`settlement-net-${key}`).textContent();
    expect(await net('cardDomestic')).toBe('¥87.47'); // 88.00 − 0.53 (0.60 %)
    expect(await net('qr')).toBe('¥23.41'); // 23.50 − 0.09 (0.38 %)
    expect(await net('cash')).toBe('¥12.00');
    expect(await net('total')).toBe('¥122.88');
    await checkLanguageSwitch(page, '结算', 'Settlement');
    await app.screenshot('settlement-preview');
  });

  it('2. settles: balanced, the report prints and shows, and the upload reaches done', async () => {
    const { page } = app;
    await page.getByTestId('settlement-run').click();
    await page.getByTestId('settlement-verdict').waitFor();
    expect(await page.getByTestId('settlement-verdict').getAttribute('data-verdict')).toBe(
      'balanced',
    );
    const jobs = await printer.waitForJobs(1 + 2 + 1 + 1);
    const report = iconv.decode(jobs.at(-1)!, 'gb18030');
    expect(report).toContain('结算单');
    expect(report).toContain('对账平 BALANCED');
    await expect
      .poll(() => page.getByTestId('sync-batch-000001').getAttribute('data-state'), {
        timeout: 15_000,
      })
      .toBe('done');
    await app.screenshot('settlement-done');
    const [stored] = backOffice.batches();
    expect(stored).toMatchObject({ batchNo: '000001', commit: { count: 3 } });
    const uploaded = JSON.stringify(stored);
    expect(uploaded).not.toContain('6222021234567890003');
    expect(uploaded).not.toContain('134567890123456780');
  });

  it('2b. after settlement, a partial refund of the card sale: supervisor approval, the card read again', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
    // Settlement ended the host session: sign in again (签到) first.
    await page.getByTestId('menu-host-sign-in').click();
    await expect
      .poll(() => page.getByTestId('host-line').getAttribute('data-signed-in'))
      .toBe('true');
    await page.getByTestId('menu-history').click();
    await page.getByTestId('screen-history').waitFor();
    const cardRow = page.locator('[data-testid="history-row"][data-state="approved"]', {
      hasText: '银行卡',
    });
    await cardRow.getByRole('button').click();
    await page.getByTestId('refund-form').waitFor();
    expect(await page.getByTestId('refundable').textContent()).toBe('¥88.00');
    await page.getByTestId('refund-amount').pressSequentially('1000', { delay: 30 }); // fen: ¥10.00
    await page.getByTestId('supervisor-password').fill('246810');
    await page.getByTestId('refund-submit').click();
    await page.getByTestId('pinpad-card-approve').click();
    await expect
      .poll(() => page.getByTestId('refund-result').getAttribute('data-outcome'))
      .toBe('approved');
    await expect.poll(() => page.getByTestId('refundable').textContent()).toBe('¥78.00');
    await app.screenshot('card-refund');
  });

  it('3. the page raised no errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
