import {
  formatFenPlain,
  type ChartData,
  type ChartRequest,
  type ReportView,
  type Session,
  type TransactionFilter,
  type TransactionView,
} from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { Repositories } from '../../db';
import type { QueryFilter } from '../../db/repos/transaction-query';
import { CSV_BOM, csvRow } from '../../domain/csv';
import { fail, failFields } from '../../domain/errors';
import { localDayRange } from '../../domain/local-day';
import { formatReceiptTime } from '../../domain/receipt';
import {
  buildReportSlip,
  dayHours,
  foldBuckets,
  monthDays,
  operatorLine,
  toBucket,
} from '../../domain/reports';
import { computeBatchTotals, type BatchTotals } from '../../domain/settlement';
import { shiftTotals } from '../../domain/shift';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { localDate, receiptTerminal } from '../printing/receipts';
import { toTransactionView } from '../checkout/transaction-view';
import { batchFigures, dayFigures, shiftFigures } from '../staff/drawer-figures';

const HOUR = 3_600_000;
const EXPORT_MAX_ROWS = 50_000;

type QueryInput = TransactionFilter;

/** Contract filter (local days) → repository filter (epoch ms, `to` exclusive). */
function toQueryFilter(f: QueryInput): QueryFilter {
  const out: QueryFilter = {};
  if (f.from !== undefined) out.from = localDayRange(f.from, 'from')[0];
  if (f.to !== undefined) out.to = localDayRange(f.to, 'to')[1];
  if (out.from !== undefined && out.to !== undefined && out.from >= out.to)
    failFields([{ field: 'to', rule: 'dateOrder' }]);
  const copy = [
    'operatorNo',
    'type',
    'tender',
    'state',
    'minFen',
    'maxFen',
    'cardLast4',
    'voucherNo',
    'referenceNo',
    'orderNo',
  ] as const;
  for (const k of copy) if (f[k] !== undefined) (out as Record<string, unknown>)[k] = f[k];
  return out;
}

const TYPE_WORDS: Record<string, string> = {
  sale: '消费 Sale',
  void: '撤销 Void',
  refund: '退货 Refund',
  preauth: '预授权 Pre-auth',
  preauth_cancel: '预授权撤销 Pre-auth cancel',
  preauth_complete: '预授权完成 Pre-auth completion',
};
// The CSV is read by people in a spreadsheet: states in words, not the machine's.
const STATE_WORDS: Record<string, string> = {
  pending: '处理中 Pending',
  approved: '成功 Approved',
  declined: '拒绝 Declined',
  reversal_pending: '待冲正 Reversal pending',
  reversed: '已冲正 Reversed',
  voided: '已撤销 Voided',
  refunded: '已退货 Refunded',
  uncertain: '结果未明 Uncertain',
  cancelled: '已撤单 Cancelled',
  cancel_pending: '待撤单 Cancel pending',
  completed: '已完成 Completed',
};
const TENDER_WORDS: Record<string, string> = {
  cash: '现金 Cash',
  card: '银行卡 Card',
  qr: '扫码 QR',
};

/**
 * 交易查询 with filters and CSV export, reports (交班 / X / Z) on screen and on
 * paper, and chart data (issue 9). Reads only, except printing (a print job)
 * and exporting (audited). Totals and fees are the settlement maths; 交班
 * lines are the shift maths.
 */
