import type { DrawerFigures } from '../../preload/contract';
import type { PrintDocument, PrintLine } from '../../native/printer/document';
import { drawerLines } from './cash-drawer';
import { formatReceiptTime, markers, rmb, type ReceiptTerminal } from './receipt';
import type { BatchTotals } from './settlement';
import { totalsLines } from './settlement-report';

/**
 * Reports and charts for store managers (PRODUCT.md §9, issue 9): pure
 * arithmetic on integer fen and the printed report slip. Totals and fees come
 * from the settlement maths (computeBatchTotals), 交班 lines from shift.ts;
 * this file only folds sums into lines and buckets and lays out the slip.
 */

export interface Sums {
  debitCount: number;
  debitFen: number;
  creditCount: number;
  creditFen: number;
}

export interface Bucket {
  key: string;
  count: number;
  salesFen: number;
  creditsFen: number;
  netFen: number;
}

/** One operator's line: net = sales − voids/refunds (fees are per tender, not per operator). */
export function operatorLine(s: Sums & { operatorNo: string }) {
  return {
    operatorNo: s.operatorNo,
    debitCount: s.debitCount,
    debitFen: s.debitFen,
    creditCount: s.creditCount,
    creditFen: s.creditFen,
    netFen: s.debitFen - s.creditFen,
  };
}

export function toBucket(key: string, s: Sums): Bucket {
  return {
    key,
    count: s.debitCount + s.creditCount,
    salesFen: s.debitFen,
    creditsFen: s.creditFen,
    netFen: s.debitFen - s.creditFen,
  };
}

/**
 * Folds fixed-size buckets (bucket i starts at `from + i·size`) into labelled
 * ones: `labels[j]` covers [starts[j], starts[j+1]). Every label is listed
 * (zeros included), and the sums of the labelled buckets equal the sums of the
 * input — nothing is lost or counted twice.
 */
export function foldBuckets(
  rows: ReadonlyArray<Sums & { bucket: number }>,
  from: number,
  size: number,
  starts: readonly number[],
  labels: readonly string[],
): Bucket[] {
  const acc = labels.map(() => ({ debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 }));
  for (const r of rows) {
    const at = from + r.bucket * size;
    let j = starts.length - 1;
    while (j > 0 && (starts[j] ?? 0) > at) j -= 1;
    const a = acc[j];
    if (!a) continue;
    a.debitCount += r.debitCount;
    a.debitFen += r.debitFen;
    a.creditCount += r.creditCount;
    a.creditFen += r.creditFen;
  }
  return labels.map((label, j) => toBucket(label, acc[j]!));
}

/** Local-day starts of a month (and the start of the next month as the end). */
export function monthDays(
  year: number,
  month: number,
): { starts: number[]; labels: string[]; end: number } {
  const starts: number[] = [];
  const labels: string[] = [];
  const p = (n: number) => String(n).padStart(2, '0');
  for (let d = 1; ; d += 1) {
    const date = new Date(year, month - 1, d);
    if (date.getMonth() !== month - 1) break;
    starts.push(date.getTime());
    labels.push(`${year}-${p(month)}-${p(d)}`);
  }
  return { starts, labels, end: new Date(year, month, 1).getTime() };
}

/** Local-hour starts of a day (24, or 23/25 on a clock change). */
export function dayHours(dayStart: number, dayEnd: number): { starts: number[]; labels: string[] } {
  const starts: number[] = [];
  const labels: string[] = [];
  for (let t = dayStart; t < dayEnd; t += 3_600_000) {
    starts.push(t);
    labels.push(String(new Date(t).getHours()).padStart(2, '0'));
  }
  return { starts, labels };
}

