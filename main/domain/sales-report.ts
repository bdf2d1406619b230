/** One line of a paid order, with what the report needs of its order. */
export interface SoldLine {
  orderId: number;
  operatorNo: string;
  /** The order's own discount and rounding-off (抹零), counted once per order. */
  orderDiscountFen: number;
  orderDiscountApprovedBy: string | null;
  roundingFen: number;
  kind: 'product' | 'open';
  productId: number | null;
  code: string | null;
  name: string;
  unit: string;
  categoryId: number | null;
  categoryName: string | null;
  quantity: number;
  weightG: number | null;
  grossFen: number;
  lineDiscountFen: number;
  /** The line's share of the order discount and rounding-off. */
  lineOrderDiscountFen: number;
  netFen: number;
  lineDiscountApprovedBy: string | null;
  priceOverrideBy: string | null;
}

/** What one finished return gave back of one line (a return without the original has no line). */
export interface ReturnedLine {
  kind: 'product' | 'open';
  productId: number | null;
  code: string | null;
  name: string;
  unit: string;
  categoryId: number | null;
  categoryName: string | null;
  quantity: number;
  amountFen: number;
}

/** One row of sales by product or by category. */
export interface SalesRow {
  /** `p<id>` a catalogue product, `o:<name>` open-price lines of that name, `c<id>` / `c-` a category. */
  key: string;
  code: string | null;
  name: string;
  unit: string;
  /** Lines sold (a line scanned three times is one line of quantity 3). */
  lines: number;
  /** Items counted; weighed lines count under weightG instead. */
  quantity: number;
  weightG: number;
  grossFen: number;
  /** Line discounts plus the line's share of the order discount and rounding-off. */
  discountFen: number;
  netFen: number;
  /** Items returned in the span (returns by line, issue 15) and the money refunded for them. */
  returnedQuantity: number;
  returnedFen: number;
}

export interface ApproverRow {
  supervisorNo: string;
  count: number;
  amountFen: number;
}

/** Discounts one operator gave (on the orders they rang up). */
export interface DiscountRow {
  operatorNo: string;
  lineCount: number;
  lineFen: number;
  orderCount: number;
  orderFen: number;
  roundingCount: number;
  roundingFen: number;
  /** Price overrides (改价): always with a supervisor. */
  overrideCount: number;
  /** Line and order discounts a supervisor approved (beyond the cashier's limit). */
  approvedCount: number;
  approvedFen: number;
  totalFen: number;
  approvers: ApproverRow[];
}

export interface SalesFold {
  orders: number;
  totals: {
    quantity: number;
    weightG: number;
    grossFen: number;
    discountFen: number;
    netFen: number;
    returnedQuantity: number;
    returnedFen: number;
  };
  products: SalesRow[];
  categories: SalesRow[];
  top: SalesRow[];
  discounts: DiscountRow[];
}

export const TOP_PRODUCTS = 10;
/**
 * The shape and rules of a fold: closed days' folds are kept with it
 * (migration 017) and one made by other rules is folded again. Raise it
 * when foldSales changes what it counts or how it names rows.
 */
export const SALES_FOLD_VERSION = 1;
/** What an open-price line or a line without a category is filed under. */
export const UNCATEGORISED = '未分类 Uncategorised';

/** A span's totals before anything is added. */
export function emptyTotals(): SalesFold['totals'] {
  return {
    quantity: 0,
    weightG: 0,
    grossFen: 0,
    discountFen: 0,
    netFen: 0,
    returnedQuantity: 0,
    returnedFen: 0,
  };
}

function emptyRow(key: string, code: string | null, name: string, unit: string): SalesRow {
  return {
    key,
    code,
    name,
    unit,
    lines: 0,
    quantity: 0,
    weightG: 0,
    grossFen: 0,
    discountFen: 0,
    netFen: 0,
    returnedQuantity: 0,
    returnedFen: 0,
  };
}

function add(row: SalesRow, l: SoldLine) {
  row.lines += 1;
  if (l.weightG !== null) row.weightG += l.weightG;
  else row.quantity += l.quantity;
  row.grossFen += l.grossFen;
  row.discountFen += l.lineDiscountFen + l.lineOrderDiscountFen;
  row.netFen += l.netFen;
}

function discountRow(operatorNo: string): DiscountRow {
  return {
    operatorNo,
    lineCount: 0,
    lineFen: 0,
    orderCount: 0,
    orderFen: 0,
    roundingCount: 0,
    roundingFen: 0,
    overrideCount: 0,
    approvedCount: 0,
    approvedFen: 0,
    totalFen: 0,
    approvers: [],
  };
}

function approve(row: DiscountRow, supervisorNo: string, fen: number) {
  row.approvedCount += 1;
  row.approvedFen += fen;
  let a = row.approvers.find((x) => x.supervisorNo === supervisorNo);
  if (!a) row.approvers.push((a = { supervisorNo, count: 0, amountFen: 0 }));
  a.count += 1;
  a.amountFen += fen;
}

