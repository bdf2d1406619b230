import type { CategoryView, ProductInput, ProductView, Session } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { ProductRecord, ProductWrite, Repositories } from '../../db';
import { fail, failFields } from '../../domain/errors';
import { pinyinInitials } from '../../domain/catalogue/pinyin';
import { normalizeDraft } from '../../domain/catalogue/drafts';
import {
  checkProduct,
  type CheckedBarcode,
  type ProductDraft,
} from '../../domain/catalogue/product-rules';
import { productView } from './catalogue-service';

/** The stored form of a checked draft: pinyin initials derived from the name. */
export function productWrite(
  draft: ProductDraft,
  extra: { categoryId: number | null; active: boolean; demo: boolean },
  pinyin: string[] = pinyinInitials(draft.name),
): ProductWrite {
  return {
    code: draft.code,
    name: draft.name,
    spec: draft.spec,
    unit: draft.unit,
    priceFen: draft.priceFen,
    weighable: draft.weighable,
    pinyin,
    ...extra,
  };
}

type EditInput = Omit<ProductInput, 'priceFen'> & { id: number };

/**
 * The manager's catalogue changes (PRODUCT.md §12): add, edit, deactivate or
 * reactivate, change a price, categories. Each is checked against the rules
 * and the rest of the catalogue (PLU and barcodes unique) and audited in the
 * same SQLite transaction as the change: who, what, old → new.
 */
