import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { formatReceiptTime, markers, rmb, type ReceiptTerminal } from './receipt';
import type { DiscountRow, SalesFold, SalesRow } from './sales-report';

export type SalesSlipView = 'products' | 'categories' | 'discounts';

/** A sales report (issue 14) as printed at the counter: one view of it, its span and who printed it. */
export interface SalesReportSlip {
  view: SalesSlipView;
  fold: SalesFold;
  from: number;
  to: number;
  /** The shift's operator when the report is of one shift. */
  operatorNo: string | null;
  printedBy: string;
  printedAt: number;
  training: boolean;
}

const TITLES: Record<SalesSlipView, [string, string]> = {
  products: ['商品销售报表', 'SALES BY PRODUCT'],
  categories: ['分类销售报表', 'SALES BY CATEGORY'],
  discounts: ['折扣报表', 'DISCOUNTS BY OPERATOR'],
};

/** Quantity, or weight in kg for weighed goods (grams are whole). */
function amountSold(r: SalesRow): string {
  const parts: string[] = [];
  if (r.quantity > 0 || r.weightG === 0) parts.push(`x ${r.quantity}`);
  if (r.weightG > 0) parts.push(`${(r.weightG / 1000).toFixed(3)} kg`);
  return parts.join(' + ');
}

/** One product or category: its name on a line, then sold and net; discount and returns when there are. */
function rowLines(r: SalesRow, withCode: boolean): PrintLine[] {
  const out: PrintLine[] = [
    { kind: 'text', text: withCode && r.code ? `${r.code} ${r.name}` : r.name },
    { kind: 'pair', left: `  ${amountSold(r)}`, right: rmb(r.netFen) },
  ];
  if (r.discountFen > 0)
    out.push({ kind: 'pair', left: '  折扣 DISCOUNT', right: rmb(-r.discountFen) });
  if (r.returnedQuantity > 0 || r.returnedFen > 0)
    out.push({
      kind: 'pair',
      left: `  退货 RETURNED x ${r.returnedQuantity}`,
      right: rmb(-r.returnedFen),
    });
  return out;
}

function discountLines(d: DiscountRow): PrintLine[] {
  const out: PrintLine[] = [
    { kind: 'pair', left: `操作员 OPERATOR ${d.operatorNo}`, right: rmb(d.totalFen), bold: true },
  ];
  if (d.lineCount > 0)
    out.push({ kind: 'pair', left: `  单品折扣 LINE x ${d.lineCount}`, right: rmb(d.lineFen) });
  if (d.orderCount > 0)
    out.push({ kind: 'pair', left: `  整单折扣 ORDER x ${d.orderCount}`, right: rmb(d.orderFen) });
  if (d.roundingCount > 0)
    out.push({
      kind: 'pair',
      left: `  抹零 ROUNDING x ${d.roundingCount}`,
      right: rmb(d.roundingFen),
    });
  if (d.overrideCount > 0)
    out.push({ kind: 'pair', left: '  改价 PRICE OVERRIDES', right: String(d.overrideCount) });
  for (const a of d.approvers)
    out.push({
      kind: 'pair',
      left: `  主管 SUPERVISOR ${a.supervisorNo} x ${a.count}`,
      right: rmb(a.amountFen),
    });
  return out;
}

/**
 * The sales report slip for the receipt printer, 58 or 80 mm like every
 * slip: the view's rows (every product or category, or each operator's
 * discounts) and the span's totals, which add up to the same fen as the
 * rows (domain/sales-report.ts).
 */
export function buildSalesReportSlip(
  terminal: ReceiptTerminal,
  slip: SalesReportSlip,
): PrintDocument {
  const [zh, en] = TITLES[slip.view];
  const { fold } = slip;
  const lines: PrintLine[] = [
    { kind: 'text', text: zh, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: en, align: 'center' },
    ...markers(slip.training, false),
    { kind: 'rule' },
    { kind: 'text', text: terminal.merchantName, bold: true },
    { kind: 'pair', left: '商户编号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
  ];
  if (slip.operatorNo)
    lines.push({ kind: 'pair', left: '班次操作员 SHIFT OF', right: slip.operatorNo });
  lines.push(
    { kind: 'pair', left: '起 FROM', right: formatReceiptTime(slip.from) },
    { kind: 'pair', left: '止 TO', right: formatReceiptTime(slip.to) },
    { kind: 'pair', left: '单数 ORDERS', right: String(fold.orders) },
    { kind: 'rule' },
  );
  if (slip.view === 'discounts') {
    if (fold.discounts.length === 0) lines.push({ kind: 'text', text: '无折扣 NO DISCOUNTS' });
    for (const d of fold.discounts) lines.push(...discountLines(d));
  } else {
    const rows = slip.view === 'products' ? fold.products : fold.categories;
    if (rows.length === 0) lines.push({ kind: 'text', text: '无销售 NO SALES' });
    for (const r of rows) lines.push(...rowLines(r, slip.view === 'products'));
  }
  const t = fold.totals;
  lines.push(
    { kind: 'rule' },
    { kind: 'pair', left: '原价 GROSS', right: rmb(t.grossFen) },
    { kind: 'pair', left: '折扣 DISCOUNT', right: rmb(-t.discountFen) },
    { kind: 'pair', left: '实收 NET', right: rmb(t.netFen), bold: true },
  );
  if (t.returnedQuantity > 0 || t.returnedFen > 0)
    lines.push({
      kind: 'pair',
      left: `退货 RETURNED x ${t.returnedQuantity}`,
      right: rmb(-t.returnedFen),
    });
  lines.push(
    { kind: 'rule' },
    { kind: 'pair', left: '打印操作员 PRINTED BY', right: slip.printedBy },
    { kind: 'pair', left: '打印时间 PRINTED', right: formatReceiptTime(slip.printedAt) },
    ...markers(slip.training, false),
    { kind: 'feed', lines: 1 },
  );
  return { lines, cut: true };
}
