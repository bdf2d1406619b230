import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ProductView, ScanLookup } from '../../../preload/contract';
import { err, ok } from '../../support/core';
import { clearCatalogue } from '../../support/catalogue';
import { auditRows, base64, csvFile, managerTerminal } from './support';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const HEADER = '编码,条码,名称,规格,单位,售价(元),分类,称重,停用';
const GOOD = [
  HEADER,
  '880001,6921234500019,店内面包,个,个,4.50,烘焙,否,否',
  '880002,6921234500026;6921234500033,全麦吐司,400g,袋,12.9,烘焙,否,否',
  '880003,,散装花生,,,19.80,生鲜,是,否',
  // A demo product repriced; another deactivated (and its barcode dropped: a change too).
  '1001,6901234567892,可口可乐 330ml,330ml,罐,3.20,饮料,否,否',
  '1002,,可口可乐 500ml,500ml,瓶,3.50,饮料,否,是',
].join('\n');

async function lookup(core: Parameters<typeof ok>[0], code: string) {
  return ok<ScanLookup>(core, 'catalogue:lookup', { code });
}

describe('catalogue import: preview, then all or nothing', () => {
  it('previews what a good file would do, changing nothing; applies it in one go, audited', async () => {
    const { core } = await managerTerminal(cleanup);
    const preview = await ok<ImportPreview>(core, 'catalogue:previewImport', csvFile(GOOD));
    expect(preview).toMatchObject({
      rows: 5,
      added: 3,
      changed: 2,
      deactivated: 1,
      reactivated: 0,
      unchanged: 0,
      newCategories: ['烘焙'],
      badRows: 0,
      issues: [],
    });
    expect(preview.sample[0]).toEqual({ row: 2, code: '880001', name: '店内面包', priceFen: 450 });
    expect(await lookup(core, '880001')).toMatchObject({ kind: 'unknown' });

    const summary = await ok(core, 'catalogue:applyImport', csvFile(GOOD, 'shop.csv'));
    expect(summary).toEqual({
      rows: 5,
      added: 3,
      changed: 2,
      deactivated: 1,
      reactivated: 0,
      unchanged: 0,
      newCategories: ['烘焙'],
    });
    expect(await lookup(core, '6921234500033')).toMatchObject({
      product: { code: '880002', name: '全麦吐司', priceFen: 1290, categoryName: '烘焙' },
    });
    expect(await lookup(core, '880003')).toMatchObject({
      product: { weighable: true, unit: 'kg', priceFen: 1980 },
    });
    expect(await lookup(core, '6901234567892')).toMatchObject({ product: { priceFen: 320 } });
    expect(await lookup(core, '1002')).toMatchObject({ kind: 'unknown', reason: 'inactive' });
    expect(auditRows(core, 'catalogue.imported')).toEqual([
      {
        by: '00',
        file: 'shop.csv',
        format: 'csv',
        rows: 5,
        added: 3,
        changed: 2,
        deactivated: 1,
        reactivated: 0,
        unchanged: 0,
        newCategories: ['烘焙'],
        priceChanged: 1,
        priceChanges: [{ code: '1001', fromFen: 300, toFen: 320 }],
      },
    ]);
    // The same file again changes nothing.
    expect(await ok(core, 'catalogue:previewImport', csvFile(GOOD))).toMatchObject({
      added: 0,
      changed: 0,
      deactivated: 0,
      unchanged: 5,
    });
  });

  it('names every bad row and field; apply refuses and writes nothing', async () => {
    const { core } = await managerTerminal(cleanup);
    const bad = [
      HEADER,
      '880001,6921234500019,店内面包,个,个,4.50,烘焙,否,否',
      '880002,6921234500019,重复条码,个,个,1,烘焙,否,否', // barcode twice in the file
      '880003,6901234567893,校验错,个,个,1,,否,否', // bad check digit
      '880004,,价格错,个,个,四块,,否,否', // price not a number
      `880005,,${'名'.repeat(21)},个,个,1,,否,否`, // name too long
      'ABC,,编码错,个,个,1,,否,否', // bad PLU
      '880006,6901234567892,抢条码,个,个,1,,否,否', // barcode of another product (1001)
      '880007,,称重错,个,斤,1,,是,否', // weighable but not kg
    ].join('\n');
    const preview = await ok<ImportPreview>(core, 'catalogue:previewImport', csvFile(bad));
    expect(preview.badRows).toBe(7);
    expect(preview.issues.map((i) => [i.row, i.field, i.rule])).toEqual([
      [3, '条码', 'barcodeInFile'],
      [4, '条码', 'barcodeCheckDigit'],
      [5, '售价(元)', 'priceYuan'],
      [6, '名称', 'productNameBytes'],
      [7, '编码', 'pluCode'],
      [8, '条码', 'barcodeTaken'],
      [9, '单位', 'weighableUnit'],
    ]);
    expect(preview.issues.find((i) => i.row === 8)?.params).toEqual({
      barcode: '6901234567892',
      code: '1001',
    });
    expect(await err(core, 'catalogue:applyImport', csvFile(bad))).toEqual({
      code: 'CATALOGUE_IMPORT_HAS_ERRORS',
      params: { rows: 7 },
    });
    expect(await lookup(core, '880001')).toMatchObject({ kind: 'unknown' });
    expect(auditRows(core, 'catalogue.imported')).toEqual([]);
  });

  it('a failure in the middle of applying leaves nothing behind', async () => {
    const { core } = await managerTerminal(cleanup);
    const { db } = core.internals;
    const before = db.prepare('SELECT count(*) AS n FROM products').get();
    // The disk "fails" on the 4th new product (a real SQLite abort inside the transaction).
    db.exec(`CREATE TEMP TRIGGER fail_mid_import BEFORE INSERT ON products
      WHEN NEW.code = '880004' BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END;`);
    const rows = [HEADER];
    for (let i = 1; i <= 6; i++) rows.push(`88000${i},,商品${i},,个,1.00,新分类,否,否`);
    rows.push('1001,6901234567892,可口可乐 330ml,330ml,罐,9.99,饮料,否,否');
    expect(await err(core, 'catalogue:applyImport', csvFile(rows.join('\n')))).toEqual({
      code: 'INTERNAL',
    });
    expect(db.prepare('SELECT count(*) AS n FROM products').get()).toEqual(before);
    expect(db.prepare("SELECT count(*) AS n FROM categories WHERE name = '新分类'").get()).toEqual({
      n: 0,
    });
    expect(await lookup(core, '6901234567892')).toMatchObject({ product: { priceFen: 300 } });
    expect(auditRows(core, 'catalogue.imported')).toEqual([]);
    db.exec('DROP TRIGGER fail_mid_import');
    expect(await ok(core, 'catalogue:applyImport', csvFile(rows.join('\n')))).toMatchObject({
      added: 6,
      changed: 1,
    });
  });

  it('reads GBK CSV as Excel saves it, English headers, ; separators; refuses what is no table', async () => {
    const { core } = await managerTerminal(cleanup);
    const gbk = iconv.encode(`${HEADER}\n880001,,中文商品,,个,1.00,,否,否\n`, 'gbk');
    expect(
      await ok(core, 'catalogue:previewImport', {
        format: 'csv',
        fileName: 'x.csv',
        data: base64(gbk),
      }),
    ).toMatchObject({ added: 1, sample: [{ name: '中文商品' }] });
    const english = 'PLU;Name;Price (yuan);Barcode\n880009;Tea;2.5;96385074\n';
    expect(await ok(core, 'catalogue:previewImport', csvFile(english))).toMatchObject({
      added: 1,
      sample: [{ code: '880009', priceFen: 250 }],
    });
    expect(
      await ok<ImportPreview>(core, 'catalogue:previewImport', csvFile('编码,规格\n1,2\n')),
    ).toMatchObject({
      badRows: 1,
      issues: [
        { row: 1, field: '名称', rule: 'columnMissing' },
        { row: 1, field: '售价(元)', rule: 'columnMissing' },
      ],
    });
    for (const data of [base64('not,a\n"broken'), '@@@', base64('PK\u0003\u0004garbage')]) {
      expect(
        (
          await err(core, 'catalogue:previewImport', {
            format: data === '@@@' ? 'csv' : 'xlsx',
            fileName: 'x',
            data,
          })
        ).code,
      ).toBe('CATALOGUE_FILE_INVALID');
    }
  });
});

