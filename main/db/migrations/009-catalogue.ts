import type { Migration } from '../migrate';

/**
 * The product catalogue (issue 14, PRODUCT.md §12): categories, products
 * keyed by their PLU (`code`), and any number of barcodes per product.
 *
 * Lookups by barcode or PLU are point lookups on the UNIQUE indexes. Search
 * as you type goes through `product_fts`, a contentless FTS5 index (the text
 * lives in `products`; rowid = product id) with two columns: the name and the
 * pinyin-initials spellings, both split into single characters, so a phrase
 * query finds any run of characters — 「牛奶」 in 蒙牛纯牛奶, 「kkkl」 in the
 * initials of 可口可乐 — through the index, without reading every product per
 * keystroke (see the catalogue repository).
 *
 * Weighable products are priced per kg (unit kg); weights are whole grams.
 * `demo` marks the training catalogue's products so they can be told apart.
 */
export const catalogue: Migration = {
  version: 9,
  name: 'catalogue',
  up(db) {
    db.exec(`
      CREATE TABLE categories (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE products (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE
          CHECK (length(code) BETWEEN 1 AND 13 AND code NOT GLOB '*[^0-9]*'),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        spec TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        price_fen INTEGER NOT NULL CHECK (price_fen BETWEEN 1 AND 99999999),
        category_id INTEGER REFERENCES categories (id),
        weighable INTEGER NOT NULL DEFAULT 0 CHECK (weighable IN (0, 1)),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        pinyin TEXT NOT NULL DEFAULT '',
        demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX products_category ON products (category_id) WHERE category_id IS NOT NULL;

      CREATE TABLE product_barcodes (
        id INTEGER PRIMARY KEY,
        barcode TEXT NOT NULL UNIQUE,
        product_id INTEGER NOT NULL REFERENCES products (id),
        symbology TEXT NOT NULL CHECK (symbology IN ('ean13', 'ean8', 'upca', 'internal'))
      ) STRICT;
      CREATE INDEX product_barcodes_product ON product_barcodes (product_id, id);

      CREATE VIRTUAL TABLE product_fts USING fts5 (
        name,
        initials,
        content = '',
        contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0'
      );
    `);
  },
};
