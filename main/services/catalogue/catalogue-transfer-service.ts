import type {
  CatalogueFormat,
  ImportPreview,
  ImportSummary,
  Session,
} from '../../../preload/contract';
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { pinyinInitials } from '../../domain/catalogue/pinyin';
import type { ProductRecord, Repositories } from '../../db';
import { fail } from '../../domain/errors';
import {
  crossCheck,
  EXPORT_HEADERS,
  fenToYuanText,
  mapColumns,
  readRows,
  type Column,
  type ImportRow,
  type RowIssue,
} from '../../domain/catalogue/import-rows';
import { productWrite } from './catalogue-admin-service';
import { decodeBase64File, readTable, writeCsv, writeXlsx, type Table } from './catalogue-files';
import { CATALOGUE_FILE_MAX_BYTES } from '../../../preload/contract/catalogue';
import { maskCardData } from '../../../preload/contract/card-data';

/** Issues a preview lists; the count of bad rows is always whole. */
export const ISSUES_SHOWN = 500;
/** Price changes named one by one in the import's audit entry (beyond it: the count). */
const PRICE_CHANGES_AUDITED = 200;
const SAMPLE_ROWS = 5;

export interface CatalogueFileInput {
  format: CatalogueFormat;
  fileName: string;
  /** The bytes as base64, or … */
  data?: string | undefined;
  /** … the id of an upload sent in chunks. */
  uploadId?: string | undefined;
}

type Plan = {
  row: ImportRow;
  before: ProductRecord | null;
  changed: boolean;
  activeAfter: boolean;
};

function differs(before: ProductRecord, g: ImportRow, categoryId: number | null): boolean {
  const d = g.draft;
  return (
    before.name !== d.name ||
    before.spec !== d.spec ||
    before.unit !== d.unit ||
    before.priceFen !== d.priceFen ||
    before.weighable !== d.weighable ||
    before.categoryId !== categoryId ||
    before.barcodes.join('\n') !== g.barcodes.map((b) => b.barcode).join('\n')
  );
}

/**
 * Catalogue import and export (PRODUCT.md §12): CSV or XLSX with Chinese (or
 * English) headers. A preview reads the whole file and names every bad row
 * and column; an apply reads it again and, only if no row is bad, writes it
 * in one SQLite transaction with its audit entry — all of it or nothing.
 * Rows are matched to products by PLU code: new codes are added, known ones
 * updated; products missing from the file are left as they are. Categories
 * the file names that don't exist yet are created (listed in the preview).
 */
