import {
  emptyTotals,
  finishFold,
  UNCATEGORISED,
  type DiscountRow,
  type SalesFold,
  type SalesRow,
} from './sales-report';

/**
 * The fold of a span from the folds of its days, oldest first: the same
 * figures and names foldSales gives over the span's lines at once. A month's
 * report then reads its closed days' folds (kept by the sales-day-folds repo)
 * and only today's lines, instead of every line of the month.
 *
 * Names follow foldSales: a product has the name and code it was last sold
 * under and the unit it was first sold in (a row only returned in the span
 * keeps its first return's); a category is named as it was last sold.
 */
export function mergeFolds(days: readonly SalesFold[]): SalesFold {
  const products = new Map<string, SalesRow>();
  const categories = new Map<string, SalesRow>();
  const discounts = new Map<string, DiscountRow>();
  const totals = emptyTotals();
  let orders = 0;
  for (const day of days) {
    orders += day.orders;
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += day.totals[k];
    for (const r of day.products) mergeRow(products, r, false);
    for (const r of day.categories) mergeRow(categories, r, true);
    for (const d of day.discounts) mergeDiscounts(discounts, d);
  }
  return finishFold(orders, totals, products.values(), categories.values(), discounts.values());
}

const SUMS = [
  'lines',
  'quantity',
  'weightG',
  'grossFen',
  'discountFen',
  'netFen',
  'returnedQuantity',
  'returnedFen',
] as const;

function mergeRow(into: Map<string, SalesRow>, later: SalesRow, category: boolean) {
  const row = into.get(later.key);
  if (!row) {
    into.set(later.key, { ...later });
    return;
  }
  if (later.lines > 0) {
    // Sold in the later day: its names win; a row only returned so far takes its unit too.
    if (!category) {
      if (row.lines === 0) row.unit = later.unit;
      row.name = later.name;
      row.code = later.code;
    } else if (later.name !== UNCATEGORISED) row.name = later.name;
  } else if (category && row.lines === 0 && later.name !== UNCATEGORISED) {
    row.name = later.name; // never sold in the span: the last return names it
  }
  for (const k of SUMS) row[k] += later[k];
}

function mergeDiscounts(into: Map<string, DiscountRow>, later: DiscountRow) {
  const row = into.get(later.operatorNo);
  if (!row) {
    into.set(later.operatorNo, { ...later, approvers: later.approvers.map((a) => ({ ...a })) });
    return;
  }
  row.lineCount += later.lineCount;
  row.lineFen += later.lineFen;
  row.orderCount += later.orderCount;
  row.orderFen += later.orderFen;
  row.roundingCount += later.roundingCount;
  row.roundingFen += later.roundingFen;
  row.overrideCount += later.overrideCount;
  row.approvedCount += later.approvedCount;
  row.approvedFen += later.approvedFen;
  for (const a of later.approvers) {
    const mine = row.approvers.find((x) => x.supervisorNo === a.supervisorNo);
    if (mine) {
      mine.count += a.count;
      mine.amountFen += a.amountFen;
    } else row.approvers.push({ ...a });
  }
}