export function createReportService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  print: PrintService;
}) {
  const { repos, settings, clock, print } = deps;
  const fees = () => settings.get().fees;

  function query(
    input: QueryInput & {
      sort: 'time' | 'amount';
      ascending: boolean;
      limit: number;
      after?: { key: number; id: number } | undefined;
    },
  ): { transactions: TransactionView[]; next: { key: number; id: number } | null } {
    const { sort, ascending, limit, after, ...filter } = input;
    const hits = repos.transactionQuery.page(toQueryFilter(filter), {
      sort,
      ascending,
      limit: limit + 1,
      ...(after ? { after } : {}),
    });
    const page = hits.slice(0, limit);
    const last = page[page.length - 1];
    return {
      transactions: page
        .map((h) => repos.transactions.get(h.id))
        .filter((t) => t !== null)
        .map(toTransactionView),
      next: hits.length > limit && last ? { key: last.key, id: last.id } : null,
    };
  }

  function exportCsv(filter: QueryInput, operatorNo: string) {
    const f = toQueryFilter(filter);
    let csv =
      CSV_BOM +
      csvRow([
        '时间 Time',
        '批次号 Batch',
        '凭证号 Voucher',
        '类型 Type',
        '支付方式 Tender',
        '状态 State',
        '金额(元) Amount (CNY)',
        '操作员 Operator',
        '卡号 Card',
        '参考号 Reference',
        '授权码 Auth code',
        '订单号 Order',
        '原交易(批次号/凭证号) Original (batch/voucher)',
        '培训 Training',
      ]);
    let rows = 0;
    let after: { key: number; id: number } | undefined;
    let truncated = false;
    // 原交易 as the slip names it (batch/voucher), not the row id nobody can look up.
    const originals = new Map<number, string>();
    const originalVoucher = (id: number | null | undefined): string => {
      if (id === null || id === undefined) return '';
      let words = originals.get(id);
      if (words === undefined) {
        const o = repos.transactions.get(id);
        words = o ? `${o.batchNo}/${o.traceNo}` : '';
        originals.set(id, words);
      }
      return words;
    };
    for (;;) {
      const hits = repos.transactionQuery.page(f, {
        sort: 'time',
        ascending: false,
        limit: 1_000,
        ...(after ? { after } : {}),
      });
      for (const h of hits) {
        if (rows >= EXPORT_MAX_ROWS) {
          truncated = true;
          break;
        }
        const tx = repos.transactions.get(h.id);
        if (!tx) continue;
        csv += csvRow([
          formatReceiptTime(tx.createdAt),
          tx.batchNo,
          tx.traceNo,
          TYPE_WORDS[tx.type] ?? tx.type,
          TENDER_WORDS[tx.tender] ?? tx.tender,
          STATE_WORDS[tx.state] ?? tx.state,
          formatFenPlain(tx.amountFen),
          tx.operatorNo,
          tx.card?.panMasked ?? '',
          tx.card?.rrn ?? '',
          tx.card?.authCode ?? '',
          tx.qr?.orderNo ?? '',
          originalVoucher(tx.originalTxId),
          tx.training ? 'Y' : '',
        ]);
        rows += 1;
      }
      const last = hits[hits.length - 1];
      if (truncated || hits.length < 1_000 || !last) break;
      after = { key: last.key, id: last.id };
    }
    const now = clock.now();
    repos.audit.append(
      { operatorNo, action: 'transactions.exported', detail: { rows, filter: { ...filter } } },
      now,
    );
    const stamp = iso(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    return { fileName: `transactions-${stamp}.csv`, csv, rows, truncated };
  }

  /**
   * `lean` is the sign-off's printed report (the till's path, issue 15): no
   * top items, whose grouping sorts what the shift sold.
   */
  function shiftReport(session: Session, operatorNo?: string, lean = false): ReportView {
    const who = operatorNo ?? session.operatorNo;
    // A cashier sees only their own shift.
    if (session.role === 'cashier' && who !== session.operatorNo) fail('FORBIDDEN');
    // The open shift by its own index; the last one (signed off) only when none is open.
    const shift = repos.shifts.current(who) ?? repos.reports.lastShift(who);
    if (!shift) fail('REPORT_NOT_FOUND', { operatorNo: who });
    const from = shift.startedAt;
    const to = shift.endedAt ?? clock.now();
    const { tenders, total } = shiftTotals(repos.shifts.totals(who, from, to));
    // The count is blind: a cashier's shift still open shows no expected cash until counted.
    const blind = session.role === 'cashier' && shift.endedAt === null;
    return {
      kind: 'shift',
      from: iso(from),
      to: iso(to),
      operatorNo: who,
      batchNo: null,
      verdict: null,
      totals: computeBatchTotals(repos.reports.rows(from, to + 1, who), fees()),
      shift: {
        operatorNo: who,
        name: repos.operators.get(who)?.name ?? '',
        startedAt: iso(from),
        endedAt: shift.endedAt === null ? null : iso(shift.endedAt),
        tenders,
        total,
      },
      // The operator's line is the shift's own total (the same money rows, no grouping pass).
      byOperator:
        total.salesCount + total.voidsCount + total.refundsCount > 0
          ? [
              operatorLine({
                operatorNo: who,
                debitCount: total.salesCount,
                debitFen: total.salesFen,
                creditCount: total.voidsCount + total.refundsCount,
                creditFen: total.voidsFen + total.refundsFen,
              }),
            ]
          : [],
      topItems: lean ? [] : repos.reports.topItems(from, to + 1, who),
      drawer: shiftFigures(repos, { id: shift.id, operatorNo: who, startedAt: from }, to, blind),
    };
  }

  function dayReport(date?: string): ReportView {
    const now = clock.now();
    const [from, end] = localDayRange(date ?? localDate(now), 'date');
    const totals = computeBatchTotals(repos.reports.rows(from, end), fees());
    return {
      kind: 'day',
      from: iso(from),
      to: iso(Math.min(end - 1, Math.max(from, now))),
      operatorNo: null,
      batchNo: null,
      verdict: null,
      totals,
      shift: null,
      byOperator: repos.reports.byOperator(from, end).map(operatorLine),
      topItems: repos.reports.topItems(from, end, null),
      drawer: dayFigures(repos, from, end, totals.cash),
    };
  }

  function settlementReport(batchNo?: string): ReportView {
    const s = batchNo ? repos.settlements.get(batchNo) : repos.settlements.lastClosed();
    if (!s || s.step !== 'closed') fail('REPORT_NOT_FOUND', { batchNo: batchNo ?? '' });
    return {
      kind: 'settlement',
      from: iso(s.startedAt),
      to: iso(s.closedAt ?? s.startedAt),
      operatorNo: s.operatorNo,
      batchNo: s.batchNo,
      verdict: s.hostCode === '95' ? 'unbalanced' : 'balanced',
      totals: s.totals as BatchTotals,
      shift: null,
      byOperator: repos.reports.batchByOperator(s.batchNo).map(operatorLine),
      topItems: [],
      drawer: batchFigures(repos, s.batchNo, (s.totals as BatchTotals).cash),
    };
  }

  function chart(req: ChartRequest): ChartData {
    if (req.kind === 'byHour') {
      const [from, to] = localDayRange(req.date, 'date');
      const { starts, labels } = dayHours(from, to);
      return {
        kind: 'byHour',
        buckets: foldBuckets(repos.reports.buckets(from, to, HOUR), from, HOUR, starts, labels),
      };
    }
    if (req.kind === 'byDay') {
      const [y, m] = req.month.split('-').map(Number) as [number, number];
      if (m < 1 || m > 12 || y < 1970) failFields([{ field: 'month', rule: 'localMonth' }]);
      const { starts, labels, end } = monthDays(y, m);
      const from = starts[0] ?? 0;
      return {
        kind: 'byDay',
        buckets: foldBuckets(repos.reports.buckets(from, end, HOUR), from, HOUR, starts, labels),
      };
    }
    const from = localDayRange(req.from, 'from')[0];
    const to = localDayRange(req.to, 'to')[1];
    if (from >= to) failFields([{ field: 'to', rule: 'dateOrder' }]);
    if (req.kind === 'tender') {
      const rows = repos.reports.byTender(from, to);
      const zero = { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 };
      return {
        kind: 'tender',
        buckets: (['cash', 'card', 'qr'] as const).map((t) =>
          toBucket(t, rows.find((r) => r.tender === t) ?? zero),
        ),
      };
    }
    return {
      kind: 'operator',
      buckets: repos.reports.byOperator(from, to).map((r) => toBucket(r.operatorNo, r)),
    };
  }

  type PrintRequest =
    | { kind: 'shift'; operatorNo?: string | undefined }
    | { kind: 'day'; date?: string | undefined }
    | { kind: 'settlement'; batchNo?: string | undefined };

  function enqueueReport(
    req: PrintRequest,
    session: Session,
    now: number,
    opts: { lean?: boolean } = {},
  ): number {
    const report =
      req.kind === 'shift'
        ? shiftReport(session, req.operatorNo, opts.lean)
        : req.kind === 'day'
          ? dayReport(req.date)
          : settlementReport(req.batchNo);
    const doc = buildReportSlip(receiptTerminal(settings), {
      kind: report.kind,
      from: Date.parse(report.from),
      to: Date.parse(report.to),
      printedAt: now,
      operatorNo: report.operatorNo,
      batchNo: report.batchNo,
      verdict: report.verdict,
      training: isTraining(settings.get()),
      totals: report.totals,
      byOperator: report.byOperator,
      topItems: report.topItems,
      drawer: report.drawer,
      held: report.kind === 'shift' ? repos.orders.held() : [],
    });
    return print.enqueue(doc, { txId: null, kind: 'report', copy: null });
  }

  return {
    query,
    exportCsv,
    shift: shiftReport,
    day: dayReport,
    settlement: settlementReport,
    chart,
    /** Prints a report on the receipt printer (queued: a printer that is down prints it later). */
    print(req: PrintRequest, session: Session) {
      const now = clock.now();
      const jobId = repos.inTransaction(() => {
        const id = enqueueReport(req, session, now);
        repos.audit.append(
          { operatorNo: session.operatorNo, action: 'report.printed', detail: { kind: req.kind } },
          now,
        );
        return id;
      });
      print.kick();
      return { printJobs: print.view([jobId]) };
    },
    /**
     * Queues a report slip inside the caller's SQLite transaction (the blind
     * count prints the shift report in the transaction that records it).
     */
    enqueueReport,
  };
}
export type ReportService = ReturnType<typeof createReportService>;
