import { describe, expect, it } from 'vitest';
import { parseYuanToFen } from '../../../../../preload/contract';
import {
  crossCheck,
  fenToYuanText,
  mapColumns,
  parseFlag,
  readRows,
} from '../../../../../main/domain/catalogue/import-rows';
import { demoProducts } from '../../../../../main/domain/catalogue/demo-products';
import { checkProduct } from '../../../../../main/domain/catalogue/product-rules';
import { hasValidGs1Check } from '../../../../../main/domain/catalogue/barcodes';

const HEADER = ['编码', '条码', '名称', '规格', '单位', '售价(元)', '分类', '称重', '停用'];
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    编码: '1001',
    条码: '6901234567892',
    名称: '可口可乐',
    规格: '330ml',
    单位: '罐',
    '售价(元)': '3.00',
    分类: '饮料',
    称重: '否',
    停用: '否',
  };
  const merged = { ...base, ...over };
  return HEADER.map((h) => merged[h] ?? '');
};
function read(rows: string[][], header = HEADER) {
  const { map, issues } = mapColumns(header);
  expect(issues).toEqual([]);
  return readRows(rows, map);
}
const issuesOf = (rows: string[][]) =>
  read(rows).issues.map((i) => ({ row: i.row, field: i.field, rule: i.rule, ...i.params }));
// (params never hold `row` for the single-row rules checked with issuesOf)

describe('columns', () => {
  it('Chinese headers, English ones, full-width brackets, any case and order', () => {
    const en = mapColumns(['Name', 'PRICE (yuan)', 'plu', 'Barcode', 'Weighable']);
    expect(en.issues).toEqual([]);
    expect(en.map.index).toEqual({ name: 0, price: 1, code: 2, barcodes: 3, weighable: 4 });
    expect(mapColumns(['\uFEFF编码', '商品名称', '售价（元）']).issues).toEqual([]);
  });

  it('names each missing required column', () => {
    expect(mapColumns(['编码', '规格']).issues).toEqual([
      { field: '名称', rule: 'columnMissing', params: { column: '名称' } },
      { field: '售价(元)', rule: 'columnMissing', params: { column: '售价(元)' } },
    ]);
  });
});

describe('yuan to fen, flags', () => {
  it('yuan with up to two decimals, integers only', () => {
    expect(parseYuanToFen('3.5')).toBe(350);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('1,299.90')).toBe(129_990);
    expect(parseYuanToFen('¥12')).toBe(1200);
    expect(parseYuanToFen('0.1')).toBe(10); // not 10.000000000000002
    for (const bad of ['3.505', 'abc', '-1', '1e3', '', '3.5元', '３.５0x'])
      expect(parseYuanToFen(bad)).toBeNull();
    expect(fenToYuanText(350)).toBe('3.50');
    expect(fenToYuanText(99_999_999)).toBe('999999.99');
    expect(fenToYuanText(7)).toBe('0.07');
  });

  it('是/否 and friends', () => {
    for (const y of ['是', 'Y', 'yes', 'TRUE', '1']) expect(parseFlag(y)).toBe(true);
    for (const n of ['否', 'n', 'No', 'false', '0', '']) expect(parseFlag(n)).toBe(false);
    expect(parseFlag('maybe')).toBeNull();
  });
});