export function createCatalogueAdminService(deps: { repos: Repositories; clock: Clock }) {
  const { repos, clock } = deps;

  function audit(actor: Session, action: string, detail: Record<string, unknown>) {
    repos.audit.append({ operatorNo: actor.operatorNo, action, detail }, clock.now());
  }

  function existing(id: number): ProductRecord {
    const p = repos.catalogue.get(id);
    if (!p) fail('PRODUCT_NOT_FOUND', { id });
    return p;
  }

  function reload(id: number): ProductView {
    return productView(existing(id));
  }

  /** The rules, then the catalogue: PLU free, barcodes not on another product, category known. */
  function checked(draft: ProductDraft, categoryId: number | null, selfId: number | null) {
    const { barcodes, issues } = checkProduct(draft);
    if (issues.length > 0) failFields(issues);
    const sameCode = repos.catalogue.getByCode(draft.code);
    if (sameCode && sameCode.id !== selfId) fail('PRODUCT_CODE_EXISTS', { code: draft.code });
    for (const b of barcodes) {
      const owner = repos.catalogue.barcodeOwner(b.barcode);
      if (owner && owner.productId !== selfId)
        fail('BARCODE_TAKEN', { barcode: b.barcode, code: owner.code });
    }
    if (categoryId !== null && !repos.catalogue.category(categoryId))
      fail('CATEGORY_NOT_FOUND', { id: categoryId });
    return barcodes;
  }

  function draftOf(input: Omit<ProductInput, 'priceFen'>, priceFen: number): ProductDraft {
    return normalizeDraft({
      code: input.code,
      name: input.name,
      spec: input.spec ?? '',
      unit: input.unit ?? '',
      priceFen,
      weighable: input.weighable ?? false,
      barcodes: input.barcodes ?? [],
    });
  }

  function changesOf(before: ProductRecord, after: ProductDraft, categoryId: number | null) {
    const changes: Array<{ field: string; from: unknown; to: unknown }> = [];
    const compare = (field: string, from: unknown, to: unknown) => {
      if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
    };
    compare('code', before.code, after.code);
    compare('name', before.name, after.name);
    compare('spec', before.spec, after.spec);
    compare('unit', before.unit, after.unit);
    compare('categoryId', before.categoryId, categoryId);
    compare('weighable', before.weighable, after.weighable);
    compare('barcodes', before.barcodes, after.barcodes);
    return changes;
  }

  function writeBarcodes(id: number, barcodes: CheckedBarcode[]) {
    repos.catalogue.replaceBarcodes(id, barcodes);
  }

  return {
    add(input: ProductInput, actor: Session): ProductView {
      const draft = draftOf(input, input.priceFen);
      const categoryId = input.categoryId ?? null;
      const id = repos.inTransaction(() => {
        // Checked under the write lock: two managers adding the same code.
        const barcodes = checked(draft, categoryId, null);
        const newId = repos.catalogue.insert(
          productWrite(draft, { categoryId, active: true, demo: false }),
          clock.now(),
        );
        writeBarcodes(newId, barcodes);
        audit(actor, 'catalogue.productAdded', {
          code: draft.code,
          name: draft.name,
          priceFen: draft.priceFen,
          barcodes: barcodes.map((b) => b.barcode),
        });
        return newId;
      });
      return reload(id);
    },

    edit(input: EditInput, actor: Session): ProductView {
      repos.inTransaction(() => {
        const before = existing(input.id);
        const draft = draftOf(input, before.priceFen);
        const categoryId = input.categoryId ?? null;
        const barcodes = checked(draft, categoryId, before.id);
        const changes = changesOf(
          before,
          { ...draft, barcodes: barcodes.map((b) => b.barcode) },
          categoryId,
        );
        if (changes.length === 0) return;
        repos.catalogue.update(
          before.id,
          productWrite(draft, { categoryId, active: before.active, demo: false }),
          clock.now(),
        );
        writeBarcodes(before.id, barcodes);
        audit(actor, 'catalogue.productEdited', { code: before.code, changes });
      });
      return reload(input.id);
    },

    setActive(input: { id: number; active: boolean }, actor: Session): ProductView {
      repos.inTransaction(() => {
        const p = existing(input.id);
        if (p.active === input.active) return;
        repos.catalogue.setActive(p.id, input.active, clock.now());
        audit(
          actor,
          input.active ? 'catalogue.productReactivated' : 'catalogue.productDeactivated',
          {
            code: p.code,
            name: p.name,
          },
        );
      });
      return reload(input.id);
    },

    setPrice(
      input: { id: number; priceFen: number },
      actor: Session,
    ): { product: ProductView; fromFen: number } {
      const fromFen = repos.inTransaction(() => {
        const p = existing(input.id);
        if (p.priceFen !== input.priceFen) {
          repos.catalogue.setPrice(p.id, input.priceFen, clock.now());
          audit(actor, 'catalogue.priceChanged', {
            code: p.code,
            name: p.name,
            fromFen: p.priceFen,
            toFen: input.priceFen,
          });
        }
        return p.priceFen;
      });
      return { product: reload(input.id), fromFen };
    },

    addCategory(input: { name: string }, actor: Session): CategoryView {
      const id = repos.inTransaction(() => {
        if (repos.catalogue.categoryByName(input.name))
          fail('CATEGORY_EXISTS', { name: input.name });
        const newId = repos.catalogue.addCategory(input.name, clock.now());
        audit(actor, 'catalogue.categoryAdded', { name: input.name });
        return newId;
      });
      return categoryView(id);
    },

    renameCategory(input: { id: number; name: string }, actor: Session): CategoryView {
      repos.inTransaction(() => {
        const c = repos.catalogue.category(input.id);
        if (!c) fail('CATEGORY_NOT_FOUND', { id: input.id });
        if (c.name === input.name) return;
        const other = repos.catalogue.categoryByName(input.name);
        if (other) fail('CATEGORY_EXISTS', { name: input.name });
        repos.catalogue.renameCategory(c.id, input.name);
        audit(actor, 'catalogue.categoryRenamed', { from: c.name, to: input.name });
      });
      return categoryView(input.id);
    },
  };

  function categoryView(id: number): CategoryView {
    const c = repos.catalogue.categories().find((x) => x.id === id);
    if (!c) fail('CATEGORY_NOT_FOUND', { id });
    return c;
  }
}
export type CatalogueAdminService = ReturnType<typeof createCatalogueAdminService>;
