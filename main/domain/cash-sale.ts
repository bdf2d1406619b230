import { MAX_AMOUNT_FEN, type FieldIssue, type SaleItemInput } from '../../preload/contract';

export interface PricedCashSale {
  amountFen: number;
  tenderedFen: number;
  changeFen: number;
  items: Array<SaleItemInput & { amountFen: number }>;
}

export type CashSaleOutcome =
  | { ok: true; sale: PricedCashSale }
  | { ok: false; issues: FieldIssue[] }
  | { ok: false; tenderTooLow: { amountFen: number; tenderedFen: number } };

/**
 * Prices a cash sale in integer fen: with item lines the amount is the sum of
 * quantity × unit price (and a keypad amount, if also sent, must agree);
 * otherwise the keypad amount. Change = tendered − amount.
 */
export function priceCashSale(input: {
  amountFen?: number | undefined;
  items: SaleItemInput[];
  tenderedFen: number;
}): CashSaleOutcome {
  const items = input.items.map((i) => ({ ...i, amountFen: i.quantity * i.unitPriceFen }));
  let amountFen: number;
  if (items.length > 0) {
    amountFen = items.reduce((sum, i) => sum + i.amountFen, 0);
    if (amountFen > MAX_AMOUNT_FEN) {
      return { ok: false, issues: [{ field: 'items', rule: 'amountRange' }] };
    }
    if (input.amountFen !== undefined && input.amountFen !== amountFen) {
      return {
        ok: false,
        issues: [
          { field: 'amountFen', rule: 'amountNotItemsTotal', params: { itemsFen: amountFen } },
        ],
      };
    }
  } else if (input.amountFen !== undefined) {
    amountFen = input.amountFen;
  } else {
    return { ok: false, issues: [{ field: 'amountFen', rule: 'amountRange' }] };
  }
  if (input.tenderedFen < amountFen) {
    return { ok: false, tenderTooLow: { amountFen, tenderedFen: input.tenderedFen } };
  }
  return {
    ok: true,
    sale: {
      amountFen,
      tenderedFen: input.tenderedFen,
      changeFen: input.tenderedFen - amountFen,
      items,
    },
  };
}
