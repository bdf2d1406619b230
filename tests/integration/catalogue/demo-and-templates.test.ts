import { afterEach, describe, expect, it } from 'vitest';
import type { ScaleTemplate, ScanLookup } from '../../../preload/contract';
import { withCheckDigit } from '../../../main/domain/catalogue/barcodes';
import { err, ok, signOff } from '../../support/core';
import { auditRows, managerTerminal } from './support';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe('the training catalogue', () => {
  it('is there at first start in training mode: scan the README codes, search by pinyin', async () => {
    const { core } = await managerTerminal(cleanup);
    expect(await ok(core, 'catalogue:lookup', { code: '6901234567892' })).toMatchObject({
      kind: 'product',
      product: { name: '可口可乐 330ml', priceFen: 300, categoryName: '饮料' },
    });
    // README: 五花肉 (PLU 101) on a scale label for ¥14.95.
    expect(
      await ok(core, 'catalogue:lookup', { code: withCheckDigit('210010101495') }),
    ).toMatchObject({
      kind: 'scale',
      product: { name: '五花肉', priceFen: 2990, weighable: true },
      amountFen: 1495,
    });
    expect(await ok(core, 'catalogue:search', { query: 'nfsq' })).toMatchObject({
      products: [{ name: '农夫山泉饮用天然水 550ml' }, { name: '农夫山泉饮用天然水 1.5L' }],
    });
  });

  it('every code the README lists scans as it says', async () => {
    const { core } = await managerTerminal(cleanup);
    const readme: Array<[string, string, number]> = [
      ['6901234567892', '可口可乐 330ml', 300],
      ['6901234567267', '雪碧 330ml', 300],
      ['6901234567786', '农夫山泉饮用天然水 550ml', 200],
      ['6902234577003', '蒙牛纯牛奶 250ml', 350],
      ['6903234587009', '乐事原味薯片 70g', 750],
      ['6904234597135', '青岛啤酒纯生 500ml', 750],
      ['6905234607138', '鲁花花生油 5L', 15990],
      ['6906234619992', '一次性口罩 10只', 990],
    ];
    for (const [code, name, priceFen] of readme) {
      expect(await ok(core, 'catalogue:lookup', { code })).toMatchObject({
        kind: 'product',
        product: { name, priceFen },
      });
    }
    expect(await ok(core, 'catalogue:lookup', { code: '6901234567893' })).toMatchObject({
      reason: 'check-digit',
    });
    expect(await ok(core, 'catalogue:lookup', { code: '210010102392008005' })).toMatchObject({
      kind: 'scale',
      product: { name: '五花肉' },
      amountFen: 2392,
      weightG: 800,
    });
    expect(await ok(core, 'catalogue:lookup', { code: '2100101014957' })).toMatchObject({
      reason: 'check-digit',
    });
    for (const [query, name] of [
      ['ccgh', '长城干红葡萄酒 750ml'],
      ['zcgh', '长城干红葡萄酒 750ml'],
    ]) {
      expect(await ok(core, 'catalogue:search', { query })).toMatchObject({
        products: [{ name }],
      });
    }
  });

  it('the technician loads it again: demo products restored, the shop’s own left alone; audited', async () => {
    const { core } = await managerTerminal(cleanup);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    const cola = (await ok<ScanLookup>(core, 'catalogue:lookup', { code: '1001' })) as Extract<
      ScanLookup,
      { kind: 'product' }
    >;
    await ok(core, 'catalogue:setPrice', { id: cola.product.id, priceFen: 999 });
    await ok(core, 'catalogue:setActive', { id: cola.product.id + 1, active: false });
    // The shop makes 1003 its own by editing it: a reload leaves it.
    await ok(core, 'catalogue:edit', { id: cola.product.id + 2, code: '1003', name: '本店雪碧' });
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const r = await ok<{ added: number; restored: number }>(core, 'catalogue:loadDemo');
    expect(r).toEqual({ added: 0, restored: 199 });
    expect(await ok(core, 'catalogue:lookup', { code: '1001' })).toMatchObject({
      product: { priceFen: 300 },
    });
    expect(await ok(core, 'catalogue:lookup', { code: '1002' })).toMatchObject({ kind: 'product' });
    expect(await ok(core, 'catalogue:lookup', { code: '1003' })).toMatchObject({
      product: { name: '本店雪碧' },
    });
    expect(auditRows(core, 'catalogue.demoLoaded')).toEqual([
      { by: '99', added: 0, restored: 199 },
    ]);
  });

  it('is refused outside training mode', async () => {
    const { core } = await managerTerminal(cleanup);
    const { settings } = core.internals;
    settings.save({
      ...settings.get(),
      host: { ...settings.get().host, address: '127.0.0.1:5000' },
    });
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    expect(await err(core, 'catalogue:loadDemo')).toEqual({ code: 'CATALOGUE_DEMO_TRAINING_ONLY' });
  });
});

