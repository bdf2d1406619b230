/**
 * 单号, the order number printed on the receipt (and as its barcode): the
 * local date and a six-digit sequence of the terminal, e.g. 20261204000123
 * (made by main/domain/order/order-number.ts). In the contract so the
 * card-data detector of both processes never takes one for a card number.
 */
export const ORDER_NUMBER_RE = /^\d{8}\d{6}$/;

export function isOrderNumber(code: string): boolean {
  return ORDER_NUMBER_RE.test(code);
}
