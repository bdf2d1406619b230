import { z } from 'zod';
import { channel, command } from './channel';
import { OperatorNo, Timestamp } from './common';
import { PrintJob } from './print';
import { DrawerFigures } from './cash';
import { BatchTotals } from './settlement';
import { ShiftSummary } from './shift';

const Int = z.number().int();
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'localDate' });
const LocalMonth = z.string().regex(/^\d{4}-\d{2}$/, { message: 'localMonth' });
const BatchNo = z.string().regex(/^\d{6}$/, { message: 'batchNo' });

/** What one operator took in the report's span (money that moved, as settlement counts it). */
export const OperatorLine = z.object({
  operatorNo: z.string(),
  debitCount: Int,
  debitFen: Int,
  creditCount: Int,
  creditFen: Int,
  netFen: Int,
});

export const TopItem = z.object({ name: z.string(), quantity: Int, amountFen: Int });

/**
 * One report as shown on screen and printed: 交班 (shift, per operator),
 * X (the day so far, any time) or Z (a settled batch's settlement report).
 * Totals per tender with fees at the configured rates and the net.
 */
export const ReportView = z.object({
  kind: z.enum(['shift', 'day', 'settlement']),
  from: Timestamp,
  to: Timestamp,
  operatorNo: z.string().nullable(),
  batchNo: z.string().nullable(),
  verdict: z.enum(['balanced', 'unbalanced']).nullable(),
  totals: BatchTotals,
  /** The 交班 breakdown (sales, voids, refunds per tender) of a shift report. */
  shift: ShiftSummary.nullable(),
  byOperator: z.array(OperatorLine),
  topItems: z.array(TopItem),
  /** 钱箱: float, cash in and out, expected, counted and over/short (shift, X and Z). */
  drawer: DrawerFigures.nullable(),
});
export type ReportView = z.infer<typeof ReportView>;

const ShiftReportInput = z.object({ operatorNo: OperatorNo.optional() }).strict();
const DayReportInput = z.object({ date: LocalDate.optional() }).strict();
const SettlementReportInput = z.object({ batchNo: BatchNo.optional() }).strict();

export const ChartRequest = z.discriminatedUnion('kind', [
  /** Sales by hour of one local day. */
  z.object({ kind: z.literal('byHour'), date: LocalDate }).strict(),
  /** Sales by day of one month. */
  z.object({ kind: z.literal('byDay'), month: LocalMonth }).strict(),
  /** Tender mix over local days (inclusive). */
  z.object({ kind: z.literal('tender'), from: LocalDate, to: LocalDate }).strict(),
  /** By operator over local days (inclusive). */
  z.object({ kind: z.literal('operator'), from: LocalDate, to: LocalDate }).strict(),
]);
export type ChartRequest = z.infer<typeof ChartRequest>;

export const ChartBucket = z.object({
  /** '00'–'23' (byHour), 'YYYY-MM-DD' (byDay), the tender, or the operator number. */
  key: z.string(),
  count: Int,
  salesFen: Int,
  creditsFen: Int,
  netFen: Int,
});
export const ChartData = z.object({
  kind: z.enum(['byHour', 'byDay', 'tender', 'operator']),
  buckets: z.array(ChartBucket),
});
export type ChartData = z.infer<typeof ChartData>;

/** Which sales a sales report covers: a local day, an operator's last shift, or local days (inclusive). */
export const SalesRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('day'), date: LocalDate.optional() }).strict(),
  z.object({ kind: z.literal('shift'), operatorNo: OperatorNo.optional() }).strict(),
  z.object({ kind: z.literal('range'), from: LocalDate, to: LocalDate }).strict(),
]);
export type SalesRequest = z.infer<typeof SalesRequest>;

/** Sales of one product (key p<id>, or o:<name> for open-price lines) or one category (c<id>, c- none). */
export const SalesRow = z.object({
  key: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  lines: Int,
  /** Items counted; weighed lines are in weightG (grams). */
  quantity: Int,
  weightG: Int,
  grossFen: Int,
  /** Line discounts plus the share of order discounts and rounding-off. */
  discountFen: Int,
  netFen: Int,
  /** Items given back by returns (按商品退货) finished in the span, and the money refunded for them. */
  returnedQuantity: Int,
  returnedFen: Int,
});
export type SalesRow = z.infer<typeof SalesRow>;

/** Discounts an operator gave on the orders they rang up, and who approved those beyond the limit. */
export const DiscountRow = z.object({
  operatorNo: z.string(),
  lineCount: Int,
  lineFen: Int,
  orderCount: Int,
  orderFen: Int,
  roundingCount: Int,
  roundingFen: Int,
  overrideCount: Int,
  approvedCount: Int,
  approvedFen: Int,
  totalFen: Int,
  approvers: z.array(z.object({ supervisorNo: z.string(), count: Int, amountFen: Int })),
});
export type DiscountRow = z.infer<typeof DiscountRow>;

/** Sales by product and category, top products, discounts by operator: paid orders only. */
export const SalesReport = z.object({
  kind: z.enum(['day', 'shift', 'range']),
  from: Timestamp,
  to: Timestamp,
  operatorNo: z.string().nullable(),
  orders: Int,
  totals: z.object({
    quantity: Int,
    weightG: Int,
    grossFen: Int,
    discountFen: Int,
    netFen: Int,
    returnedQuantity: Int,
    returnedFen: Int,
  }),
  products: z.array(SalesRow),
  categories: z.array(SalesRow),
  top: z.array(SalesRow),
  discounts: z.array(DiscountRow),
});
export type SalesReport = z.infer<typeof SalesReport>;

export const SalesCsvRequest = z
  .object({ report: SalesRequest, view: z.enum(['products', 'categories', 'discounts']) })
  .strict();
export type SalesCsvRequest = z.infer<typeof SalesCsvRequest>;

/** 报表 for store managers (PRODUCT.md §9); a cashier may see and print only their own shift. */
export const reports = {
  /** 交班 report of an operator's current shift (or the last one); default: the caller's. */
  shift: channel(ShiftReportInput, ReportView),
  /** X report: the local day so far (default today), any time, nothing closed. */
  day: channel(DayReportInput, ReportView),
  /** Z report: a settled batch's settlement report (default the last one). */
  settlement: channel(SettlementReportInput, ReportView),
  /** Prints one of them on the receipt printer. */
  print: command(
    z.discriminatedUnion('kind', [
      ShiftReportInput.extend({ kind: z.literal('shift') }).strict(),
      DayReportInput.extend({ kind: z.literal('day') }).strict(),
      SettlementReportInput.extend({ kind: z.literal('settlement') }).strict(),
    ]),
    z.object({ printJobs: z.array(PrintJob) }),
  ),
  /** Chart data: sales by hour, by day, tender mix, by operator. */
  chart: channel(ChartRequest, ChartData),
  /** Sales by product / category, top products, discounts by operator (a cashier: their own shift). */
  sales: channel(SalesRequest, SalesReport),
  /** One view of a sales report on the receipt printer; audited. */
  printSales: command(SalesCsvRequest, z.object({ printJobs: z.array(PrintJob) })),
  /** One view of a sales report as CSV (UTF-8 with BOM) for the screen to save; audited. */
  exportSalesCsv: channel(
    SalesCsvRequest,
    z.object({ fileName: z.string(), csv: z.string(), rows: Int }),
  ),
};
