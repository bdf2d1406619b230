import type { PosCore } from '../../main/core/pos-core';

/**
 * Empties the catalogue — training mode starts with the demo catalogue
 * (main/domain/catalogue/demo-products.ts) — so a test's own products are the
 * only ones (test set-up, straight through the database).
 */
export function clearCatalogue(core: PosCore): void {
  core.internals.db.exec(
    'DELETE FROM product_barcodes; DELETE FROM product_fts; DELETE FROM products; DELETE FROM categories;',
  );
}
