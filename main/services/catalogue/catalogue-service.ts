import type { CategoryView, ProductView, ScanLookup } from '../../../preload/contract';
import type { ProductRecord, Repositories } from '../../db';
import { barcodeForms, checkBarcode } from '../../domain/catalogue/barcodes';
import {
  compileEnabled,
  parseScaleBarcode,
  pluForms,
  type CompiledScaleTemplate,
} from '../../domain/catalogue/scale-barcodes';
import type { SettingsStore } from '../../settings/store';

export const SEARCH_LIMIT_DEFAULT = 20;

export function productView(p: ProductRecord): ProductView {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    spec: p.spec,
    unit: p.unit,
    priceFen: p.priceFen,
    categoryId: p.categoryId,
    categoryName: p.categoryName,
    weighable: p.weighable,
    active: p.active,
    barcodes: p.barcodes,
  };
}

/**
 * The catalogue as the till reads it (PRODUCT.md §12): what a scanned or typed
 * code is, search as you type, a product by id. The order service and the
 * sale screen call exactly this; the manager's changes are in
 * catalogue-admin-service.
 */
export function createCatalogueService(deps: { repos: Repositories; settings: SettingsStore }) {
  const { repos, settings } = deps;

  // Templates compiled once per settings value (the store hands out a new object on save).
  let compiledFor: unknown = null;
  let compiled: CompiledScaleTemplate[] = [];
  function scaleTemplates(): CompiledScaleTemplate[] {
    const templates = settings.get().scaleBarcodes;
    if (templates !== compiledFor) {
      compiled = compileEnabled(templates);
      compiledFor = templates;
    }
    return compiled;
  }

  /** The product a scale label's PLU names, trying the printed and the unpadded form. */
  function byPlu(plu: string): ProductRecord | null {
    for (const form of pluForms(plu)) {
      const p = repos.catalogue.getByCode(form);
      if (p) return p;
    }
    return null;
  }

  return {
    /**
     * Exact barcode (UPC-A also as its EAN-13 form and back), else exact PLU,
     * else the scale templates in order, else unknown: `inactive` when the code
     * names a deactivated product, `check-digit` when it has the shape of an
     * EAN/UPC or scale code but a wrong check digit, `not-found` otherwise.
     */
    lookup(rawCode: string): ScanLookup {
      const code = rawCode.trim().normalize('NFKC');
      let inactive = false;
      for (const form of barcodeForms(code)) {
        const p = repos.catalogue.getByBarcode(form);
        if (p?.active) return { kind: 'product', product: productView(p) };
        if (p) inactive = true;
      }
      if (/^\d{1,13}$/.test(code)) {
        const p = repos.catalogue.getByCode(code);
        if (p?.active) return { kind: 'product', product: productView(p) };
        if (p) inactive = true;
      }
      let badCheck = false;
      if (!inactive) {
        for (const t of scaleTemplates()) {
          const parsed = parseScaleBarcode(code, t);
          if (parsed.kind === 'check-digit') badCheck = true;
          if (parsed.kind !== 'match') continue;
          const p = byPlu(parsed.plu);
          if (p?.active) {
            return {
              kind: 'scale',
              product: productView(p),
              amountFen: parsed.amountFen,
              weightG: parsed.weightG,
            };
          }
          if (p) inactive = true;
        }
      }
      const gs1 = checkBarcode(code);
      if (!gs1.ok && gs1.rule === 'barcodeCheckDigit') badCheck = true;
      return {
        kind: 'unknown',
        code,
        reason: inactive ? 'inactive' : badCheck ? 'check-digit' : 'not-found',
      };
    },

    get(id: number): ProductView | null {
      const p = repos.catalogue.get(id);
      return p ? productView(p) : null;
    },

    /**
     * Name, pinyin initials, code or barcode, best first (see the repository
     * for the order); active products only unless `includeInactive`.
     */
    search(input: { query: string; limit?: number; includeInactive?: boolean }): ProductView[] {
      const ids = repos.catalogue.searchIds(input.query, {
        limit: input.limit ?? SEARCH_LIMIT_DEFAULT,
        includeInactive: input.includeInactive ?? false,
      });
      return repos.catalogue.getMany(ids).map(productView);
    },

    categories(): CategoryView[] {
      return repos.catalogue.categories();
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