export interface ReportSlipInput {
  kind: 'shift' | 'day' | 'settlement';
  from: number;
  to: number;
  printedAt: number;
  operatorNo: string | null;
  batchNo: string | null;
  verdict: 'balanced' | 'unbalanced' | null;
  training: boolean;
  totals: BatchTotals;
  byOperator: ReadonlyArray<ReturnType<typeof operatorLine>>;
  topItems: ReadonlyArray<{ name: string; quantity: number; amountFen: number }>;
  /** 钱箱 figures (shift, X, Z); null leaves the section out. */
  drawer?: DrawerFigures | null;
  /** Orders still held (挂单), listed on the shift report so none is forgotten. */
  held?: ReadonlyArray<{ orderNo: string; heldAt: number; operatorNo: string; totalFen: number }>;
}

const TITLES = {
  shift: ['交班报表', 'SHIFT REPORT'],
  day: ['日结报表 (X)', 'DAY REPORT (X)'],
  settlement: ['结算报表 (Z)', 'SETTLEMENT REPORT (Z)'],
} as const;

/** The report slip: shift (交班), X (the day so far) or Z (a settled batch). */
export function buildReportSlip(terminal: ReceiptTerminal, r: ReportSlipInput): PrintDocument {
  const [zh, en] = TITLES[r.kind];
  const lines: PrintLine[] = [
    { kind: 'text', text: zh, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: en, align: 'center' },
    ...markers(r.training, false),
    { kind: 'rule' },
    { kind: 'text', text: terminal.merchantName, bold: true },
    { kind: 'pair', left: '商户编号 MERCHANT NO.', right: terminal.merchantNumber },
    { kind: 'pair', left: '终端编号 TERMINAL NO.', right: terminal.terminalNumber },
  ];
  if (r.operatorNo) lines.push({ kind: 'pair', left: '操作员号 OPERATOR', right: r.operatorNo });
  if (r.batchNo) lines.push({ kind: 'pair', left: '批次号 BATCH NO.', right: r.batchNo });
  lines.push(
    { kind: 'pair', left: '起 FROM', right: formatReceiptTime(r.from) },
    { kind: 'pair', left: '止 TO', right: formatReceiptTime(r.to) },
  );
  if (r.verdict)
    lines.push({
      kind: 'pair',
      left: '对账结果 RESULT',
      right: r.verdict === 'balanced' ? '对账平 BALANCED' : '对账不平 UNBALANCED',
      bold: true,
    });
  lines.push({ kind: 'rule' }, ...totalsLines(r.totals, { tenderNet: true }));
  if (r.byOperator.length > 1 || (r.kind !== 'shift' && r.byOperator.length > 0)) {
    lines.push({ kind: 'rule' }, { kind: 'text', text: '按操作员 BY OPERATOR', bold: true });
    for (const o of r.byOperator)
      lines.push({
        kind: 'pair',
        left: `${o.operatorNo}  ${o.debitCount}/${o.creditCount}`,
        right: rmb(o.netFen),
      });
  }
  if (r.drawer) lines.push({ kind: 'rule' }, ...drawerLines(r.drawer));
  if (r.held && r.held.length > 0) {
    lines.push(
      { kind: 'rule' },
      { kind: 'text', text: `挂单 HELD ORDERS ${r.held.length}`, bold: true },
    );
    for (const h of r.held)
      lines.push({
        kind: 'pair',
        left: `${h.orderNo} ${formatReceiptTime(h.heldAt).slice(5, 16)} ${h.operatorNo}`,
        right: rmb(h.totalFen),
      });
  }
  if (r.topItems.length > 0) {
    lines.push({ kind: 'rule' }, { kind: 'text', text: '热销商品 TOP ITEMS', bold: true });
    for (const i of r.topItems)
      lines.push({ kind: 'pair', left: `${i.name} ×${i.quantity}`, right: rmb(i.amountFen) });
  }
  lines.push(
    { kind: 'rule' },
    { kind: 'pair', left: '打印时间 PRINTED', right: formatReceiptTime(r.printedAt) },
    { kind: 'feed', lines: 2 },
  );
  return { lines, cut: true };
}
