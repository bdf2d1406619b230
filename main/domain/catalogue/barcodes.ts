/**
 * Product barcodes (PRODUCT.md §12): the GS1 symbologies a shop's goods carry
 * — EAN-13 (China's 690–699 prefixes), EAN-8, UPC-A — each with its mod-10
 * check digit, and the shop's own internal codes, which have none.
 */

// The check-digit rule lives in the contract, shared with the card-data
// detector of both processes; re-exported here for the catalogue's callers.
import { hasValidGs1Check } from '../../../preload/contract/gs1';
export { gs1CheckDigit, hasValidGs1Check, withCheckDigit } from '../../../preload/contract/gs1';

export type Symbology = 'ean13' | 'ean8' | 'upca' | 'internal';
export const SYMBOLOGIES: readonly Symbology[] = ['ean13', 'ean8', 'upca', 'internal'];

/** Internal codes: letters and digits, at most this long (what a scanner or keyboard sends). */
export const INTERNAL_CODE_MAX = 20;

export type BarcodeCheck =
  | { ok: true; barcode: string; symbology: Symbology }
  | { ok: false; barcode: string; rule: 'barcodeCheckDigit' | 'barcodeFormat' };

/**
 * What kind of code `raw` is, and whether it is valid: 13, 12 and 8 digits
 * are EAN-13, UPC-A and EAN-8 and must carry the right check digit (a
 * mistyped or misprinted code is refused, not taken as an internal one);
 * anything else of 1–20 letters and digits is an internal code.
 */
export function checkBarcode(raw: string): BarcodeCheck {
  const barcode = raw.trim();
  if (/^\d+$/.test(barcode)) {
    const symbology: Symbology | null =
      barcode.length === 13
        ? 'ean13'
        : barcode.length === 12
          ? 'upca'
          : barcode.length === 8
            ? 'ean8'
            : null;
    if (symbology) {
      return hasValidGs1Check(barcode)
        ? { ok: true, barcode, symbology }
        : { ok: false, barcode, rule: 'barcodeCheckDigit' };
    }
  }
  if (new RegExp(`^[0-9A-Za-z]{1,${INTERNAL_CODE_MAX}}$`).test(barcode)) {
    return { ok: true, barcode, symbology: 'internal' };
  }
  return { ok: false, barcode, rule: 'barcodeFormat' };
}

/**
 * The forms one scanned code may be stored under: a UPC-A code is the EAN-13
 * code with a leading 0, and scanners are set to send either, so each is
 * looked up as the other too.
 */
export function barcodeForms(code: string): string[] {
  if (/^\d{12}$/.test(code)) return [code, `0${code}`];
  if (/^0\d{12}$/.test(code)) return [code, code.slice(1)];
  return [code];
}

/** Splits a cell of several barcodes ("6901…;6902…" or with `|`, `,`, spaces). */
export function splitBarcodes(cell: string): string[] {
  return cell
    .split(/[;|,，；\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
