import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { err, ok } from '../../support/core';
import { managerTerminal } from '../catalogue/support';

/**
 * Product files in the encodings a shop's PC really produces, and in broken
 * ones: what decodes is read right (UTF-8, GBK, Excel's UTF-16 "Unicode
 * text"); what doesn't is refused naming the line — never imported with �
 * in the product names. The catalogue is untouched by a refused file.
 */

const HEADER = '编码,条码,名称,规格,单位,售价(元),分类,称重,停用';
const ROW = '880001,6921234500019,店内面包,个,个,4.50,烘焙,否,否';
const ROW2 = '880002,,全麦吐司,400g,袋,12.9,烘焙,否,否';
const text = [HEADER, ROW, ROW2].join('\r\n') + '\r\n';

const file = (bytes: Buffer) => ({
  format: 'csv' as const,
  fileName: 'p.csv',
  data: bytes.toString('base64'),
});

let core: PosCore;
const cleanup: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  ({ core } = await managerTerminal(cleanup));
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('catalogue files in real encodings', () => {
  it.each<[string, Buffer]>([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    ['GBK', iconv.encode(text, 'gbk')],
    [
      'UTF-16 LE with BOM (Excel "Unicode text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,/g, '\t'), 'utf16le')]),
    ],
  ])('%s: read right', async (_, bytes) => {
    const preview = await ok<ImportPreview>(core, 'catalogue:previewImport', file(bytes));
    expect(preview.sample[0]).toMatchObject({ code: '880001', name: '店内面包', priceFen: 450 });
    expect(JSON.stringify(preview)).not.toContain('\uFFFD');
  });
});

describe('catalogue files with broken encoding', () => {
  it.each<[string, Buffer, number]>([
    [
      'UTF-8 BOM, then a GBK line pasted in',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`${HEADER}\r\n${ROW}\r\n`),
        iconv.encode(`${ROW2}\r\n`, 'gbk'),
      ]),
      3,
    ],
    [
      'GBK with a cut double-byte character',
      Buffer.concat([
        iconv.encode(`${HEADER}\r\n${ROW}\r\n`, 'gbk'),
        Buffer.from([0x81, 0x2c]),
        Buffer.from(',x\r\n'),
      ]),
      3,
    ],
    [
      'UTF-16 with an unpaired surrogate',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`${HEADER}\n`, 'utf16le'),
        Buffer.from([0x00, 0xd8, 0x41, 0x00]),
      ]),
      2,
    ],
  ])('%s: refused naming the line, nothing imported', async (_, bytes, line) => {
    const e = await err(core, 'catalogue:previewImport', file(bytes));
    expect(e).toMatchObject({ code: 'CATALOGUE_FILE_INVALID', params: { line } });
    const a = await err(core, 'catalogue:applyImport', file(bytes));
    expect(a.code).toBe('CATALOGUE_FILE_INVALID');
    const found = core.internals.db
      .prepare(`SELECT count(*) AS n FROM products WHERE name LIKE '%' || char(65533) || '%'`)
      .get() as { n: number };
    expect(found.n).toBe(0);
  });
});