describe('export → import round trip', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`${format}: the exported file imports back as unchanged, and into a fresh terminal as the same catalogue`, async () => {
      const { core } = await managerTerminal(cleanup);
      await ok(core, 'catalogue:applyImport', csvFile(GOOD));
      const out = await ok<{ fileName: string; data: string; products: number }>(
        core,
        'catalogue:export',
        { format },
      );
      expect(out.fileName).toMatch(new RegExp(`^products-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      expect(out.products).toBe(203);
      const file = { format, fileName: out.fileName, data: out.data };
      expect(await ok(core, 'catalogue:previewImport', file)).toMatchObject({
        rows: 203,
        added: 0,
        changed: 0,
        deactivated: 0,
        unchanged: 203,
        badRows: 0,
      });
      if (format === 'xlsx') {
        // Barcodes stay text (no 6.92123E+12) and the header is Chinese.
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(out.data, 'base64') as unknown as ArrayBuffer);
        expect(wb.worksheets[0]?.getRow(1).getCell(6).value).toBe('售价(元)');
      } else {
        expect(Buffer.from(out.data, 'base64').toString('utf8')).toMatch(/^\uFEFF编码,条码,名称/);
      }

      const other = await managerTerminal(cleanup);
      clearCatalogue(other.core);
      expect(await ok(other.core, 'catalogue:applyImport', file)).toMatchObject({ added: 203 });
      const all = async (c: typeof core) =>
        (
          await ok<{ products: ProductView[] }>(c, 'catalogue:search', {
            query: '1',
            limit: 100,
            includeInactive: true,
          })
        ).products.map(({ id: _id, categoryId: _c, ...p }) => p);
      expect(await all(other.core)).toEqual(await all(core));
      expect(auditRows(core, 'catalogue.exported')).toEqual([{ by: '00', format, products: 203 }]);
    });
  }
});

describe('a big file in chunks (the web shell takes frames of at most 1 MiB)', () => {
  it('uploads in order, previews and imports by upload id; out-of-order or oversize refused', async () => {
    const { core } = await managerTerminal(cleanup);
    const lines = [HEADER];
    for (let i = 0; i < 12_000; i++) lines.push(`${700000 + i},,批量商品${i},,个,1.00,批量,否,否`);
    const data = base64(lines.join('\n'));
    const CHUNK = 512 * 1024;
    expect(data.length).toBeGreaterThan(CHUNK);
    const uploadId = 'upload-test-0001';
    for (let i = 0; i * CHUNK < data.length; i++) {
      await ok(core, 'catalogue:uploadChunk', {
        uploadId,
        index: i,
        data: data.slice(i * CHUNK, (i + 1) * CHUNK),
      });
    }
    const file = { format: 'csv', fileName: 'big.csv', uploadId };
    expect(await ok(core, 'catalogue:previewImport', file)).toMatchObject({
      added: 12_000,
      badRows: 0,
    });
    expect(await ok(core, 'catalogue:applyImport', file)).toMatchObject({ added: 12_000 });

    expect(
      await err(core, 'catalogue:uploadChunk', {
        uploadId: 'upload-test-0002',
        index: 1,
        data: 'MTIz',
      }),
    ).toEqual({ code: 'CATALOGUE_FILE_INVALID' });
    expect(
      await err(core, 'catalogue:previewImport', { format: 'csv', uploadId: 'upload-none-000' }),
    ).toEqual({ code: 'CATALOGUE_FILE_INVALID' });
    expect(
      await err(core, 'catalogue:previewImport', { format: 'csv', data: 'MTIz', uploadId }),
    ).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'data', rule: 'catalogueFile' }] });
    const big = 'A'.repeat(CHUNK);
    let refused: unknown = null;
    for (let i = 0; i < 64 && !refused; i++) {
      const r = await core.dispatch('catalogue:uploadChunk', {
        uploadId: 'upload-big-0001',
        index: i,
        data: big,
      });
      if (!r.ok) refused = r.error;
    }
    expect(refused).toEqual({ code: 'CATALOGUE_FILE_TOO_LARGE', params: { maxMb: 16 } });
  });
});
