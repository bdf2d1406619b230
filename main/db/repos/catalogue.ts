import type { Db } from '../connection';
import type { Symbology } from '../../domain/catalogue/barcodes';
import { normalizeText, wordChars } from '../../domain/catalogue/pinyin';

/** A product as stored, with its category's name and its barcodes (first = the main one). */
export interface ProductRecord {
  id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
  categoryId: number | null;
  categoryName: string | null;
  weighable: boolean;
  active: boolean;
  /** Initials spellings, the library's reading first. */
  pinyin: string[];
  demo: boolean;
  barcodes: string[];
  createdAt: number;
  updatedAt: number;
}

/** What a write sets; barcodes are written apart (replaceBarcodes). */
export interface ProductWrite {
  code: string;
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
  categoryId: number | null;
  weighable: boolean;
  active: boolean;
  pinyin: string[];
  demo: boolean;
}

export interface CategoryRecord {
  id: number;
  name: string;
  /** Products in it (active or not). */
  products: number;
}

interface ProductRow {
  id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  price_fen: number;
  category_id: number | null;
  category_name: string | null;
  weighable: number;
  active: number;
  pinyin: string;
  demo: number;
  barcodes: string;
  created_at: number;
  updated_at: number;
}

function fromRow(r: ProductRow): ProductRecord {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    spec: r.spec,
    unit: r.unit,
    priceFen: r.price_fen,
    categoryId: r.category_id,
    categoryName: r.category_name,
    weighable: r.weighable === 1,
    active: r.active === 1,
    pinyin: r.pinyin === '' ? [] : r.pinyin.split(' '),
    demo: r.demo === 1,
    barcodes: JSON.parse(r.barcodes) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const SELECT_PRODUCT = `
  SELECT p.*, c.name AS category_name,
    (SELECT json_group_array(barcode) FROM
      (SELECT barcode FROM product_barcodes WHERE product_id = p.id ORDER BY id)) AS barcodes
  FROM products p LEFT JOIN categories c ON c.id = p.category_id`;

/**
 * product_fts: one row per product (rowid = product id). Both columns hold
 * single characters separated by spaces, which the tokenizer makes one token
 * each, so a phrase matches a run of characters. The initials spellings are
 * joined by a two-character token: a query phrase is made of single
 * characters, so it never matches across two spellings.
 */
const SPELLING_SEPARATOR = ' 00 ';
const ftsName = (name: string) => wordChars(name).join(' ');
const ftsInitials = (pinyin: readonly string[]) =>
  pinyin.map((spelling) => [...spelling].join(' ')).join(SPELLING_SEPARATOR);
/** The first character after every string that starts with `prefix` (ASCII codes). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
const phrase = (chars: string[]) => `"${chars.join(' ')}"`;

export function createCatalogueRepo(db: Db) {
  // `+?` (a value, not a bare parameter): SQLite would otherwise carry the
  // bound value into the join and prepare these again on every scan.
  const byId = db.prepare<[number], ProductRow>(`${SELECT_PRODUCT} WHERE p.id = +?`);
  const byCode = db.prepare<[string], ProductRow>(`${SELECT_PRODUCT} WHERE p.code = +?`);
  const byIds = db.prepare<[string], ProductRow>(
    `${SELECT_PRODUCT} WHERE p.id IN (SELECT value FROM json_each(?))`,
  );
  const barcodeOwner = db.prepare<[string], { product_id: number; code: string }>(
    `SELECT b.product_id, p.code FROM product_barcodes b JOIN products p ON p.id = b.product_id
     WHERE b.barcode = +?`,
  );
  const insert = db.prepare(
    `INSERT INTO products (code, name, spec, unit, price_fen, category_id, weighable, active,
       pinyin, demo, created_at, updated_at)
     VALUES (@code, @name, @spec, @unit, @priceFen, @categoryId, @weighable, @active,
       @pinyin, @demo, @now, @now)`,
  );
  const update = db.prepare(
    `UPDATE products SET code = @code, name = @name, spec = @spec, unit = @unit,
       price_fen = @priceFen, category_id = @categoryId, weighable = @weighable,
       active = @active, pinyin = @pinyin, demo = @demo, updated_at = @now
     WHERE id = @id`,
  );
  const setActive = db.prepare('UPDATE products SET active = ?, updated_at = ? WHERE id = ?');
  const setPrice = db.prepare('UPDATE products SET price_fen = ?, updated_at = ? WHERE id = ?');
  const deleteBarcodes = db.prepare('DELETE FROM product_barcodes WHERE product_id = ?');
  const insertBarcode = db.prepare(
    'INSERT INTO product_barcodes (barcode, product_id, symbology) VALUES (?, ?, ?)',
  );
  const ftsDelete = db.prepare('DELETE FROM product_fts WHERE rowid = ?');
  const ftsInsert = db.prepare('INSERT INTO product_fts (rowid, name, initials) VALUES (?, ?, ?)');
  const pinyinOf = db.prepare<[number], { name: string; pinyin: string }>(
    'SELECT name, pinyin FROM products WHERE id = ?',
  );
  const count = db.prepare<[], { n: number; active: number }>(
    'SELECT count(*) AS n, coalesce(sum(active), 0) AS active FROM products',
  );
  const anyProduct = db.prepare<[], { one: number }>('SELECT 1 AS one FROM products LIMIT 1');
  const allIds = db.prepare<[], { id: number }>('SELECT id FROM products ORDER BY code');
  const codeIndex = db.prepare<[], { id: number; code: string; pinyin: string; name: string }>(
    'SELECT id, code, name, pinyin FROM products',
  );
  const barcodeIndex = db.prepare<[], { barcode: string; product_id: number }>(
    'SELECT barcode, product_id FROM product_barcodes',
  );

  const categoriesAll = db.prepare<[], { id: number; name: string; products: number }>(
    `SELECT c.id, c.name, (SELECT count(*) FROM products p WHERE p.category_id = c.id) AS products
     FROM categories c ORDER BY c.name`,
  );
  const categoryById = db.prepare<[number], { id: number; name: string }>(
    'SELECT id, name FROM categories WHERE id = ?',
  );
  const categoryByName = db.prepare<[string], { id: number; name: string }>(
    'SELECT id, name FROM categories WHERE name = ?',
  );
  const insertCategory = db.prepare('INSERT INTO categories (name, created_at) VALUES (?, ?)');
  const renameCategory = db.prepare('UPDATE categories SET name = ? WHERE id = ?');

  const params = (p: ProductWrite, now: number) => ({
    code: p.code,
    name: p.name,
    spec: p.spec,
    unit: p.unit,
    priceFen: p.priceFen,
    categoryId: p.categoryId,
    weighable: p.weighable ? 1 : 0,
    active: p.active ? 1 : 0,
    pinyin: p.pinyin.join(' '),
    demo: p.demo ? 1 : 0,
    now,
  });

  /** Ids of products matching an FTS query, active only unless asked, in id order. */
  const ftsMatch = [false, true].map((inactive) =>
    db.prepare<[string, number], { id: number }>(
      `SELECT p.id AS id FROM product_fts f JOIN products p ON p.id = f.rowid
       WHERE product_fts MATCH ? ${inactive ? '' : 'AND p.active = 1'} LIMIT ?`,
    ),
  );
  const ftsIds = (match: string, includeInactive: boolean, limit: number) =>
    ftsMatch[includeInactive ? 1 : 0]!.all(match, limit).map((r) => r.id);
  const codePrefix = [false, true].map((inactive) =>
    db.prepare<[string, string, number], { id: number }>(
      `SELECT id FROM products WHERE code >= ? AND code < ? ${inactive ? '' : 'AND active = 1'}
       ORDER BY code LIMIT ?`,
    ),
  );
  const barcodePrefix = [false, true].map((inactive) =>
    db.prepare<[string, string, number], { id: number }>(
      `SELECT p.id FROM product_barcodes b JOIN products p ON p.id = b.product_id
       WHERE b.barcode >= ? AND b.barcode < ? ${inactive ? '' : 'AND p.active = 1'}
       ORDER BY b.barcode LIMIT ?`,
    ),
  );

  return {
    get(id: number): ProductRecord | null {
      const row = byId.get(id);
      return row ? fromRow(row) : null;
    },
    getByCode(code: string): ProductRecord | null {
      const row = byCode.get(code);
      return row ? fromRow(row) : null;
    },
    /** The product a barcode belongs to (exactly as stored). */
    getByBarcode(barcode: string): ProductRecord | null {
      const owner = barcodeOwner.get(barcode);
      return owner ? this.get(owner.product_id) : null;
    },
    barcodeOwner(barcode: string): { productId: number; code: string } | null {
      const owner = barcodeOwner.get(barcode);
      return owner ? { productId: owner.product_id, code: owner.code } : null;
    },
    /** Products by id, in the order of `ids`. */
    getMany(ids: readonly number[]): ProductRecord[] {
      if (ids.length === 0) return [];
      const rows = new Map(byIds.all(JSON.stringify(ids)).map((r) => [r.id, fromRow(r)]));
      return ids.flatMap((id) => rows.get(id) ?? []);
    },
    insert(p: ProductWrite, now: number): number {
      const id = Number(insert.run(params(p, now)).lastInsertRowid);
      ftsInsert.run(id, ftsName(p.name), ftsInitials(p.pinyin));
      return id;
    },
    update(id: number, p: ProductWrite, now: number): void {
      const before = pinyinOf.get(id);
      update.run({ ...params(p, now), id });
      if (before && before.name === p.name && before.pinyin === p.pinyin.join(' ')) return;
      ftsDelete.run(id);
      ftsInsert.run(id, ftsName(p.name), ftsInitials(p.pinyin));
    },
    setActive(id: number, active: boolean, now: number): void {
      setActive.run(active ? 1 : 0, now, id);
    },
    setPrice(id: number, priceFen: number, now: number): void {
      setPrice.run(priceFen, now, id);
    },
    /** Barcodes for a product that has none yet (a new one), in this order. */
    addBarcodes(
      productId: number,
      barcodes: ReadonlyArray<{ barcode: string; symbology: Symbology }>,
    ) {
      for (const b of barcodes) insertBarcode.run(b.barcode, productId, b.symbology);
    },
    /** The product's barcodes become exactly these, in this order. */
    replaceBarcodes(
      productId: number,
      barcodes: ReadonlyArray<{ barcode: string; symbology: Symbology }>,
    ) {
      deleteBarcodes.run(productId);
      for (const b of barcodes) insertBarcode.run(b.barcode, productId, b.symbology);
    },
    /** No product at all (what start-up asks before loading the demo catalogue): one row read. */
    isEmpty(): boolean {
      return anyProduct.get() === undefined;
    },
    counts(): { total: number; active: number } {
      const r = count.get();
      return { total: r?.n ?? 0, active: r?.active ?? 0 };
    },
    /** Every product, by code, read a page at a time (export of 100k products). */
    *all(pageSize = 1000): Generator<ProductRecord> {
      const ids = allIds.all().map((r) => r.id);
      for (let i = 0; i < ids.length; i += pageSize) {
        yield* this.getMany(ids.slice(i, i + pageSize));
      }
    },
    /** code → id and barcode → product id of the whole catalogue (the import's cross-checks). */
    indexes(): { codes: Map<string, number>; barcodes: Map<string, number> } {
      return {
        codes: new Map(codeIndex.all().map((r) => [r.code, r.id])),
        barcodes: new Map(barcodeIndex.all().map((r) => [r.barcode, r.product_id])),
      };
    },

    /**
     * Search as you type, best matches first, at most `limit`:
     * 1. the code or a barcode exactly; 2. codes, then barcodes, starting
     * with the query (digits); 3. names or initials starting with it;
     * 4. names or initials containing it. Every step is an index range or an
     * FTS5 phrase query with a LIMIT, so a keystroke never reads the whole
     * catalogue.
     */
    searchIds(query: string, opts: { limit: number; includeInactive: boolean }): number[] {
      const { limit, includeInactive } = opts;
      const found = new Set<number>();
      const add = (ids: number[]) => {
        for (const id of ids) if (found.size < limit) found.add(id);
      };
      const q = normalizeText(query).trim();
      if (q === '') return [];
      const compact = q.replace(/\s+/g, '');
      let digitsOnly = false;
      if (/^[0-9a-z]{1,20}$/.test(compact)) {
        const raw = query.trim().normalize('NFKC');
        for (const candidate of new Set([raw, compact, compact.toUpperCase()])) {
          const exactCode = byCode.get(candidate);
          if (exactCode && (includeInactive || exactCode.active === 1)) add([exactCode.id]);
          const owner = barcodeOwner.get(candidate);
          if (owner) {
            const p = byId.get(owner.product_id);
            if (p && (includeInactive || p.active === 1)) add([p.id]);
          }
        }
        if (/^\d+$/.test(compact)) {
          // Five digits or more is a code or barcode being typed, not a name.
          digitsOnly = compact.length >= 5;
          const end = prefixEnd(compact);
          const n = includeInactive ? 1 : 0;
          add(codePrefix[n]!.all(compact, end, limit).map((r) => r.id));
          if (found.size < limit) {
            add(barcodePrefix[n]!.all(compact, end, limit * 2).map((r) => r.id));
          }
        }
      }
      if (found.size >= limit || digitsOnly) return [...found];
      const phrases = q
        .split(/\s+/)
        .map((part) => wordChars(part))
        .filter((chars) => chars.length > 0);
      if (phrases.length === 0) return [...found];
      const [first, ...rest] = phrases.map(phrase);
      const tail = rest.map((p) => ` AND ${p}`).join('');
      add(ftsIds(`^${first}${tail}`, includeInactive, limit + found.size));
      if (found.size < limit) add(ftsIds(`${first}${tail}`, includeInactive, limit + found.size));
      return [...found];
    },

    categories(): CategoryRecord[] {
      return categoriesAll.all();
    },
    category(id: number): { id: number; name: string } | null {
      return categoryById.get(id) ?? null;
    },
    categoryByName(name: string): { id: number; name: string } | null {
      return categoryByName.get(name) ?? null;
    },
    addCategory(name: string, now: number): number {
      return Number(insertCategory.run(name, now).lastInsertRowid);
    },
    renameCategory(id: number, name: string): void {
      renameCategory.run(name, id);
    },
  };
}
export type CatalogueRepo = ReturnType<typeof createCatalogueRepo>;
