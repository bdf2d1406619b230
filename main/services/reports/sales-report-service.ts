import {
  formatFenPlain,
  type SalesCsvRequest,
  type SalesReport,
  type SalesRequest,
  type Session,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { Repositories } from '../../db';
import { CSV_BOM, csvRow } from '../../domain/csv';
import { fail, failFields } from '../../domain/errors';
import {
  foldSales,
  SALES_FOLD_VERSION,
  type SalesFold,
  type SalesRow,
} from '../../domain/sales-report';
import { mergeFolds } from '../../domain/sales-report-merge';
import { buildSalesReportSlip } from '../../domain/sales-report-slip';
import type { SettingsStore } from '../../settings/store';
import { isTraining } from '../../settings/schema';
import type { PrintService } from '../printing/print-service';
import { receiptTerminal } from '../printing/receipts';
import { localDate } from '../printing/receipts';
import { localDayRange } from '../../domain/local-day';

const DAY = 86_400_000;
/** A range report reads every line of its span: a year at most keeps it to seconds. */
export const MAX_RANGE_DAYS = 366;

/** Weight in kg with three decimals (grams are whole), for the CSV. */
const kg = (g: number) => (g === 0 ? '' : (g / 1000).toFixed(3));

const ROW_HEAD = [
  '数量 Qty',
  '重量(kg) Weight (kg)',
  '行数 Lines',
  '原价金额(元) Gross (CNY)',
  '折扣(元) Discount (CNY)',
  '实收(元) Net (CNY)',
  '退货数量 Returned qty',
  '退款(元) Refunded (CNY)',
];
const rowCells = (r: SalesRow) => [
  r.quantity,
  kg(r.weightG),
  r.lines,
  formatFenPlain(r.grossFen),
  formatFenPlain(r.discountFen),
  formatFenPlain(r.netFen),
  r.returnedQuantity,
  formatFenPlain(r.returnedFen),
];

/**
 * Sales reports of the checkout (issue 14): by product, by category, top
 * products, discounts by operator, over a local day, an operator's shift or
 * a span of local days; paid orders only. A cashier sees only their own
 * shift (as with the 交班 report); managers see everything. Reads only,
 * except the CSV export, which is audited.
 */
export function createSalesReportService(deps: {
  repos: Repositories;
  clock: Clock;
  settings: SettingsStore;
  print: PrintService;
}) {
  const { repos, clock, settings, print } = deps;

  /** [from, to) in epoch ms, the operator it is limited to, and the span to show. */
  function span(req: SalesRequest, session: Session) {
    if (session.role === 'cashier' && req.kind !== 'shift') fail('FORBIDDEN');
    const now = clock.now();
    if (req.kind === 'shift') {
      const who = req.operatorNo ?? session.operatorNo;
      // A cashier sees only their own shift.
      if (session.role === 'cashier' && who !== session.operatorNo) fail('FORBIDDEN');
      const shift = repos.reports.lastShift(who);
      if (!shift) fail('REPORT_NOT_FOUND', { operatorNo: who });
      const to = shift.endedAt ?? now;
      return { from: shift.startedAt, to: to + 1, shown: to, operatorNo: who };
    }
    if (req.kind === 'day') {
      const [from, end] = localDayRange(req.date ?? localDate(now), 'date');
      return { from, to: end, shown: Math.min(end - 1, Math.max(from, now)), operatorNo: null };
    }
    const from = localDayRange(req.from, 'from')[0];
    const end = localDayRange(req.to, 'to')[1];
    if (from >= end) failFields([{ field: 'to', rule: 'dateOrder' }]);
    // Calendar days: a clock change makes a day 23 or 25 hours, never a whole day more.
    if (Math.round((end - from) / DAY) > MAX_RANGE_DAYS)
      failFields([{ field: 'to', rule: 'reportSpan' }]);
    return { from, to: end, shown: end - 1, operatorNo: null };
  }

  const foldLive = (from: number, to: number, operatorNo: string | null) =>
    foldSales(
      repos.salesReport.lines(from, to, operatorNo),
      repos.salesReport.returned(from, to, operatorNo),
    );

  /**
   * A span of whole local days for all operators: each closed day from its
   * kept fold (folded and kept the first time), today and later from their
   * lines. Orders and returns land "now", so a closed day's fold stays
   * right; migration 017's triggers forget one if the clock ever puts
   * something into a closed day.
   */
  function foldByDays(from: number, to: number): SalesFold {
    const now = clock.now();
    const today = localDayRange(localDate(now), 'date')[0];
    const days: SalesFold[] = [];
    const made: { dayFrom: number; dayTo: number; fold: string }[] = [];
    let start = from;
    while (start < to) {
      const d = new Date(start);
      const next = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime();
      if (next > today || next > to) {
        days.push(foldLive(start, to, null));
        break;
      }
      const kept = repos.salesReport.dayFold(start, next, SALES_FOLD_VERSION);
      if (kept !== null) days.push(JSON.parse(kept) as SalesFold);
      else {
        const fold = foldLive(start, next, null);
        days.push(fold);
        made.push({ dayFrom: start, dayTo: next, fold: JSON.stringify(fold) });
      }
      start = next;
    }
    if (made.length > 0)
      repos.salesReport.keepDayFolds(
        made,
        SALES_FOLD_VERSION,
        today - (MAX_RANGE_DAYS + 31) * DAY,
        now,
      );
    return days.length === 1 ? days[0]! : mergeFolds(days);
  }

  function sales(req: SalesRequest, session: Session): SalesReport {
    const s = span(req, session);
    const fold =
      req.kind === 'shift' ? foldLive(s.from, s.to, s.operatorNo) : foldByDays(s.from, s.to);
    return {
      kind: req.kind,
      from: iso(s.from),
      to: iso(s.shown),
      operatorNo: s.operatorNo,
      ...fold,
    };
  }

  function exportCsv(input: SalesCsvRequest, session: Session) {
    const report = sales(input.report, session);
    let csv = CSV_BOM;
    let rows = 0;
    if (input.view === 'discounts') {
      csv += csvRow([
        '操作员 Operator',
        '单品折扣笔数 Line discounts',
        '单品折扣(元) Line discount (CNY)',
        '整单折扣笔数 Order discounts',
        '整单折扣(元) Order discount (CNY)',
        '抹零笔数 Rounding-offs',
        '抹零(元) Rounding-off (CNY)',
        '改价笔数 Price overrides',
        '主管授权笔数 Supervisor-approved',
        '主管授权金额(元) Approved (CNY)',
        '授权主管 Approved by',
        '折扣合计(元) Total discount (CNY)',
      ]);
      for (const d of report.discounts) {
        csv += csvRow([
          d.operatorNo,
          d.lineCount,
          formatFenPlain(d.lineFen),
          d.orderCount,
          formatFenPlain(d.orderFen),
          d.roundingCount,
          formatFenPlain(d.roundingFen),
          d.overrideCount,
          d.approvedCount,
          formatFenPlain(d.approvedFen),
          d.approvers
            .map((a) => `${a.supervisorNo}×${a.count} ${formatFenPlain(a.amountFen)}`)
            .join('; '),
          formatFenPlain(d.totalFen),
        ]);
        rows += 1;
      }
    } else if (input.view === 'products') {
      csv += csvRow(['编码 Code', '商品 Product', '单位 Unit', ...ROW_HEAD]);
      for (const r of report.products) {
        csv += csvRow([r.code ?? '', r.name, r.unit, ...rowCells(r)]);
        rows += 1;
      }
    } else {
      csv += csvRow(['分类 Category', ...ROW_HEAD]);
      for (const r of report.categories) {
        csv += csvRow([r.name, ...rowCells(r)]);
        rows += 1;
      }
    }
    const now = clock.now();
    repos.audit.append(
      {
        operatorNo: session.operatorNo,
        action: 'sales.exported',
        detail: { view: input.view, rows, report: { ...input.report } },
      },
      now,
    );
    const stamp = iso(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    return { fileName: `sales-${input.view}-${stamp}.csv`, csv, rows };
  }

  /** One view of a sales report on the receipt printer (queued: a printer that is down prints it later); audited. */
  function printSlip(input: SalesCsvRequest, session: Session) {
    const report = sales(input.report, session);
    const now = clock.now();
    const doc = buildSalesReportSlip(receiptTerminal(settings), {
      view: input.view,
      fold: report,
      from: Date.parse(report.from),
      to: Date.parse(report.to),
      operatorNo: report.operatorNo,
      printedBy: session.operatorNo,
      printedAt: now,
      training: isTraining(settings.get()),
    });
    const jobId = repos.inTransaction(() => {
      const id = print.enqueue(doc, { txId: null, kind: 'report', copy: null });
      repos.audit.append(
        {
          operatorNo: session.operatorNo,
          action: 'sales.printed',
          detail: { view: input.view, report: { ...input.report } },
        },
        now,
      );
      return id;
    });
    print.kick();
    return { printJobs: print.view([jobId]) };
  }

  return { sales, exportCsv, print: printSlip };
}
export type SalesReportService = ReturnType<typeof createSalesReportService>;
