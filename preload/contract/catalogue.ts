import { z } from 'zod';
import { channel, command } from './channel';
import { CARD_DATA_REFUSAL, PlainText, noCardData } from './common';
import { MAX_AMOUNT_FEN } from './money';

/**
 * The product catalogue (商品, PRODUCT.md §12): products with their PLU code,
 * barcodes, name, spec/unit, price in fen, category, weighable and active
 * flags. The order service and the sale screen look codes up and search here;
 * the manager's screens (00, import/export also 99) keep the catalogue.
 */

/** PLU (商品编码): 1–13 digits. */
export const ProductCode = z
  .string()
  .refine(noCardData(), CARD_DATA_REFUSAL)
  .regex(/^\d{1,13}$/, { message: 'pluCode' });

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
  .refine(noCardData(), CARD_DATA_REFUSAL)
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
  name: PlainText(1, 30, 'scaleName'),
  pattern: z.string().max(40, { message: 'scaleLength' }),
  enabled: z.boolean(),
});
export type ScaleTemplate = z.infer<typeof ScaleTemplate>;
export const SCALE_TEMPLATES_MAX = 10;

export const SEARCH_LIMIT_MAX = 100;

const Text = (max: number, rule: string) => PlainText(0, max, rule);
const CategoryName = PlainText(1, 20, 'categoryName');
const ProductId = z.number().int().positive();

/**
 * A product as the manager enters it. The main side checks what needs the
 * encoder or the catalogue: name ≤ 40 bytes GB18030, check digits, a barcode
 * already on another product, weighable = kg.
 */
export const ProductInput = z
  .object({
    code: ProductCode,
    name: PlainText(1, 40, 'productName'),
    spec: Text(20, 'productSpec').default(''),
    unit: Text(8, 'productUnit').default(''),
    priceFen: z
      .number({ message: 'productPrice' })
      .int({ message: 'productPrice' })
      .min(1, { message: 'productPrice' })
      .max(MAX_AMOUNT_FEN, { message: 'productPrice' }),
    categoryId: z.number().int().positive().nullable().default(null),
    weighable: z.boolean().default(false),
    barcodes: z
      .array(
        z
          .string()
          .trim()
          .refine(noCardData(), CARD_DATA_REFUSAL)
          .max(32, { message: 'barcodeFormat' }),
      )
      .max(10, { message: 'barcodesTooMany' })
      .default([]),
  })
  .strict();
export type ProductInput = z.input<typeof ProductInput>;

export const CatalogueFormat = z.enum(['csv', 'xlsx']);
export type CatalogueFormat = z.infer<typeof CatalogueFormat>;
/** A product file of at most this size crosses the contract (100k products as CSV ≈ 9 MB). */
export const CATALOGUE_FILE_MAX_BYTES = 16 * 1024 * 1024;

/** Base64 characters of one upload chunk: the web shell's frames are at most 1 MiB. */
export const UPLOAD_CHUNK_CHARS = 512 * 1024;
const UploadId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { message: 'uploadId' });

/**
 * A product file picked by the manager (a CSV may be UTF-8 or GBK, as Excel
 * saves it in China), with its name for the audit log: either its bytes as
 * base64 (`data`, small files) or the id of an upload sent before in chunks
 * (`uploadId`, see uploadChunk) — one of the two.
 */
export const CatalogueFile = z
  .object({
    format: CatalogueFormat,
    fileName: z.string().max(200).default(''),
    data: z.string().max(UPLOAD_CHUNK_CHARS, { message: 'catalogueFileSize' }).optional(),
    uploadId: UploadId.optional(),
  })
  .strict()
  .refine((f) => (f.data === undefined) !== (f.uploadId === undefined), {
    message: 'catalogueFile',
    path: ['data'],
  });

export const ImportIssue = z.object({
  /** The row in the file as a spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  /** The column as the file names it (e.g. 条码), or the field. */
  field: z.string(),
  rule: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportSummary = z.object({
  rows: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  deactivated: z.number().int(),
  reactivated: z.number().int(),
  unchanged: z.number().int(),
  /** Categories the file names that don't exist yet: created by the import. */
  newCategories: z.array(z.string()),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** What an import would do, and every bad row with its field (at most ISSUES_SHOWN). */
export const ImportPreview = ImportSummary.extend({
  issues: z.array(ImportIssue),
  badRows: z.number().int(),
  /** The first rows as they will be imported, to check the columns were read right. */
  sample: z.array(
    z.object({
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      priceFen: z.number().int(),
    }),
  ),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

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

  // The manager's (00) changes, each audited.
  add: command(ProductInput, ProductView),
  /** Everything but the price (a price change is its own audited step). */
  edit: command(
    ProductInput.omit({ priceFen: true }).extend({ id: ProductId }).strict(),
    ProductView,
  ),
  setActive: command(z.object({ id: ProductId, active: z.boolean() }).strict(), ProductView),
  /** Audited old → new. */
  setPrice: command(
    z.object({ id: ProductId, priceFen: ProductInput.shape.priceFen }).strict(),
    z.object({ product: ProductView, fromFen: z.number().int() }),
  ),
  addCategory: command(z.object({ name: CategoryName }).strict(), CategoryView),
  renameCategory: command(z.object({ id: ProductId, name: CategoryName }).strict(), CategoryView),

  /**
   * One piece of a product file, in order from index 0 (which starts the
   * upload anew); the pieces are kept in memory for the preview and the
   * import that name this upload, at most CATALOGUE_FILE_MAX_BYTES in all.
   */
  uploadChunk: channel(
    z
      .object({
        uploadId: UploadId,
        index: z.number().int().min(0).max(64),
        data: z.string().max(UPLOAD_CHUNK_CHARS, { message: 'catalogueFileSize' }),
      })
      .strict(),
    z.object({ bytes: z.number().int() }),
  ),
  /** Reads a CSV/XLSX product file and says what an import would do; changes nothing. */
  previewImport: channel(CatalogueFile, ImportPreview),
  /** Imports a file with no bad rows in one transaction (all or nothing), audited. */
  applyImport: command(CatalogueFile, ImportSummary),
  /** The whole catalogue in the import's columns (CSV: UTF-8 with BOM; XLSX: base64). */
  export: channel(
    z.object({ format: CatalogueFormat }).strict(),
    z.object({
      fileName: z.string(),
      format: CatalogueFormat,
      data: z.string(),
      products: z.number().int(),
    }),
  ),

  /** Scale-barcode templates (条码秤), in the order they are tried. */
  getScaleTemplates: channel(
    z.object({}).strict(),
    z.object({ templates: z.array(ScaleTemplate), builtIn: z.array(ScaleTemplate) }),
  ),
  saveScaleTemplates: command(
    z.object({ templates: z.array(ScaleTemplate).max(SCALE_TEMPLATES_MAX) }).strict(),
    z.object({ templates: z.array(ScaleTemplate) }),
  ),
  /** Training mode: the demo catalogue (~200 products) added again; nothing else touched. */
  loadDemo: command(
    z.object({}).strict(),
    z.object({ added: z.number().int(), restored: z.number().int() }),
  ),
};