describe('scale-barcode templates (a terminal parameter)', () => {
  it('the built-ins by default; a saved list is used at once; a bad template is named', async () => {
    const { core } = await managerTerminal(cleanup);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    const got = await ok<{ templates: ScaleTemplate[]; builtIn: ScaleTemplate[] }>(
      core,
      'catalogue:getScaleTemplates',
    );
    expect(got.templates.map((t) => t.pattern)).toEqual([
      '2F PPPPP AAAAA C',
      '2F PPPPP WWWWW C',
      '2F PPPPP AAAAA WWWWW C',
    ]);
    expect(got.builtIn).toEqual(got.templates);

    expect(
      await err(core, 'catalogue:saveScaleTemplates', {
        templates: [
          { name: 'ok', pattern: '22 PPPPP WWWWW C', enabled: true },
          { name: 'bad', pattern: '2F PPPPP QQQQQ C', enabled: true },
        ],
      }),
    ).toEqual({
      code: 'INVALID_INPUT',
      fields: [
        { field: 'templates.1.pattern', rule: 'scaleSymbol', params: { part: 'Q', position: 8 } },
        { field: 'templates.1.pattern', rule: 'scaleNoAmount', params: { part: 'A/W' } },
      ],
    });
    const weightOnly = [{ name: '重量码', pattern: '22 PPPPP WWWWW C', enabled: true }];
    await ok(core, 'catalogue:saveScaleTemplates', { templates: weightOnly });
    expect(
      await ok(core, 'catalogue:lookup', { code: withCheckDigit('220010100750') }),
    ).toMatchObject({
      kind: 'scale',
      amountFen: null,
      weightG: 750,
    });
    // The amount layout is no longer read.
    expect(
      await ok(core, 'catalogue:lookup', { code: withCheckDigit('210010101495') }),
    ).toMatchObject({
      kind: 'unknown',
    });
    expect(auditRows(core, 'parameters.changed').at(-1)).toMatchObject({
      by: '00',
      changes: [{ field: 'scaleBarcodes', to: weightOnly }],
    });
  });
});

describe('shops set up alike', () => {
  it('the configuration file carries the scale templates to another terminal', async () => {
    const { core } = await managerTerminal(cleanup);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    const templates = [{ name: '本店秤', pattern: '23 PPPPP AAAAA C', enabled: true }];
    await ok(core, 'catalogue:saveScaleTemplates', { templates });
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const { json } = await ok<{ json: string }>(core, 'data:exportConfig', {});

    const other = await managerTerminal(cleanup);
    await ok(other.core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const preview = await ok<{ changes: Array<{ field: string }> }>(
      other.core,
      'data:previewConfig',
      { text: json },
    );
    expect(preview.changes.map((c) => c.field)).toContain('scaleBarcodes');
    await ok(other.core, 'data:importConfig', { text: json });
    expect(await ok(other.core, 'catalogue:getScaleTemplates')).toMatchObject({ templates });
  });
});
