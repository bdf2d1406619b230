/**
 * What the checkout needs of the catalogue (main/services/catalogue): find a
 * scanned or typed code, and a product by id. Lookup order: exact barcode,
 * else exact PLU, then the scale-label templates (条码秤), else unknown.
 */
export interface CatalogueProduct {
  id: number;
  code: string;
  name: string;
  spec: string;
  unit: string;
  /** Per item; per kg for a weighable product. */
  priceFen: number;
  categoryId: number | null;
  categoryName: string | null;
  weighable: boolean;
  active: boolean;
}

export type CatalogueLookup =
  | { kind: 'product'; product: CatalogueProduct }
  | { kind: 'scale'; product: CatalogueProduct; amountFen: number | null; weightG: number | null }
  | { kind: 'unknown'; code: string; reason: 'not-found' | 'check-digit' | 'inactive' };

export interface Catalogue {
  lookup(code: string): CatalogueLookup;
  get(id: number): CatalogueProduct | null;
}