// A total order (the key breaks ties), so a month merged from its days lists rows as one fold would.
const byCode = (a: SalesRow, b: SalesRow) =>
  (a.code ?? '\uffff').localeCompare(b.code ?? '\uffff') ||
  a.name.localeCompare(b.name) ||
  (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const byNet = (a: SalesRow, b: SalesRow) => b.netFen - a.netFen || byCode(a, b);

/**
 * Sales by product and by category, top products and discounts by operator,
 * folded from the lines of paid orders (in time order, so a product's name
 * is the one it was last sold under). Every figure is the lines' own money
 * (domain/order/pricing.ts allocated the order discount to lines), so the
 * products, the categories and the totals add up to the same fen.
 */
export function foldSales(
  lines: Iterable<SoldLine>,
  returned: Iterable<ReturnedLine> = [],
): SalesFold {
  const products = new Map<string, SalesRow>();
  const categories = new Map<string, SalesRow>();
  const discounts = new Map<string, DiscountRow>();
  const orders = new Set<number>();
  const totals = emptyTotals();
  /**
   * The product's and the category's rows of a line, made when first seen.
   * A category is named as it was last sold; returns name it only when
   * nothing of it sold in the span (so day folds merge to the same names:
   * sales-report-merge.ts).
   */
  const rowsOf = (l: ReturnedLine | SoldLine, sold: boolean) => {
    const pKey = l.kind === 'product' && l.productId !== null ? `p${l.productId}` : `o:${l.name}`;
    let p = products.get(pKey);
    if (!p) products.set(pKey, (p = emptyRow(pKey, l.code, l.name, l.unit)));
    const cKey = l.categoryId !== null ? `c${l.categoryId}` : 'c-';
    let c = categories.get(cKey);
    if (!c) categories.set(cKey, (c = emptyRow(cKey, null, UNCATEGORISED, '')));
    if (l.categoryId !== null && l.categoryName && (sold || c.lines === 0)) c.name = l.categoryName;
    return [p, c] as const;
  };
  for (const l of lines) {
    const [p, c] = rowsOf(l, true);
    p.name = l.name;
    p.code = l.code;
    add(p, l);
    add(c, l);
    if (l.weightG !== null) totals.weightG += l.weightG;
    else totals.quantity += l.quantity;
    totals.grossFen += l.grossFen;
    totals.discountFen += l.lineDiscountFen + l.lineOrderDiscountFen;
    totals.netFen += l.netFen;

    let d = discounts.get(l.operatorNo);
    if (!d) discounts.set(l.operatorNo, (d = discountRow(l.operatorNo)));
    if (l.lineDiscountFen > 0) {
      d.lineCount += 1;
      d.lineFen += l.lineDiscountFen;
      if (l.lineDiscountApprovedBy) approve(d, l.lineDiscountApprovedBy, l.lineDiscountFen);
    }
    if (l.priceOverrideBy) d.overrideCount += 1;
    if (!orders.has(l.orderId)) {
      orders.add(l.orderId);
      if (l.orderDiscountFen > 0) {
        d.orderCount += 1;
        d.orderFen += l.orderDiscountFen;
        if (l.orderDiscountApprovedBy) approve(d, l.orderDiscountApprovedBy, l.orderDiscountFen);
      }
      if (l.roundingFen > 0) {
        d.roundingCount += 1;
        d.roundingFen += l.roundingFen;
      }
    }
  }
  // Returns are counted when they finish, under the product and category the line was sold as.
  for (const r of returned) {
    for (const row of rowsOf(r, false)) {
      row.returnedQuantity += r.quantity;
      row.returnedFen += r.amountFen;
    }
    totals.returnedQuantity += r.quantity;
    totals.returnedFen += r.amountFen;
  }
  return finishFold(
    orders.size,
    totals,
    products.values(),
    categories.values(),
    discounts.values(),
  );
}

/** Sorted rows, top products and the discount rows that gave something: the fold as shown. */
export function finishFold(
  orders: number,
  totals: SalesFold['totals'],
  products: Iterable<SalesRow>,
  categories: Iterable<SalesRow>,
  discounts: Iterable<DiscountRow>,
): SalesFold {
  const productRows = [...products].sort(byCode);
  const discountRows = [...discounts]
    .map((d) => ({
      ...d,
      totalFen: d.lineFen + d.orderFen + d.roundingFen,
      approvers: d.approvers.sort((a, b) => a.supervisorNo.localeCompare(b.supervisorNo)),
    }))
    .filter((d) => d.totalFen > 0 || d.overrideCount > 0)
    .sort((a, b) => a.operatorNo.localeCompare(b.operatorNo));
  return {
    orders,
    totals,
    products: productRows,
    categories: [...categories].sort(byNet),
    top: [...productRows].sort(byNet).slice(0, TOP_PRODUCTS),
    discounts: discountRows,
  };
}