export function createCatalogueTransferService(deps: { repos: Repositories; clock: Clock }) {
  const { repos, clock } = deps;

  /**
   * The file's rows read and checked on their own, with each good row's
   * pinyin initials: a pure function of the bytes, so the last one is kept
   * and the apply after a preview of the same file doesn't read it again.
   */
  type Parsed = {
    key: string;
    rows: number;
    good: ImportRow[];
    issues: RowIssue[];
    barcodeLabel: string;
    pinyin: Map<number, string[]>;
  };
  let lastParsed: Parsed | null = null;

  /**
   * The one upload in progress or done (a manager imports one file at a
   * time): its chunks in order, at most CATALOGUE_FILE_MAX_BYTES.
   */
  let upload: { id: string; chunks: Buffer[]; bytes: number } | null = null;

  function fileBytes(file: CatalogueFileInput): Buffer {
    if (file.data !== undefined) return decodeBase64File(file.data);
    if (!upload || upload.id !== file.uploadId || upload.bytes === 0)
      fail('CATALOGUE_FILE_INVALID');
    return Buffer.concat(upload.chunks);
  }

  async function parse(file: CatalogueFileInput): Promise<Parsed> {
    const bytes = fileBytes(file);
    const key = createHash('sha256').update(file.format).update('\n').update(bytes).digest('hex');
    if (lastParsed?.key === key) return lastParsed;
    const table = await readTable(file.format, bytes);
    const [headers = [], ...rows] = table;
    const columns = mapColumns(headers);
    const barcodeLabel = columns.map.header.barcodes ?? EXPORT_HEADERS['zh-CN'].barcodes;
    const read =
      columns.issues.length > 0
        ? { good: [], issues: columns.issues.map((i) => ({ ...i, row: 1 })), rows: rows.length }
        : readRows(rows, columns.map);
    const pinyin = new Map(read.good.map((g) => [g.row, pinyinInitials(g.draft.name)]));
    lastParsed = { key, ...read, barcodeLabel, pinyin };
    return lastParsed;
  }

  /** The parsed file checked against the catalogue as it is now. */
  async function read(file: CatalogueFileInput) {
    const read = await parse(file);
    // One read of the catalogue's codes and barcodes instead of a query per row.
    const index = repos.catalogue.indexes();
    const codeOf = new Map([...index.codes].map(([code, id]) => [id, code]));
    const owners = {
      barcodeOwner(barcode: string) {
        const id = index.barcodes.get(barcode);
        return id === undefined ? null : { code: codeOf.get(id) ?? '' };
      },
    };
    const cross = crossCheck(read.good, owners, read.barcodeLabel);
    const crossRows = new Set(cross.map((i) => i.row));
    return {
      good: read.good.filter((g) => !crossRows.has(g.row)),
      issues: [...read.issues, ...cross].sort((a, b) => a.row - b.row),
      rows: read.rows,
      pinyin: read.pinyin,
    };
  }

  function plan(good: readonly ImportRow[]) {
    const categories = new Map(repos.catalogue.categories().map((c) => [c.name, c.id]));
    const newCategories = [
      ...new Set(
        good.flatMap((g) => (g.category && !categories.has(g.category) ? [g.category] : [])),
      ),
    ];
    const plans: Plan[] = [];
    const summary: Omit<ImportSummary, 'rows' | 'newCategories'> = {
      added: 0,
      changed: 0,
      deactivated: 0,
      reactivated: 0,
      unchanged: 0,
    };
    const known = repos.catalogue.indexes().codes;
    for (const g of good) {
      const id = known.get(g.draft.code);
      const before = id === undefined ? null : repos.catalogue.get(id);
      const categoryId = g.category ? (categories.get(g.category) ?? -1) : null;
      const activeAfter = g.inactive === null ? (before?.active ?? true) : !g.inactive;
      if (!before) {
        summary.added++;
        plans.push({ row: g, before, changed: true, activeAfter });
        continue;
      }
      const changed = differs(before, g, categoryId);
      if (changed) summary.changed++;
      if (before.active && !activeAfter) summary.deactivated++;
      if (!before.active && activeAfter) summary.reactivated++;
      if (!changed && before.active === activeAfter) summary.unchanged++;
      plans.push({ row: g, before, changed, activeAfter });
    }
    return { plans, summary, newCategories };
  }

  function exportTable(language: 'zh-CN' | 'en'): { table: Table; products: number } {
    const h = EXPORT_HEADERS[language];
    const order: Column[] = [
      'code',
      'barcodes',
      'name',
      'spec',
      'unit',
      'price',
      'category',
      'weighable',
      'inactive',
    ];
    const yes = language === 'zh-CN' ? '是' : 'Y';
    const no = language === 'zh-CN' ? '否' : 'N';
    const table: Table = [order.map((c) => h[c])];
    for (const p of repos.catalogue.all()) {
      table.push([
        p.code,
        p.barcodes.join(';'),
        p.name,
        p.spec,
        p.unit,
        fenToYuanText(p.priceFen),
        p.categoryName ?? '',
        p.weighable ? yes : no,
        p.active ? no : yes,
      ]);
    }
    return { table, products: table.length - 1 };
  }

  return {
    /** One chunk of an upload; index 0 starts it anew. */
    uploadChunk(input: { uploadId: string; index: number; data: string }): { bytes: number } {
      if (input.index === 0) upload = { id: input.uploadId, chunks: [], bytes: 0 };
      else if (!upload || upload.id !== input.uploadId || upload.chunks.length !== input.index)
        fail('CATALOGUE_FILE_INVALID');
      if (input.data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(input.data))
        fail('CATALOGUE_FILE_INVALID');
      const chunk = Buffer.from(input.data, 'base64');
      upload.bytes += chunk.length;
      if (upload.bytes > CATALOGUE_FILE_MAX_BYTES) {
        upload = null;
        fail('CATALOGUE_FILE_TOO_LARGE', { maxMb: CATALOGUE_FILE_MAX_BYTES / 1024 / 1024 });
      }
      upload.chunks.push(chunk);
      return { bytes: upload.bytes };
    },

    async preview(file: CatalogueFileInput): Promise<ImportPreview> {
      const r = await read(file);
      const { summary, newCategories } = plan(r.good);
      return {
        rows: r.rows,
        ...summary,
        newCategories,
        badRows: new Set(r.issues.map((i) => i.row)).size,
        issues: r.issues.slice(0, ISSUES_SHOWN),
        sample: r.good.slice(0, SAMPLE_ROWS).map((g) => ({
          row: g.row,
          code: g.draft.code,
          name: g.draft.name,
          priceFen: g.draft.priceFen,
        })),
      };
    },

    async apply(file: CatalogueFileInput, actor: Session): Promise<ImportSummary> {
      const r = await read(file);
      const badRows = new Set(r.issues.map((i) => i.row)).size;
      if (badRows > 0) fail('CATALOGUE_IMPORT_HAS_ERRORS', { rows: badRows });
      return repos.inTransaction(() => {
        // Planned under the write lock, so it compares with the catalogue as it is now.
        const { plans, summary, newCategories } = plan(r.good);
        const now = clock.now();
        const categoryIds = new Map(repos.catalogue.categories().map((c) => [c.name, c.id]));
        for (const name of newCategories)
          categoryIds.set(name, repos.catalogue.addCategory(name, now));
        // Barcodes may move between products of the file: clear the old ones first.
        for (const p of plans)
          if (p.before && p.changed) repos.catalogue.replaceBarcodes(p.before.id, []);
        const priceChanges: Array<{ code: string; fromFen: number; toFen: number }> = [];
        for (const p of plans) {
          const g = p.row;
          const categoryId = g.category ? (categoryIds.get(g.category) ?? null) : null;
          const write = productWrite(
            g.draft,
            { categoryId, active: p.activeAfter, demo: false },
            r.pinyin.get(g.row),
          );
          if (!p.before) {
            repos.catalogue.addBarcodes(repos.catalogue.insert(write, now), g.barcodes);
            continue;
          }
          if (p.changed) {
            repos.catalogue.update(p.before.id, write, now);
            repos.catalogue.replaceBarcodes(p.before.id, g.barcodes);
            if (p.before.priceFen !== g.draft.priceFen)
              priceChanges.push({
                code: g.draft.code,
                fromFen: p.before.priceFen,
                toFen: g.draft.priceFen,
              });
          } else if (p.before.active !== p.activeAfter) {
            repos.catalogue.setActive(p.before.id, p.activeAfter, now);
          }
        }
        const result: ImportSummary = { rows: r.rows, ...summary, newCategories };
        repos.audit.append(
          {
            operatorNo: actor.operatorNo,
            action: 'catalogue.imported',
            detail: {
              // Not refused (the file is fine), but a card number in its name is masked.
              file: maskCardData(file.fileName),
              format: file.format,
              ...result,
              priceChanged: priceChanges.length,
              ...(priceChanges.length <= PRICE_CHANGES_AUDITED ? { priceChanges } : {}),
            },
          },
          now,
        );
        return result;
      });
    },

    async export(
      format: CatalogueFormat,
      actor: Session,
      language: 'zh-CN' | 'en' = 'zh-CN',
    ): Promise<{ fileName: string; format: CatalogueFormat; data: string; products: number }> {
      const { table, products } = exportTable(language);
      const stamp = new Date(clock.now()).toISOString().slice(0, 10);
      const data =
        format === 'csv'
          ? Buffer.from(writeCsv(table), 'utf8').toString('base64')
          : (await writeXlsx(table, language === 'zh-CN' ? '商品' : 'Products')).toString('base64');
      repos.audit.append(
        {
          operatorNo: actor.operatorNo,
          action: 'catalogue.exported',
          detail: { format, products },
        },
        clock.now(),
      );
      return { fileName: `products-${stamp}.${format}`, format, data, products };
    },
  };
}
export type CatalogueTransferService = ReturnType<typeof createCatalogueTransferService>;
