import { z } from 'zod';
import { channel } from './channel';

/**
 * The product catalogue (商品, PRODUCT.md §12): products with their PLU code,
 * barcodes, name, spec/unit, price in fen, category, weighable and active
 * flags. The order service and the sale screen look codes up and search here;
 * the manager's screens (00, import/export also 99) keep the catalogue.
 */

/** PLU (商品编码): 1–13 digits. */
export const ProductCode = z.string().regex(/^\d{1,13}$/, { message: 'pluCode' });

/** A product as every screen sees it. For a weighable one, priceFen is per kg. */
export const ProductView = z.object({
  id: z.number().int().positive(),
  code: z.string(),
  name: z.string(),
  spec: z.string(),
  unit: z.string(),
  priceFen: z.number().int(),
  categoryId: z.number().int().nullable(),
  categoryName: z.string().nullable(),
  weighable: z.boolean(),
  active: z.boolean(),
  /** The main barcode first. */
  barcodes: z.array(z.string()),
});
export type ProductView = z.infer<typeof ProductView>;

/**
 * What a scanned or typed code is: a catalogue product (exact barcode, else
 * exact PLU), a scale label (条码秤: the product with the amount and/or the
 * weight it carries), or unknown (未知商品) — never an amount.
 */
export const ScanLookup = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('product'), product: ProductView }),
  z.object({
    kind: z.literal('scale'),
    product: ProductView,
    amountFen: z.number().int().positive().nullable(),
    weightG: z.number().int().positive().nullable(),
  }),
  z.object({
    kind: z.literal('unknown'),
    code: z.string(),
    reason: z.enum(['not-found', 'check-digit', 'inactive']),
  }),
]);
export type ScanLookup = z.infer<typeof ScanLookup>;

/** A code as the scanner or the keyboard sends it. */
export const ScannedCode = z
  .string()
  .trim()
  .min(1, { message: 'scannedCode' })
  .max(64, { message: 'scannedCode' });

export const CategoryView = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  /** Products in it, active or not. */
  products: z.number().int().nonnegative(),
});
export type CategoryView = z.infer<typeof CategoryView>;

/**
 * A scale-barcode template (条码秤): one symbol per digit — 0–9 fixed, F flag,
 * X ignored, P PLU, A amount in fen, W weight in grams, C check digit — e.g.
 * `2F PPPPP AAAAA C`. The main side checks the pattern and names the bad part.
 */
export const ScaleTemplate = z.object({
  name: z.string().trim().min(1, { message: 'scaleName' }).max(30, { message: 'scaleName' }),
  pattern: z.string().max(40, { message: 'scaleLength' }),
  enabled: z.boolean(),
});
export type ScaleTemplate = z.infer<typeof ScaleTemplate>;
export const SCALE_TEMPLATES_MAX = 10;

export const SEARCH_LIMIT_MAX = 100;

export const catalogue = {
  /**
   * Search as you type by name, pinyin initials (「kkkl」 → 可口可乐), code or
   * barcode, best matches first. Cashiers see active products only.
   */
  search: channel(
    z
      .object({
        query: z.string().max(64, { message: 'searchQuery' }),
        limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
        includeInactive: z.boolean().default(false),
      })
      .strict(),
    z.object({ products: z.array(ProductView) }),
  ),
  /** Exact barcode / PLU → scale barcode templates → unknown. */
  lookup: channel(z.object({ code: ScannedCode }).strict(), ScanLookup),
  get: channel(
    z.object({ id: z.number().int().positive() }).strict(),
    z.object({ product: ProductView.nullable() }),
  ),
  categories: channel(z.object({}).strict(), z.object({ categories: z.array(CategoryView) })),
};
