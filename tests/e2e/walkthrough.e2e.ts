import { existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { demoProducts } from '../../main/domain/catalogue/demo-products';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../native/printer/escpos-decoder';
import { startPrinterSimulator, type PrinterSimulator } from '../../native/printer/simulator';
import {
  enterFloatOnScreen,
  checkLanguageSwitch,
  focusOn,
  reportFailure,
  startApp,
  type App,
} from './harness';
import { formatFen } from '../../preload/contract';

// Flows 1–5 of the walking skeleton, in order, as one new terminal's first day.
let app: App;
let printer: PrinterSimulator;

beforeAll(async () => {
  printer = await startPrinterSimulator();
  app = await startApp();
});

afterEach(async (ctx) => {
  await reportFailure(app, ctx.task.name, ctx.task.result?.state === 'fail');
});

afterAll(async () => {
  await app?.close();
  await printer?.close();
});

describe('a new terminal, from setup to a printed cash sale', () => {
  it('1. setup wizard: the technician (99) signs in, changes the default password, sets the terminal up', async () => {
    const { page } = app;
    await page.getByTestId('screen-setup').waitFor();
    await checkLanguageSwitch(page, '终端设置向导', 'Terminal setup');

    await page.getByTestId('operator-no').fill('99');
    await page.getByTestId('password').fill('12345678');
    await page.getByTestId('password').press('Enter');
    await page.getByTestId('change-password-form').waitFor();
    await checkLanguageSwitch(
      page,
      '首次使用，必须修改初始密码',
      'First use: the initial password must be changed',
    );
    await page.getByTestId('new-password').fill('87654321');
    await page.getByTestId('confirm-password').fill('87654321');
    await page.getByTestId('change-password-submit').click();

    await page.getByTestId('setup-form').waitFor();
    await checkLanguageSwitch(page, '终端参数', 'Terminal parameters');

    // wrong lengths and characters: each field names its rule, nothing is saved
    await page.getByTestId('merchant-number').fill('12345');
    await page.getByTestId('terminal-number').fill('t-01');
    await page.getByTestId('merchant-name').fill('测试便利店'.repeat(5));
    await page.getByTestId('printer-tcp').check();
    await page.getByTestId('printer-host').fill('127.0.0.1');
    await page.getByTestId('printer-port').fill('99999');
    await page.getByTestId('setup-save').click();
    await expect
      .poll(() => page.getByTestId('field-error-merchantNumber').textContent())
      .toBe('必须是 15 位数字');
    expect(await page.getByTestId('field-error-terminalNumber').textContent()).toBe(
      '必须是 8 位数字或大写字母',
    );
    expect(await page.getByTestId('field-error-printer.port').textContent()).toBe(
      '端口必须是 1–65535',
    );
    // the merchant name's GB18030 byte limit shows with them (counted as it is typed)
    expect(await page.getByTestId('field-error-merchantName').textContent()).toContain(
      '最多 40 字节',
    );
    expect(existsSync(join(app.dataDir, 'terminal.json'))).toBe(false);
    await app.screenshot('setup-field-errors');
    await checkLanguageSwitch(page, '必须是 15 位数字', 'must be exactly 15 digits');

    // the rest right, the main side refuses the name too: nothing is saved
    await page.getByTestId('merchant-number').fill('898310148160001');
    await page.getByTestId('terminal-number').fill('T0000001');
    await page.getByTestId('printer-port').fill(String(printer.port));
    await page.getByTestId('setup-save').click();
    await expect
      .poll(() => page.getByTestId('field-error-merchantName').textContent())
      .toContain('最多 40 字节');
    expect(existsSync(join(app.dataDir, 'terminal.json'))).toBe(false);

    await page.getByTestId('merchant-name').fill('测试便利店');
    await page.getByTestId('paper-58').check();
    await page.getByTestId('setup-save').click();
    await page.getByTestId('screen-sign-in').waitFor();
    expect(await page.getByTestId('notice').textContent()).toBe('设置已保存。请收银员签到。');
    expect(existsSync(join(app.dataDir, 'terminal.json'))).toBe(true);
    await checkLanguageSwitch(page, '操作员签到', 'Operator sign-in');
  });

  it('2. sign-in: wrong passwords count down and lock; 01 changes 0000 and reaches standby (keyboard only)', async () => {
    const { page } = app;
    // the supervisor's number, to leave the cashier free for the sales below
    for (const left of [4, 3, 2, 1]) {
      await page.getByTestId('operator-no').fill('00');
      await page.getByTestId('password').fill('000000');
      await page.getByTestId('password').press('Enter');
      await expect
        .poll(() => page.getByTestId('sign-in-error').textContent())
        .toBe(`密码错误，还可尝试 ${left} 次。`);
    }
    await checkLanguageSwitch(page, '还可尝试 1 次', '1 attempt(s) left');
    await page.getByTestId('operator-no').fill('00');
    await page.getByTestId('password').fill('000000');
    await page.getByTestId('password').press('Enter');
    await expect
      .poll(() => page.getByTestId('sign-in-error').textContent())
      .toMatch(/操作员 00 已被锁定，请在 \d\d:\d\d 后重试/);
    // the right password doesn't open a locked operator
    await page.getByTestId('operator-no').fill('00');
    await page.getByTestId('password').fill('123456');
    await page.getByTestId('password').press('Enter');
    await expect
      .poll(() => page.getByTestId('sign-in-error').getAttribute('data-code'))
      .toBe('OPERATOR_LOCKED');

    // cashier 01, keyboard only: Esc clears, two digits jump to the password, Enter signs in
    await page.getByTestId('operator-no').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.type('01');
    // Two digits move the focus to the password, as the cashier sees it happen.
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('password');
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-change-password').waitFor();
    await page.keyboard.type('1357');
    await page.keyboard.press('Enter');
    await page.keyboard.type('1357');
    await page.keyboard.press('Enter');

    // The shift opens with its float (issue 15): ¥0.00 confirmed with Enter.
    await enterFloatOnScreen(page);
    expect(await page.getByTestId('standby-terminal').textContent()).toBe('T0000001');
    expect(await page.getByTestId('standby-operator').textContent()).toContain('01');
    expect(await page.getByTestId('standby-date').textContent()).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(await page.getByTestId('standby-time').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(await page.getByTestId('training-badge').textContent()).toBe('培训模式');
    await checkLanguageSwitch(page, '就绪，可以交易', 'Ready for transactions');
    await app.screenshot('standby');
  });

  it('3. cash sale with the numeric keypad: ¥12.34, tender ¥20.00, change ¥7.66, receipt printed in GB18030', async () => {
    const { page, core } = app;
    await page.keyboard.press('Enter'); // standby: Enter starts a sale
    await page.getByTestId('screen-sale').waitFor();
    await focusOn(page, 'entry');
    // The keypad amount (1234 = ¥12.34) with + becomes a 数额 line; Enter on the empty field pays.
    await page.keyboard.type('1234');
    await page.keyboard.type('+');
    await page.getByTestId('line-1').waitFor();
    expect(await page.getByTestId('basket-due').textContent()).toBe('¥12.34');
    await checkLanguageSwitch(page, '扫码 / 编码 / 拼音 / 金额', 'Scan / code / pinyin / amount');
    await page.getByTestId('entry').focus();
    await app.screenshot('cash-sale-amount');
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    await checkLanguageSwitch(page, '选择付款方式', 'Choose how to pay');
    await page.keyboard.press('Enter'); // Enter = cash (1)
    await page.getByTestId('tender-amount').waitFor();
    await page.keyboard.type('2000');
    expect(await page.getByTestId('change-preview').textContent()).toBe('找零 ¥7.66');
    await checkLanguageSwitch(page, '现金收款', 'Cash payment');
    await page.getByTestId('tender-amount').focus();
    await page.keyboard.press('Enter');

    await page.getByTestId('screen-sale-done').waitFor();
    expect(await page.getByTestId('done-change').textContent()).toBe('¥7.66');
    // 000001 was the trace of the cashier's host sign-in (+1 per message)
    expect(await page.getByTestId('done-voucher').textContent()).toBe('000002');
    expect(await page.getByTestId('done-batch').textContent()).toBe('000001');
    await expect
      .poll(() => page.getByTestId('print-status').getAttribute('data-state'))
      .toBe('done');
    await checkLanguageSwitch(page, '交易成功', 'Sale complete');
    await app.screenshot('cash-sale-done');

    const row = core.internals.db
      .prepare(
        'SELECT state, amount_fen, tendered_fen, change_fen, operator_no, batch_no, trace_no, training FROM transactions',
      )
      .get();
    expect(row).toEqual({
      state: 'approved',
      amount_fen: 1234,
      tendered_fen: 2000,
      change_fen: 766,
      operator_no: '01',
      batch_no: '000001',
      trace_no: '000002',
      training: 1,
    });

    const [job] = await printer.waitForJobs(1);
    const text = iconv.decode(job!, 'gb18030');
    expect(text).toContain('测试便利店');
    expect(text).toContain('T0000001');
    expect(text).toContain('培训');
    const lines = decodeEscPos(job!).lines.map((l) => l.text);
    expect(lines.some((l) => /^操作员号 OPERATOR +01$/.test(l))).toBe(true);
    expect(lines.some((l) => /^应付 TOTAL +RMB 12\.34$/.test(l))).toBe(true);
    expect(lines.some((l) => /^数额$/.test(l))).toBe(true);
    expect(lines.every((l) => Buffer.byteLength(iconv.encode(l, 'gb18030')) <= 32 * 2)).toBe(true);

    // Esc returns to standby
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-standby').waitFor();
  });

  it('3b. cash sale from the catalogue: a barcode scanned twice, then 2 × a typed PLU', async () => {
    const { page, core } = app;
    const demo = demoProducts();
    const cola = demo.find((p) => p.barcodes.includes('6901234567892'))!;
    const water = demo.find((p) => p.name.startsWith('农夫山泉') && p.spec === '550ml')!;
    await page.getByTestId('menu-sale').click();
    await focusOn(page, 'entry');
    // A wedge scanner types the code at machine speed and ends with Enter.
    for (let i = 0; i < 2; i++) {
      await page.keyboard.type('6901234567892');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('line-1').getAttribute('data-line-id')).toBeTruthy();
    }
    await expect
      .poll(() => page.getByTestId('line-1').getByTestId('line-qty').textContent())
      .toBe('2');
    await page.keyboard.type('2*');
    await page.getByTestId('entry-multiplier').waitFor();
    await page.keyboard.type(water.code, { delay: 60 }); // typed by hand
    await page.keyboard.press('Enter');
    await page.getByTestId('line-2').waitFor();
    expect(await page.getByTestId('line-2').getByTestId('line-qty').textContent()).toBe('2');
    const dueFen = 2 * cola.priceFen + 2 * water.priceFen;
    expect(await page.getByTestId('basket-due').textContent()).toBe(formatFen(dueFen));
    await app.screenshot('cash-sale-items');
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-cash').click();
    await page.getByTestId('tender-exact').click();
    expect(await page.getByTestId('change-preview').textContent()).toBe('找零 ¥0.00');
    await page.getByTestId('tender-confirm').click();
    await page.getByTestId('screen-sale-done').waitFor();
    expect(await page.getByTestId('done-voucher').textContent()).toBe('000003');
    const lines = core.internals.db
      .prepare(
        `SELECT l.name, l.quantity, l.unit_price_fen, l.net_fen FROM order_lines l
         JOIN orders o ON o.id = l.order_id WHERE o.state = 'paid' ORDER BY o.id DESC, l.id LIMIT 2`,
      )
      .all();
    expect(lines).toEqual([
      { name: cola.name, quantity: 2, unit_price_fen: cola.priceFen, net_fen: 2 * cola.priceFen },
      {
        name: water.name,
        quantity: 2,
        unit_price_fen: water.priceFen,
        net_fen: 2 * water.priceFen,
      },
    ]);
    const jobs = await printer.waitForJobs(2);
    expect(iconv.decode(jobs[1]!, 'gb18030')).toContain(water.name);
    await page.getByTestId('done-standby').click();
  });

  it('4. printer off: the sale completes, the receipt waits; printer back: it prints once', async () => {
    const { page } = app;
    const port = printer.port;
    await printer.close();

    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('Enter');
    await focusOn(page, 'entry');
    await page.keyboard.type('500+'); // ¥5.00 as a 数额 line
    await page.getByTestId('line-1').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('tender-choice').waitFor();
    await page.keyboard.press('1'); // cash
    await page.keyboard.type('1000');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-sale-done').waitFor();
    expect(await page.getByTestId('done-change').textContent()).toBe('¥5.00');
    await expect
      .poll(() => page.getByTestId('print-status').getAttribute('data-state'))
      .toBe('waiting');
    expect(await page.getByTestId('print-status').textContent()).toContain(
      '交易已保存。打印机不可用，小票在打印队列中等待。',
    );
    expect(await page.getByTestId('print-error').textContent()).toContain(
      `无法连接打印机 127.0.0.1:${port}`,
    );
    await page.getByTestId('print-waiting-banner').waitFor();
    await checkLanguageSwitch(
      page,
      '小票在打印队列中等待',
      'receipt is waiting in the print queue',
    );
    await app.screenshot('printer-offline');

    printer = await startPrinterSimulator({ port });
    await page.getByTestId('print-retry').click();
    await expect
      .poll(() => page.getByTestId('print-status').getAttribute('data-state'))
      .toBe('done');
    const jobs = await printer.waitForJobs(1);
    expect(iconv.decode(jobs[0]!, 'gb18030')).toContain('5.00');
    expect(await page.getByTestId('print-waiting-banner').count()).toBe(0);

    // the print queue screen shows it printed; a second retry prints nothing more
    await page.keyboard.press('Escape');
    await page.getByTestId('menu-print-queue').click();
    await page.getByTestId('screen-print-queue').waitFor();
    await checkLanguageSwitch(page, '打印队列', 'Print queue');
    expect(await page.getByTestId('print-job-row').first().getAttribute('data-state')).toBe('done');
    await app.core.internals.print.drain();
    expect(printer.jobs()).toHaveLength(1);
    await page.getByTestId('print-queue-back').click();
  });

  it('5. the page raised no errors along the way', () => {
    expect(app.pageErrors).toEqual([]);
  });
});
