import { afterEach, describe, expect, it } from 'vitest';
import type { ProductView, ScanLookup } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { checkBarcode, withCheckDigit } from '../../../main/domain/catalogue/barcodes';
import { pinyinInitials } from '../../../main/domain/catalogue/pinyin';
import {
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  signOff,
} from '../../support/core';
import { clearCatalogue } from '../../support/catalogue';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

interface Item {
  code: string;
  name: string;
  priceFen: number;
  barcodes?: string[];
  weighable?: boolean;
  active?: boolean;
  category?: string;
}

/**
 * Writes products straight through the repository (fixture data for the read
 * side), in place of the demo catalogue training mode starts with.
 */
function stock(core: PosCore, items: Item[]) {
  const { repos } = core.internals;
  clearCatalogue(core);
  repos.inTransaction(() => {
    for (const it of items) {
      let categoryId: number | null = null;
      if (it.category) {
        categoryId =
          repos.catalogue.categoryByName(it.category)?.id ??
          repos.catalogue.addCategory(it.category, 0);
      }
      const id = repos.catalogue.insert(
        {
          code: it.code,
          name: it.name,
          spec: '',
          unit: it.weighable ? 'kg' : '个',
          priceFen: it.priceFen,
          categoryId,
          weighable: it.weighable ?? false,
          active: it.active ?? true,
          pinyin: pinyinInitials(it.name),
          demo: false,
        },
        0,
      );
      repos.catalogue.replaceBarcodes(
        id,
        (it.barcodes ?? []).map((b) => {
          const c = checkBarcode(b);
          if (!c.ok) throw new Error(b);
          return { barcode: c.barcode, symbology: c.symbology };
        }),
      );
    }
  });
}

const ITEMS: Item[] = [
  {
    code: '1001',
    name: '可口可乐 330ml',
    priceFen: 300,
    barcodes: ['6901234567892'],
    category: '饮料',
  },
  {
    code: '1002',
    name: '百事可乐 330ml',
    priceFen: 280,
    barcodes: ['6902345678903'],
    category: '饮料',
  },
  { code: '1003', name: '蒙牛纯牛奶 250ml', priceFen: 350, barcodes: ['96385074'] },
  { code: '1004', name: '长城干红葡萄酒', priceFen: 8800, barcodes: ['036000291452'] },
  { code: '1005', name: '旧款可乐', priceFen: 100, barcodes: ['6903000000008'], active: false },
  { code: '123', name: '五花肉', priceFen: 2990, weighable: true },
  { code: '124', name: '停售排骨', priceFen: 3990, weighable: true, active: false },
  { code: '2000', name: 'Coca-Cola Zero', priceFen: 350, barcodes: ['A1001'] },
];

async function till() {
  const tmp = tempDir();
  const { core } = await startCore(tmp.dir);
  cleanup.push(
    () => tmp.remove(),
    () => core.close(),
  );
  await setUpTerminal(core);
  await signInCashier(core);
  stock(core, ITEMS);
  return core;
}

const lookup = (core: PosCore, code: string) => ok<ScanLookup>(core, 'catalogue:lookup', { code });
const names = async (core: PosCore, query: string, extra: Record<string, unknown> = {}) =>
  (
    await ok<{ products: ProductView[] }>(core, 'catalogue:search', { query, ...extra })
  ).products.map((p) => p.name);

