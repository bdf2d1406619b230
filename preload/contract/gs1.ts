/**
 * The GS1 check digit (EAN-13, EAN-8, UPC-A, GTIN-14, the scale barcodes of
 * Chinese shops). Pure, in the contract so the renderer's and the main side's
 * card-data detector (card-data.ts) tell a product barcode from a card number
 * by the same rule the catalogue checks barcodes with (main/domain/catalogue/
 * barcodes.ts re-exports these).
 */

/**
 * The GS1 check digit of `body` (every digit but the check one): weights 3
 * and 1 alternate from the rightmost digit, the check digit brings the sum to
 * a multiple of 10. The same rule for EAN-13, EAN-8, UPC-A and the scale
 * barcodes (条码秤) of Chinese shops.
 */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError(`not digits: ${body}`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `code` is the GS1 check digit of the rest. */
export function hasValidGs1Check(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  return gs1CheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** `body` with its GS1 check digit appended (for making valid demo and test codes). */
export function withCheckDigit(body: string): string {
  return body + String(gs1CheckDigit(body));
}
