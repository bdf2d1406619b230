import { afterEach, describe, expect, it } from 'vitest';
import type { CategoryView, ProductView, ScanLookup } from '../../../preload/contract';
import { err, ok, signInCashier, signOff } from '../../support/core';
import { auditRows, managerTerminal } from './support';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const NEW = {
  code: '880001',
  name: '店内自制豆浆',
  spec: '400ml',
  unit: '杯',
  priceFen: 300,
  barcodes: ['2000000000015', 'DJ01'],
};

describe('the manager keeps the catalogue (00)', () => {
  it('adds a product that the till then finds by barcode, code and pinyin; audited', async () => {
    const { core } = await managerTerminal(cleanup);
    const drinks = await ok<CategoryView>(core, 'catalogue:addCategory', { name: '自制饮品' });
    const added = await ok<ProductView>(core, 'catalogue:add', { ...NEW, categoryId: drinks.id });
    expect(added).toMatchObject({
      code: '880001',
      name: '店内自制豆浆',
      categoryName: '自制饮品',
      barcodes: ['2000000000015', 'DJ01'],
      active: true,
    });
    expect(await ok(core, 'catalogue:lookup', { code: 'DJ01' })).toEqual({
      kind: 'product',
      product: added,
    });
    const found = await ok<{ products: ProductView[] }>(core, 'catalogue:search', {
      query: 'zzdj',
    });
    expect(found.products.map((p) => p.code)).toEqual(['880001']);
    expect(auditRows(core, 'catalogue.productAdded')).toEqual([
      {
        by: '00',
        code: '880001',
        name: '店内自制豆浆',
        priceFen: 300,
        barcodes: ['2000000000015', 'DJ01'],
      },
    ]);
    expect(auditRows(core, 'catalogue.categoryAdded')).toEqual([{ by: '00', name: '自制饮品' }]);
  });

  it('refuses what breaks a rule, naming the field, and what clashes with another product', async () => {
    const { core } = await managerTerminal(cleanup);
    await ok(core, 'catalogue:add', NEW);
    expect(await err(core, 'catalogue:add', { ...NEW, barcodes: [] })).toEqual({
      code: 'PRODUCT_CODE_EXISTS',
      params: { code: '880001' },
    });
    expect(
      await err(core, 'catalogue:add', { ...NEW, code: '880002', barcodes: ['6901234567892'] }),
    ).toEqual({ code: 'BARCODE_TAKEN', params: { barcode: '6901234567892', code: '1001' } });
    expect(
      await err(core, 'catalogue:add', { ...NEW, code: '880002', barcodes: ['6901234567893'] }),
    ).toEqual({
      code: 'INVALID_INPUT',
      fields: [
        { field: 'barcodes', rule: 'barcodeCheckDigit', params: { barcode: '6901234567893' } },
      ],
    });
    expect(
      await err(core, 'catalogue:add', {
        ...NEW,
        code: '880002',
        name: '很'.repeat(21),
        barcodes: [],
      }),
    ).toMatchObject({ fields: [{ field: 'name', rule: 'productNameBytes' }] });
    expect(
      await err(core, 'catalogue:add', { ...NEW, code: 'A1', priceFen: 0, barcodes: [] }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [
        { field: 'code', rule: 'pluCode' },
        { field: 'priceFen', rule: 'productPrice' },
      ],
    });
    expect(
      await err(core, 'catalogue:add', { ...NEW, code: '880002', barcodes: [], categoryId: 9999 }),
    ).toEqual({ code: 'CATEGORY_NOT_FOUND', params: { id: 9999 } });
    expect(auditRows(core, 'catalogue.productAdded')).toHaveLength(1);
  });

  it('edits (old → new audited), deactivates and reactivates, changes the price old → new', async () => {
    const { core } = await managerTerminal(cleanup);
    const p = await ok<ProductView>(core, 'catalogue:add', NEW);
    const edited = await ok<ProductView>(core, 'catalogue:edit', {
      id: p.id,
      code: '880001',
      name: '现磨豆浆',
      spec: '500ml',
      unit: '杯',
      barcodes: ['DJ01'],
    });
    expect(edited).toMatchObject({
      name: '现磨豆浆',
      spec: '500ml',
      priceFen: 300,
      barcodes: ['DJ01'],
    });
    expect(auditRows(core, 'catalogue.productEdited')).toEqual([
      {
        by: '00',
        code: '880001',
        changes: [
          { field: 'name', from: '店内自制豆浆', to: '现磨豆浆' },
          { field: 'spec', from: '400ml', to: '500ml' },
          { field: 'barcodes', from: ['2000000000015', 'DJ01'], to: ['DJ01'] },
        ],
      },
    ]);
    // The old name's initials no longer find it; the new ones do.
    expect(await ok(core, 'catalogue:search', { query: 'dnzz' })).toEqual({ products: [] });
    expect(
      (await ok<{ products: ProductView[] }>(core, 'catalogue:search', { query: 'xmdj' })).products,
    ).toHaveLength(1);

    const priced = await ok<{ product: ProductView; fromFen: number }>(core, 'catalogue:setPrice', {
      id: p.id,
      priceFen: 350,
    });
    expect(priced).toMatchObject({ fromFen: 300, product: { priceFen: 350 } });
    expect(auditRows(core, 'catalogue.priceChanged')).toEqual([
      { by: '00', code: '880001', name: '现磨豆浆', fromFen: 300, toFen: 350 },
    ]);

    await ok(core, 'catalogue:setActive', { id: p.id, active: false });
    expect(await ok<ScanLookup>(core, 'catalogue:lookup', { code: '880001' })).toMatchObject({
      kind: 'unknown',
      reason: 'inactive',
    });
    await ok(core, 'catalogue:setActive', { id: p.id, active: true });
    expect(await ok<ScanLookup>(core, 'catalogue:lookup', { code: '880001' })).toMatchObject({
      kind: 'product',
    });
    expect(auditRows(core, 'catalogue.productDeactivated')).toEqual([
      { by: '00', code: '880001', name: '现磨豆浆' },
    ]);
    expect(auditRows(core, 'catalogue.productReactivated')).toHaveLength(1);
    expect(await err(core, 'catalogue:setPrice', { id: 999_999, priceFen: 1 })).toEqual({
      code: 'PRODUCT_NOT_FOUND',
      params: { id: 999_999 },
    });
  });

  it('categories: added once, renamed, clashes refused', async () => {
    const { core } = await managerTerminal(cleanup);
    const c = await ok<CategoryView>(core, 'catalogue:addCategory', { name: '烘焙' });
    expect(await err(core, 'catalogue:addCategory', { name: '烘焙' })).toEqual({
      code: 'CATEGORY_EXISTS',
      params: { name: '烘焙' },
    });
    expect(await err(core, 'catalogue:renameCategory', { id: c.id, name: '饮料' })).toEqual({
      code: 'CATEGORY_EXISTS',
      params: { name: '饮料' },
    });
    expect(await ok(core, 'catalogue:renameCategory', { id: c.id, name: '面包烘焙' })).toEqual({
      id: c.id,
      name: '面包烘焙',
      products: 0,
    });
    expect(auditRows(core, 'catalogue.categoryRenamed')).toEqual([
      { by: '00', from: '烘焙', to: '面包烘焙' },
    ]);
  });
});

describe('access rules', () => {
  it('cashiers search and look up but change nothing; the technician only files and templates', async () => {
    const { core } = await managerTerminal(cleanup);
    await signOff(core);
    await signInCashier(core);
    expect(await ok(core, 'catalogue:lookup', { code: '6901234567892' })).toMatchObject({
      kind: 'product',
    });
    for (const [channel, input] of [
      ['catalogue:add', NEW],
      ['catalogue:setPrice', { id: 1, priceFen: 1 }],
      ['catalogue:export', { format: 'csv' }],
      ['catalogue:saveScaleTemplates', { templates: [] }],
      ['catalogue:loadDemo', {}],
    ] as const) {
      expect(await err(core, channel, input)).toEqual({
        code: 'FORBIDDEN',
        params: { role: 'cashier' },
      });
    }
    expect(
      auditRows(core, 'access.forbidden').map((r) => (r as { channel?: string }).channel),
    ).toContain('catalogue:add');

    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    expect(await err(core, 'catalogue:setPrice', { id: 1, priceFen: 1 })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await ok(core, 'catalogue:export', { format: 'csv' })).toMatchObject({ products: 200 });
  });
});
