import type { Repositories } from '../../db';
import { checkProduct } from '../../domain/catalogue/product-rules';
import { demoProducts } from '../../domain/catalogue/demo-products';
import { productWrite } from './catalogue-admin-service';

/**
 * Puts the training catalogue in (培训模式): each demo product is added, or
 * restored to its demo values when it is still a demo product (deactivated,
 * repriced…); a product of the shop's own with the same code, or a barcode
 * the shop's products use, is left alone. One SQLite transaction.
 */
export function loadDemoCatalogue(
  repos: Repositories,
  now: number,
): { added: number; restored: number } {
  return repos.inTransaction(() => {
    let added = 0;
    let restored = 0;
    const categories = new Map(repos.catalogue.categories().map((c) => [c.name, c.id]));
    for (const p of demoProducts()) {
      const { barcodes, issues } = checkProduct(p);
      if (issues.length > 0) throw new Error(`demo product ${p.code} breaks ${issues[0]?.rule}`);
      let categoryId = categories.get(p.category);
      if (categoryId === undefined) {
        categoryId = repos.catalogue.addCategory(p.category, now);
        categories.set(p.category, categoryId);
      }
      const existing = repos.catalogue.getByCode(p.code);
      if (existing && !existing.demo) continue;
      const free = barcodes.filter((b) => {
        const owner = repos.catalogue.barcodeOwner(b.barcode);
        return !owner || owner.code === p.code;
      });
      const write = productWrite(p, { categoryId, active: true, demo: true });
      if (existing) {
        repos.catalogue.update(existing.id, write, now);
        repos.catalogue.replaceBarcodes(existing.id, free);
        restored++;
      } else {
        repos.catalogue.replaceBarcodes(repos.catalogue.insert(write, now), free);
        added++;
      }
    }
    return { added, restored };
  });
}
