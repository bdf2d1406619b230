import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../main/core/pos-core';
import { ok, setUpTerminal, startCore, tempDir } from '../support/core';
import { renderApp as renderInJsdom } from './render-app';

let core: PosCore;
let tmp: ReturnType<typeof tempDir>;

beforeEach(async () => {
  tmp = tempDir();
  core = (await startCore(tmp.dir)).core;
  await setUpTerminal(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
});
afterEach(async () => {
  await core.close();
  tmp.remove();
});

async function openCatalogue() {
  await renderInJsdom(core);
  await screen.findByTestId('screen-standby');
  const user = userEvent.setup();
  await user.keyboard('g');
  await screen.findByTestId('screen-catalogue');
  return user;
}

describe('商品管理 (supervisor, G)', () => {
  it('finds as you type by pinyin, ↓ + Enter opens, reprices showing old → new, Esc closes', async () => {
    const user = await openCatalogue();
    const search = screen.getByTestId('catalogue-search');
    expect(document.activeElement).toBe(search);
    await user.keyboard('kkkl');
    await waitFor(() =>
      expect(within(screen.getByTestId('catalogue-results')).getAllByRole('row')).toHaveLength(3),
    );
    expect(screen.getByTestId('product-1001-name').textContent).toBe('可口可乐 330ml');
    await user.keyboard('{ArrowDown}{Enter}');
    const form = await screen.findByTestId('product-form');
    expect(within(form).getByRole('heading', { level: 2 }).textContent).toBe('修改商品 1002');
    await user.type(screen.getByTestId('product-field-newPrice'), '3.8');
    expect(screen.getByTestId('product-price-change').textContent).toBe('¥3.50 → ¥3.80');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('catalogue-notice').textContent).toBe(
        '商品 1002 售价 ¥3.50 → ¥3.80。',
      ),
    );
    expect(screen.getByTestId('product-1002-price').textContent).toBe('¥3.80');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('product-form')).toBeNull();
    await user.keyboard('{Escape}');
    await screen.findByTestId('screen-standby');
  });

  it('adds a product; a bad one is refused with the rule under its field', async () => {
    const user = await openCatalogue();
    await user.click(screen.getByTestId('catalogue-add'));
    await user.type(screen.getByTestId('product-field-code'), '880001');
    await user.type(screen.getByTestId('product-field-name'), '店内豆浆');
    await user.type(screen.getByTestId('product-field-priceFen'), '3');
    await user.type(screen.getByTestId('product-field-barcodes'), '6901234567893');
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('field-error-barcodes')).textContent).toBe(
      '条码 6901234567893 校验位错误',
    );
    await user.clear(screen.getByTestId('product-field-barcodes'));
    await user.type(screen.getByTestId('product-field-barcodes'), 'DJ01');
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByTestId('catalogue-notice').textContent).toBe(
        '已新增商品 880001 店内豆浆。',
      ),
    );
    expect(await ok(core, 'catalogue:lookup', { code: 'DJ01' })).toMatchObject({
      product: { code: '880001', priceFen: 300 },
    });
  });

  it('deactivates and reactivates from the product', async () => {
    const user = await openCatalogue();
    await user.keyboard('1001{Enter}');
    await screen.findByTestId('product-form');
    await user.click(screen.getByTestId('product-toggle'));
    await waitFor(() =>
      expect(screen.getByTestId('product-1001-state').textContent).toBe('已停用'),
    );
    expect(await ok(core, 'catalogue:lookup', { code: '1001' })).toMatchObject({
      reason: 'inactive',
    });
    await user.click(screen.getByTestId('product-toggle'));
    await waitFor(() => expect(screen.getByTestId('product-1001-state').textContent).toBe('在售'));
  });
});

describe('商品导入 and 条码秤模板', () => {
  it('a file with a bad row is listed by row and column and cannot be imported; a good one can', async () => {
    const user = await openCatalogue();
    await user.click(screen.getByTestId('catalogue-transfer'));
    await screen.findByTestId('screen-catalogue-transfer');
    const bad = '编码,名称,售价(元)\n880001,豆浆,3.00\n880002,油条,一块五\n';
    await user.upload(
      screen.getByTestId('catalogue-file'),
      new File([bad], 'shop.csv', { type: 'text/csv' }),
    );
    await screen.findByTestId('import-preview');
    expect(screen.getByTestId('import-bad-rows').textContent).toContain('1 行有错误');
    expect(screen.getByTestId('import-issue-3').textContent).toBe(
      '3售价(元)售价须为元，最多两位小数，如 3.50',
    );
    expect(screen.queryByTestId('import-apply')).toBeNull();

    const good = '编码,名称,售价(元)\n880001,豆浆,3.00\n880002,油条,1.50\n';
    await user.upload(
      screen.getByTestId('catalogue-file'),
      new File([good], 'shop.csv', { type: 'text/csv' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('import-counts').textContent).toContain('新增 2'),
    );
    await user.click(screen.getByTestId('import-apply'));
    await waitFor(() =>
      expect(screen.getByTestId('catalogue-transfer-notice').textContent).toBe(
        '已导入：新增 2，修改 0，停用 0，启用 0。',
      ),
    );
    expect(await ok(core, 'catalogue:lookup', { code: '880002' })).toMatchObject({
      product: { priceFen: 150 },
    });
  });

  it('a bad template names its bad part; a good list is saved', async () => {
    const user = await openCatalogue();
    await user.click(screen.getByTestId('catalogue-templates'));
    await screen.findByTestId('screen-scale-templates');
    const pattern = await screen.findByTestId('scale-template-0-pattern');
    await user.clear(pattern);
    await user.type(pattern, '2F PPPPP QQQQQ C');
    await user.click(screen.getByTestId('scale-templates-save'));
    const errors = await screen.findAllByTestId('scale-template-0-error');
    expect(errors.map((e) => e.textContent)).toContain(
      '第 8 位「Q」不是可用的符号（0–9 F X P A W C）',
    );
    await user.clear(pattern);
    await user.type(pattern, '22 PPPPP WWWWW C');
    await user.click(screen.getByTestId('scale-templates-save'));
    await screen.findByTestId('scale-templates-notice');
    expect(core.internals.settings.get().scaleBarcodes[0]?.pattern).toBe('22 PPPPP WWWWW C');
  });
});