describe('catalogue lookup (scan or typed code)', () => {
  it('exact barcode, then exact PLU, with the whole product view', async () => {
    const core = await till();
    expect(await lookup(core, '6901234567892')).toEqual({
      kind: 'product',
      product: {
        id: expect.any(Number) as number,
        code: '1001',
        name: '可口可乐 330ml',
        spec: '',
        unit: '个',
        priceFen: 300,
        categoryId: expect.any(Number) as number,
        categoryName: '饮料',
        weighable: false,
        active: true,
        barcodes: ['6901234567892'],
      },
    });
    expect(await lookup(core, ' 1003 ')).toMatchObject({
      kind: 'product',
      product: { code: '1003' },
    });
    expect(await lookup(core, 'A1001')).toMatchObject({ product: { code: '2000' } });
    expect(await lookup(core, '９６３８５０７４')).toMatchObject({ product: { code: '1003' } });
  });

  it('a UPC-A code is found from its EAN-13 form too', async () => {
    const core = await till();
    expect(await lookup(core, '0036000291452')).toMatchObject({ product: { code: '1004' } });
  });

  it('scale labels by the built-in templates: amount, weight, both', async () => {
    const core = await till();
    expect(await lookup(core, withCheckDigit('210012301495'))).toMatchObject({
      kind: 'scale',
      product: { code: '123', weighable: true, priceFen: 2990 },
      amountFen: 1495,
      weightG: null,
    });
    // The 13-digit weight template comes after the amount one; the 18-digit one reads both.
    expect(await lookup(core, withCheckDigit('20001230149500500'))).toMatchObject({
      kind: 'scale',
      product: { code: '123' },
      amountFen: 1495,
      weightG: 500,
    });
  });

  it('the weight template once the shop turns the amount one off', async () => {
    const core = await till();
    const { settings } = core.internals;
    settings.save({
      ...settings.get(),
      scaleBarcodes: settings.get().scaleBarcodes.map((t, i) => ({ ...t, enabled: i !== 0 })),
    });
    expect(await lookup(core, withCheckDigit('210012300750'))).toMatchObject({
      kind: 'scale',
      amountFen: null,
      weightG: 750,
    });
  });

  it('unknown codes say why, and a scanned code never becomes anything else', async () => {
    const core = await till();
    expect(await lookup(core, '6901234567893')).toEqual({
      kind: 'unknown',
      code: '6901234567893',
      reason: 'check-digit',
    });
    const goodScale = withCheckDigit('210012301495');
    const badScale = goodScale.slice(0, -1) + String((Number(goodScale.at(-1)) + 1) % 10);
    expect(await lookup(core, badScale)).toMatchObject({
      kind: 'unknown',
      reason: 'check-digit',
    });
    expect(await lookup(core, '6909999999998')).toMatchObject({ reason: 'check-digit' });
    expect(await lookup(core, withCheckDigit('690999999999'))).toMatchObject({
      kind: 'unknown',
      reason: 'not-found',
    });
    expect(await lookup(core, withCheckDigit('219999901495'))).toMatchObject({
      reason: 'not-found',
    });
    expect(await lookup(core, '6903000000008')).toMatchObject({ reason: 'inactive' });
    expect(await lookup(core, '1005')).toMatchObject({ reason: 'inactive' });
    expect(await lookup(core, withCheckDigit('210012401495'))).toMatchObject({
      reason: 'inactive',
    });
    expect(await lookup(core, '134567890123456780')).toMatchObject({ reason: 'not-found' });
    expect(await err(core, 'catalogue:lookup', { code: '  ' })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ field: 'code', rule: 'scannedCode' }],
    });
  });
});

describe('catalogue search', () => {
  it('pinyin initials: 「kkkl」 finds 可口可乐; 「kl」 finds every 可乐, starts first', async () => {
    const core = await till();
    expect(await names(core, 'kkkl')).toEqual(['可口可乐 330ml']);
    expect(await names(core, 'KKKL')).toEqual(['可口可乐 330ml']);
    expect(await names(core, 'kl')).toEqual(['可口可乐 330ml', '百事可乐 330ml']);
    expect(await names(core, 'bskl')).toEqual(['百事可乐 330ml']);
    expect(await names(core, 'zcgh')).toEqual(['长城干红葡萄酒']); // another reading of 长
  });

  it('name fragments anywhere, several words all matching', async () => {
    const core = await till();
    expect(await names(core, '牛奶')).toEqual(['蒙牛纯牛奶 250ml']);
    expect(await names(core, '可乐')).toEqual(['可口可乐 330ml', '百事可乐 330ml']);
    expect(await names(core, '可乐 百事')).toEqual(['百事可乐 330ml']);
    expect(await names(core, 'cola')).toEqual(['Coca-Cola Zero']);
    expect(await names(core, '咖啡')).toEqual([]);
    expect(await names(core, '"*^')).toEqual([]);
  });

  it('code and barcode: exact first, then by prefix', async () => {
    const core = await till();
    expect(await names(core, '123')).toEqual(['五花肉']);
    expect(await names(core, '100')).toEqual([
      '可口可乐 330ml',
      '百事可乐 330ml',
      '蒙牛纯牛奶 250ml',
      '长城干红葡萄酒',
    ]);
    expect(await names(core, '6902')).toEqual(['百事可乐 330ml']);
    expect(await names(core, '6901234567892')).toEqual(['可口可乐 330ml']);
    expect(await names(core, '1', { limit: 2 })).toHaveLength(2);
  });

  it('cashiers never see deactivated products; a manager may ask for them', async () => {
    const core = await till();
    expect(await names(core, '可乐', { includeInactive: true })).toEqual([
      '可口可乐 330ml',
      '百事可乐 330ml',
    ]);
    await signOff(core);
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    expect(await names(core, '可乐', { includeInactive: true })).toEqual([
      '可口可乐 330ml',
      '百事可乐 330ml',
      '旧款可乐',
    ]);
  });

  it('get by id; categories with their product counts', async () => {
    const core = await till();
    const found = (await lookup(core, '1001')) as Extract<ScanLookup, { kind: 'product' }>;
    expect(await ok(core, 'catalogue:get', { id: found.product.id })).toEqual({
      product: found.product,
    });
    expect(await ok(core, 'catalogue:get', { id: 999_999 })).toEqual({ product: null });
    expect(await ok(core, 'catalogue:categories')).toEqual({
      categories: [{ id: expect.any(Number) as number, name: '饮料', products: 2 }],
    });
  });

  it('needs a signed-in operator', async () => {
    const core = await till();
    await signOff(core);
    expect(await err(core, 'catalogue:search', { query: 'k' })).toEqual({ code: 'NOT_SIGNED_IN' });
    expect(await err(core, 'catalogue:lookup', { code: '1001' })).toEqual({
      code: 'NOT_SIGNED_IN',
    });
  });
});
