import iconv from 'iconv-lite';
import {
  MAX_AMOUNT_FEN,
  hasCardData,
  isPlainText,
  type FieldIssue,
} from '../../../preload/contract';
import { checkBarcode, type Symbology } from './barcodes';

/**
 * The rules of one catalogue product (PRODUCT.md §12), shared by the manager's
 * screens and the import: each broken rule is a field issue whose `rule` is an
 * i18n key under `rules.`, so the screen and the import preview name it.
 */

/** PLU (商品编码): what the cashier keys and the scale prints, 1–13 digits. */
export const PLU_PATTERN = /^\d{1,13}$/;
/** The receipt printer's line: 40 bytes of GB18030 (a Chinese character takes 2). */
export const PRODUCT_NAME_MAX_BYTES = 40;
export const SPEC_MAX_CHARS = 20;
export const UNIT_MAX_CHARS = 8;
/** Barcodes one product may carry (a multipack, an older label, the shop's own code…). */
export const MAX_BARCODES = 10;
/** A weighable product is priced per kilogram; its weights are whole grams. */
export const WEIGHABLE_UNIT = 'kg';

export interface ProductDraft {
  code: string;
  name: string;
  spec: string;
  unit: string;
  priceFen: number;
  weighable: boolean;
  barcodes: string[];
}

export interface CheckedBarcode {
  barcode: string;
  symbology: Symbology;
}

export function gb18030Bytes(text: string): number {
  return iconv.encode(text, 'gb18030').length;
}

/** Name rules: not empty, printable, every character GB18030 can print, ≤ 40 bytes. */
export function checkProductName(name: string, field = 'name'): FieldIssue[] {
  if (name.trim() === '') return [{ field, rule: 'productName' }];
  // A card number typed (or a card swiped) into the name: refused without
  // echoing it, like the screens' fields (contract PlainText, card-data.ts).
  if (hasCardData(name)) return [{ field, rule: 'cardData' }];
  // The same typed-text rule as the screens' (contract PlainText): an imported
  // file is typed text too, and its names reach receipts and the audit screen.
  if (!isPlainText(name)) return [{ field, rule: 'textChars' }];
  const encoded = iconv.encode(name, 'gb18030');
  if (iconv.decode(encoded, 'gb18030') !== name) return [{ field, rule: 'productNameChars' }];
  const bytes = encoded.length;
  return bytes > PRODUCT_NAME_MAX_BYTES
    ? [{ field, rule: 'productNameBytes', params: { max: PRODUCT_NAME_MAX_BYTES, bytes } }]
    : [];
}

export function checkPlu(code: string, field = 'code'): FieldIssue[] {
  if (hasCardData(code)) return [{ field, rule: 'cardData' }];
  return PLU_PATTERN.test(code) ? [] : [{ field, rule: 'pluCode' }];
}

export function checkPrice(priceFen: number, field = 'priceFen'): FieldIssue[] {
  return Number.isSafeInteger(priceFen) && priceFen >= 1 && priceFen <= MAX_AMOUNT_FEN
    ? []
    : [{ field, rule: 'productPrice', params: { max: MAX_AMOUNT_FEN } }];
}

/**
 * Every barcode checked (symbology, check digit), none twice in the list,
 * at most MAX_BARCODES. Returns the checked ones and the issues, each naming
 * the barcode.
 */
export function checkBarcodes(
  barcodes: readonly string[],
  field = 'barcodes',
): { barcodes: CheckedBarcode[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const out: CheckedBarcode[] = [];
  const seen = new Set<string>();
  if (barcodes.length > MAX_BARCODES) {
    issues.push({ field, rule: 'barcodesTooMany', params: { max: MAX_BARCODES } });
  }
  for (const raw of barcodes) {
    // A card number is no barcode, and its refusal does not name it.
    if (hasCardData(raw)) {
      issues.push({ field, rule: 'cardData' });
      continue;
    }
    const c = checkBarcode(raw);
    if (!c.ok) {
      issues.push({ field, rule: c.rule, params: { barcode: c.barcode } });
    } else if (seen.has(c.barcode)) {
      issues.push({ field, rule: 'barcodeRepeated', params: { barcode: c.barcode } });
    } else {
      seen.add(c.barcode);
      out.push({ barcode: c.barcode, symbology: c.symbology });
    }
  }
  return { barcodes: out, issues };
}

/**
 * All the rules of a product at once. A weighable product is sold by the
 * kilogram: its unit must be kg (its price is per kg, weights whole grams).
 */
export function checkProduct(p: ProductDraft): {
  barcodes: CheckedBarcode[];
  issues: FieldIssue[];
} {
  const issues: FieldIssue[] = [
    ...checkPlu(p.code),
    ...checkProductName(p.name),
    ...checkPrice(p.priceFen),
  ];
  if (hasCardData(p.spec)) {
    issues.push({ field: 'spec', rule: 'cardData' });
  } else if (p.spec.length > SPEC_MAX_CHARS) {
    issues.push({ field: 'spec', rule: 'productSpec', params: { max: SPEC_MAX_CHARS } });
  } else if (!isPlainText(p.spec)) issues.push({ field: 'spec', rule: 'textChars' });
  if (hasCardData(p.unit)) {
    issues.push({ field: 'unit', rule: 'cardData' });
  } else if (!isPlainText(p.unit)) {
    issues.push({ field: 'unit', rule: 'textChars' });
  } else if (p.unit.length > UNIT_MAX_CHARS) {
    issues.push({ field: 'unit', rule: 'productUnit', params: { max: UNIT_MAX_CHARS } });
  } else if (p.weighable && p.unit.toLowerCase() !== WEIGHABLE_UNIT) {
    issues.push({ field: 'unit', rule: 'weighableUnit' });
  }
  const checked = checkBarcodes(p.barcodes);
  return { barcodes: checked.barcodes, issues: [...issues, ...checked.issues] };
}

/**
 * What a weighed item costs: the price per kg times the weight in grams,
 * rounded half up to the fen, in integers only.
 */
export function amountForWeight(pricePerKgFen: number, weightG: number): number {
  if (!Number.isSafeInteger(pricePerKgFen) || !Number.isSafeInteger(weightG) || weightG < 0) {
    throw new RangeError('price and weight must be whole fen and grams');
  }
  return Math.floor((pricePerKgFen * weightG + 500) / 1000);
}
