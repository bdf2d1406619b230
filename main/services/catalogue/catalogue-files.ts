import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { CatalogueFormat } from '../../../preload/contract';
import { CATALOGUE_FILE_MAX_BYTES } from '../../../preload/contract/catalogue';
import { fail } from '../../domain/errors';

/**
 * Product files as tables of text (header row first) and back. CSV through
 * csv-parse (quotes, embedded newlines, a UTF-8 BOM; GBK as Excel saves CSV
 * on Chinese Windows), XLSX through exceljs (maintained, unlike the `xlsx`
 * 0.18 on the registry). Anything unreadable is CATALOGUE_FILE_INVALID.
 */

export type Table = string[][];

/**
 * exceljs is loaded on the first XLSX import or export, not at start-up: it
 * costs ~0.4 s of CPU to load, and most days nobody touches a product file.
 */
let excel: Promise<typeof ExcelJS> | null = null;
const loadExcel = (): Promise<typeof ExcelJS> =>
  (excel ??= import('exceljs').then((m) => m.default));

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without BOM), UTF-16 with its
 * BOM (Excel's "Unicode text"), else GB18030 (a superset of GBK). Bytes that
 * are none of these (a file pasted together from two encodings, a binary file
 * named .csv) are refused with the line they are on: decoding them leniently
 * would import product names with U+FFFD (�) in them, silently.
 */
export function decodeText(bytes: Buffer): string {
  const strict = (encoding: string, from: number) => {
    const body = bytes.subarray(from);
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(body);
    } catch {
      const loose = new TextDecoder(encoding).decode(body);
      const at = loose.indexOf('\uFFFD');
      const line = loose.slice(0, Math.max(at, 0)).split('\n').length;
      fail('CATALOGUE_FILE_INVALID', { encoding, line });
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', 2);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return strict('gb18030', 0);
  }
}

export function decodeBase64File(data: string): Buffer {
  if (!/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/.test(data)) fail('CATALOGUE_FILE_INVALID');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > CATALOGUE_FILE_MAX_BYTES)
    fail('CATALOGUE_FILE_TOO_LARGE', { maxMb: CATALOGUE_FILE_MAX_BYTES / 1024 / 1024 });
  if (bytes.length === 0) fail('CATALOGUE_FILE_INVALID');
  return bytes;
}

function readCsv(bytes: Buffer): Table {
  const text = decodeText(bytes);
  // Excel writes ; in some locales: take whichever of , ; tab the header line has most of.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      bom: true,
    }) as Table;
  } catch {
    fail('CATALOGUE_FILE_INVALID');
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

/**
 * The first sheet, read as a stream (exceljs' WorkbookReader): 100k rows
 * without building the whole workbook in memory (which takes gigabytes).
 */
async function readXlsx(bytes: Buffer): Promise<Table> {
  const table: Table = [];
  const Excel = await loadExcel();
  try {
    const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // Keep spreadsheet row numbers: a gap of empty rows stays a gap.
        while (table.length < row.number - 1) table.push([]);
        const values = row.values as ExcelJS.CellValue[];
        table.push(
          Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1])),
        );
      }
      break; // the first sheet only
    }
  } catch {
    fail('CATALOGUE_FILE_INVALID');
  }
  return table;
}

export async function readTable(format: CatalogueFormat, bytes: Buffer): Promise<Table> {
  const table = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  if (table.length === 0 || (table[0] ?? []).every((h) => h.trim() === '')) {
    fail('CATALOGUE_FILE_INVALID');
  }
  return table;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV in UTF-8 with a BOM (so Excel opens Chinese right), CRLF lines. */
export function writeCsv(table: Table): string {
  return '\uFEFF' + table.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One sheet; every cell text (a barcode must not become 6.90123E+12). */
export async function writeXlsx(table: Table, sheetName: string): Promise<Buffer> {
  const Excel = await loadExcel();
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of table) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((c) => {
    c.numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