describe('row validation: every bad row and field named', () => {
  it('a good row becomes a draft; blank rows are skipped', () => {
    const r = read([row(), ['', '', ''], row({ 编码: '1002', 条码: '96385074;036000291452' })]);
    expect(r.issues).toEqual([]);
    expect(r.rows).toBe(2);
    expect(r.good.map((g) => [g.row, g.draft.code, g.draft.priceFen, g.barcodes.length])).toEqual([
      [2, '1001', 300, 1],
      [4, '1002', 300, 2],
    ]);
  });

  it('price not a number', () => {
    expect(issuesOf([row({ '售价(元)': '三块' })])).toEqual([
      { row: 2, field: '售价(元)', rule: 'priceYuan', value: '三块' },
    ]);
    expect(issuesOf([row({ '售价(元)': '0' })])).toEqual([
      { row: 2, field: '售价(元)', rule: 'productPrice', max: 99_999_999 },
    ]);
  });

  it('name too long (bytes of GB18030), bad PLU, bad check digit, bad flag', () => {
    expect(issuesOf([row({ 名称: '超'.repeat(21) })])).toEqual([
      { row: 2, field: '名称', rule: 'productNameBytes', max: 40, bytes: 42 },
    ]);
    expect(issuesOf([row({ 编码: '10-01' })])).toEqual([
      { row: 2, field: '编码', rule: 'pluCode' },
    ]);
    expect(issuesOf([row({ 条码: '6901234567893' })])).toEqual([
      { row: 2, field: '条码', rule: 'barcodeCheckDigit', barcode: '6901234567893' },
    ]);
    expect(issuesOf([row({ 称重: '也许' })])).toEqual([
      { row: 2, field: '称重', rule: 'flagValue' },
    ]);
    expect(issuesOf([row({ 称重: '是', 单位: '斤' })])).toEqual([
      { row: 2, field: '单位', rule: 'weighableUnit' },
    ]);
    // A category with a line break or a direction mark, as the screens refuse it.
    expect(issuesOf([row({ 分类: '饮料\n合计' })])).toEqual([
      { row: 2, field: '分类', rule: 'textChars' },
    ]);
    expect(issuesOf([row({ 分类: '饮\u202E料' })])).toEqual([
      { row: 2, field: '分类', rule: 'textChars' },
    ]);
  });

  it('a weighable row without a unit is sold by the kg', () => {
    expect(read([row({ 称重: '是', 单位: '', 条码: '' })]).good[0]?.draft.unit).toBe('kg');
  });

  it('duplicate barcode or code within the file names the other row', () => {
    const r = read([row(), row({ 编码: '1002' }), row({ 条码: '96385074' })]);
    expect(r.issues).toEqual([
      {
        row: 3,
        field: '条码',
        rule: 'barcodeInFile',
        params: { barcode: '6901234567892', row: 2 },
      },
      { row: 4, field: '编码', rule: 'codeInFile', params: { row: 2 } },
    ]);
    expect(r.good.map((g) => g.row)).toEqual([2]);
  });

  it('a barcode on another product, unless that product is also in the file', () => {
    const good = read([row(), row({ 编码: '1002', 条码: '96385074' })]).good;
    const owners: Record<string, { code: string }> = {
      '6901234567892': { code: '1001' }, // its own
      '96385074': { code: '777' }, // another product's
    };
    const catalogue = { barcodeOwner: (b: string) => owners[b] ?? null };
    expect(crossCheck(good, catalogue, '条码')).toEqual([
      { row: 3, field: '条码', rule: 'barcodeTaken', params: { barcode: '96385074', code: '777' } },
    ]);
    owners['96385074'] = { code: '1001' }; // moves from 1001, which the file redefines
    expect(crossCheck(good, catalogue, '条码')).toEqual([]);
  });
});

describe('the demo catalogue', () => {
  it('about 200 products, every one valid, every barcode scannable and unique', () => {
    const demo = demoProducts();
    expect(demo.length).toBeGreaterThanOrEqual(180);
    const codes = new Set<string>();
    const barcodes = new Set<string>();
    for (const p of demo) {
      expect(checkProduct(p).issues, p.code).toEqual([]);
      expect(codes.has(p.code)).toBe(false);
      codes.add(p.code);
      for (const b of p.barcodes) {
        expect(hasValidGs1Check(b), b).toBe(true);
        expect(b).toMatch(/^69\d{11}$/);
        expect(barcodes.has(b)).toBe(false);
        barcodes.add(b);
      }
    }
    expect(demo.filter((p) => p.weighable).length).toBeGreaterThanOrEqual(8);
    expect(demo.find((p) => p.barcodes.includes('6901234567892'))?.name).toMatch(/可口可乐/);
  });
});
