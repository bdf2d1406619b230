import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ok, setUpTerminal, signOff } from '../support/core';
import { checkLanguageSwitch, reportFailure, startApp, type App } from './harness';

// The manager (00) in the browser: imports a small CSV with one bad row (named
// by row and column, nothing imported), fixes the file and imports it, finds a
// product by its pinyin initials, changes its price (old → new), and the till
// finds the new price; the audit log has the import and the price change.
let app: App;

beforeAll(async () => {
  app = await startApp();
  const { core } = app;
  await setUpTerminal(core);
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
});

const HEADER = '编码,条码,名称,规格,单位,售价(元),分类,称重,停用';
const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8');
const ROWS = [
  '880001,6921234500019,现磨豆浆,400ml,杯,3.00,早点,否,否',
  '880002,6921234500026,香酥油条,,根,1.50,早点,否,否',
  '880003,,散装茶叶蛋,,kg,28.00,早点,是,否',
];

describe('catalogue manager', () => {
  it('1. imports a CSV: the bad row is named, the fixed file goes in', async () => {
    const { page } = app;
    await page.getByTestId('operator-no').fill('00');
    await page.getByTestId('password').fill('246810');
    await page.getByTestId('password').press('Enter');
    await page.getByTestId('screen-standby').waitFor();
    await page.keyboard.press('g');
    await page.getByTestId('screen-catalogue').waitFor();
    await page.getByTestId('catalogue-transfer').click();
    await page.getByTestId('screen-catalogue-transfer').waitFor();

    const bad = [...ROWS];
    bad[1] = '880002,6921234500027,香酥油条,,根,1.50,早点,否,否'; // wrong check digit
    await page.getByTestId('catalogue-file').setInputFiles({
      name: 'breakfast.csv',
      mimeType: 'text/csv',
      buffer: csv(bad),
    });
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-bad-rows').textContent()).toContain('1 行有错误');
    expect(await page.getByTestId('import-issue-3').textContent()).toContain(
      '条码 6921234500027 校验位错误',
    );
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    await app.screenshot('catalogue-import-bad-row');

    await page.getByTestId('catalogue-file').setInputFiles({
      name: 'breakfast.csv',
      mimeType: 'text/csv',
      buffer: csv(ROWS),
    });
    await page.getByTestId('import-apply').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toContain('新增 3');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('catalogue-transfer-notice').waitFor();
    expect(await page.getByTestId('catalogue-transfer-notice').textContent()).toBe(
      '已导入：新增 3，修改 0，停用 0，启用 0。',
    );
    await checkLanguageSwitch(page, '商品导入', 'Import / export products');
    await page.keyboard.press('Escape');
    await page.getByTestId('screen-catalogue').waitFor();
  });

  it('2. finds 现磨豆浆 by pinyin 「xmdj」 and changes its price, old → new', async () => {
    const { page } = app;
    // Every 可乐 of the demo catalogue by its initials, names starting so first.
    await page.getByTestId('catalogue-search').pressSequentially('kl', { delay: 30 });
    await page.getByTestId('product-1001').waitFor();
    await page.keyboard.press('ArrowDown');
    await app.screenshot('catalogue-search');
    await page.getByTestId('catalogue-search').fill('');
    await page.getByTestId('catalogue-search').pressSequentially('xmdj', { delay: 30 });
    await page.getByTestId('product-880001').waitFor();
    expect(await page.getByTestId('catalogue-results').locator('tbody tr').count()).toBe(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('product-form').waitFor();
    await page.getByTestId('product-field-newPrice').fill('3.50');
    expect(await page.getByTestId('product-price-change').textContent()).toBe('¥3.00 → ¥3.50');
    await app.screenshot('catalogue-price-change');
    await page.getByTestId('product-field-newPrice').press('Enter');
    await page.getByTestId('catalogue-notice').waitFor();
    expect(await page.getByTestId('catalogue-notice').textContent()).toBe(
      '商品 880001 售价 ¥3.00 → ¥3.50。',
    );
    expect(await page.getByTestId('product-880001-price').textContent()).toBe('¥3.50');
    await checkLanguageSwitch(page, '商品管理', 'Products');

    // The till sees the new price, and the audit log has both steps.
    expect(await ok(app.core, 'catalogue:lookup', { code: '6921234500019' })).toMatchObject({
      kind: 'product',
      product: { name: '现磨豆浆', priceFen: 350 },
    });
    const actions = (
      app.core.internals.db
        .prepare("SELECT action FROM audit_log WHERE action LIKE 'catalogue.%' ORDER BY id")
        .all() as Array<{ action: string }>
    ).map((r) => r.action);
    expect(actions).toEqual(['catalogue.imported', 'catalogue.priceChanged']);
    expect(app.pageErrors).toEqual([]);
  });
});
