import {
  hasCardData,
  isPlainText,
  maskCardData,
  parseYuanToFen,
  type FieldIssue,
} from '../../../preload/contract';
import { splitBarcodes } from './barcodes';
import { normalizeDraft } from './drafts';
import { checkProduct, type CheckedBarcode, type ProductDraft } from './product-rules';

/**
 * The catalogue file's columns (import and export alike): Chinese headers
 * first, English alternatives. A header is matched without spaces, case or
 * a bracketed note, so 售价(元), 售价（元） and Price (yuan) are one column.
 */
export const COLUMNS = {
  code: ['编码', '商品编码', 'plu', 'code'],
  barcodes: ['条码', '条形码', 'barcode', 'barcodes'],
  name: ['名称', '商品名称', '品名', 'name'],
  spec: ['规格', 'spec'],
  unit: ['单位', 'unit'],
  price: ['售价', '价格', '单价', '零售价', 'price'],
  category: ['分类', '类别', 'category'],
  weighable: ['称重', 'weighable'],
  inactive: ['停用', 'inactive'],
} as const;
export type Column = keyof typeof COLUMNS;
const REQUIRED: readonly Column[] = ['code', 'name', 'price'];

/** The headers an export writes (and the import reads back). */
export const EXPORT_HEADERS: Record<'zh-CN' | 'en', Record<Column, string>> = {
  'zh-CN': {
    code: '编码',
    barcodes: '条码',
    name: '名称',
    spec: '规格',
    unit: '单位',
    price: '售价(元)',
    category: '分类',
    weighable: '称重',
    inactive: '停用',
  },
  en: {
    code: 'PLU',
    barcodes: 'Barcode',
    name: 'Name',
    spec: 'Spec',
    unit: 'Unit',
    price: 'Price (yuan)',
    category: 'Category',
    weighable: 'Weighable',
    inactive: 'Inactive',
  },
};

