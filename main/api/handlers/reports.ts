import { requireSession, type ApiServices, type DomainHandlers } from '../types';

/** 报表: shift (交班), X and Z reports, printing them, chart data (issue 9); sales by product, category and operator's discounts (issue 14). */
export function reportsHandlers(s: ApiServices): DomainHandlers<'reports'> {
  return {
    shift: ({ operatorNo }, ctx) => s.reports.shift(requireSession(ctx), operatorNo),
    day: ({ date }) => s.reports.day(date),
    settlement: ({ batchNo }) => s.reports.settlement(batchNo),
    print: (req, ctx) => s.reports.print(req, requireSession(ctx)),
    chart: (req) => s.reports.chart(req),
    sales: (req, ctx) => s.salesReports.sales(req, requireSession(ctx)),
    exportSalesCsv: (req, ctx) => s.salesReports.exportCsv(req, requireSession(ctx)),
    printSales: (req, ctx) => s.salesReports.print(req, requireSession(ctx)),
  };
}