function headerKey(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/\(.*\)/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export interface ColumnMap {
  /** Column index by field; absent when the file has no such column. */
  index: Partial<Record<Column, number>>;
  /** The file's own header of each field, for naming it in issues. */
  header: Partial<Record<Column, string>>;
}

/** Finds the columns; names every required one that is missing. */
export function mapColumns(headers: readonly string[]): { map: ColumnMap; issues: FieldIssue[] } {
  const map: ColumnMap = { index: {}, header: {} };
  headers.forEach((h, i) => {
    const key = headerKey(h);
    for (const [column, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
      if (map.index[column] === undefined && names.includes(key)) {
        map.index[column] = i;
        map.header[column] = h.trim();
      }
    }
  });
  const issues = REQUIRED.filter((c) => map.index[c] === undefined).map((c) => ({
    field: EXPORT_HEADERS['zh-CN'][c],
    rule: 'columnMissing',
    params: { column: EXPORT_HEADERS['zh-CN'][c] },
  }));
  return { map, issues };
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '']);

/** 是/否, Y/N, yes/no, true/false, 1/0; empty is no; anything else is null. */
export function parseFlag(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** Fen as the file writes yuan: 350 → "3.50" (no grouping, so it reads back). */
export function fenToYuanText(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** One good row of the file, ready to compare with the catalogue. */
export interface ImportRow {
  row: number;
  draft: ProductDraft;
  barcodes: CheckedBarcode[];
  category: string | null;
  /** 停用 column: true deactivates, false (re)activates, null = the column is absent. */
  inactive: boolean | null;
}

export interface RowIssue extends FieldIssue {
  row: number;
}

/**
 * Reads the data rows (after the header, numbered as a spreadsheet shows
 * them: the header is row 1) into drafts, with every broken rule named by row
 * and column. Blank rows are skipped. Cross-row rules (a code or barcode
 * twice in the file) are checked here; rules against the catalogue are the
 * caller's (see crossCheck).
 */
export function readRows(
  rows: readonly (readonly string[])[],
  map: ColumnMap,
): { good: ImportRow[]; issues: RowIssue[]; rows: number } {
  const issues: RowIssue[] = [];
  const good: ImportRow[] = [];
  const label = (c: Column) => map.header[c] ?? EXPORT_HEADERS['zh-CN'][c];
  const cell = (r: readonly string[], c: Column) => {
    const i = map.index[c];
    return i === undefined ? '' : (r[i] ?? '').trim();
  };
  const firstRowOfCode = new Map<string, number>();
  const firstRowOfBarcode = new Map<string, number>();
  const badRows = new Set<number>();
  let count = 0;

  rows.forEach((r, i) => {
    const row = i + 2;
    if (r.every((v) => v.trim() === '')) return;
    count++;
    const rowIssues: FieldIssue[] = [];
    const priceText = cell(r, 'price');
    const priceFen = parseYuanToFen(priceText);
    if (priceFen === null)
      // The cell is echoed to the preview: a card number in it only masked.
      rowIssues.push({
        field: 'priceFen',
        rule: 'priceYuan',
        params: { value: maskCardData(priceText, { loose: true }) },
      });
    const weighable = parseFlag(cell(r, 'weighable'));
    if (weighable === null) rowIssues.push({ field: 'weighable', rule: 'flagValue' });
    const inactive = map.index.inactive === undefined ? null : parseFlag(cell(r, 'inactive'));
    if (map.index.inactive !== undefined && inactive === null)
      rowIssues.push({ field: 'inactive', rule: 'flagValue' });
    const category = cell(r, 'category');
    if (hasCardData(category)) rowIssues.push({ field: 'category', rule: 'cardData' });
    else if (category.length > 20) rowIssues.push({ field: 'category', rule: 'categoryName' });
    // The screens' typed-text rule (contract PlainText): a category name reaches the screens and the audit log.
    else if (!isPlainText(category)) rowIssues.push({ field: 'category', rule: 'textChars' });

    const draft = normalizeDraft({
      code: cell(r, 'code'),
      name: cell(r, 'name'),
      spec: cell(r, 'spec'),
      unit: cell(r, 'unit'),
      priceFen: priceFen ?? 1,
      weighable: weighable ?? false,
      barcodes: splitBarcodes(cell(r, 'barcodes')),
    });
    const checked = checkProduct(draft);
    rowIssues.push(...checked.issues.filter((x) => !(x.field === 'priceFen' && priceFen === null)));

    const seenCode = firstRowOfCode.get(draft.code);
    if (draft.code !== '' && seenCode !== undefined) {
      rowIssues.push({ field: 'code', rule: 'codeInFile', params: { row: seenCode } });
    } else if (draft.code !== '') firstRowOfCode.set(draft.code, row);
    for (const b of checked.barcodes) {
      const seen = firstRowOfBarcode.get(b.barcode);
      if (seen !== undefined) {
        rowIssues.push({
          field: 'barcodes',
          rule: 'barcodeInFile',
          params: { barcode: b.barcode, row: seen },
        });
      } else firstRowOfBarcode.set(b.barcode, row);
    }

    if (rowIssues.length > 0) {
      badRows.add(row);
      for (const x of rowIssues) {
        const column = FIELD_COLUMN[x.field];
        issues.push({ ...x, row, field: column ? label(column) : x.field });
      }
      return;
    }
    good.push({
      row,
      draft,
      barcodes: checked.barcodes,
      category: category === '' ? null : category,
      inactive,
    });
  });
  return { good, issues, rows: count };
}

const FIELD_COLUMN: Record<string, Column | undefined> = {
  code: 'code',
  name: 'name',
  spec: 'spec',
  unit: 'unit',
  priceFen: 'price',
  barcodes: 'barcodes',
  category: 'category',
  weighable: 'weighable',
  inactive: 'inactive',
};

/**
 * The rules against the catalogue: a barcode on another product that the
 * file doesn't also redefine (that product's row in the file sets its
 * barcodes anew, so it may give one up to another row).
 */
export function crossCheck(
  good: readonly ImportRow[],
  catalogue: { barcodeOwner(barcode: string): { code: string } | null },
  barcodeLabel: string,
): RowIssue[] {
  const inFile = new Set(good.map((g) => g.draft.code));
  const issues: RowIssue[] = [];
  for (const g of good) {
    for (const b of g.barcodes) {
      const owner = catalogue.barcodeOwner(b.barcode);
      if (owner && owner.code !== g.draft.code && !inFile.has(owner.code)) {
        issues.push({
          row: g.row,
          field: barcodeLabel,
          rule: 'barcodeTaken',
          params: { barcode: b.barcode, code: owner.code },
        });
      }
    }
  }
  return issues;
}
