import { payingSession, requireSession, type ApiServices, type DomainHandlers } from '../types';

export function qrHandlers(s: ApiServices): DomainHandlers<'qr'> {
  return {
    pay: (input, ctx) => s.sale.qr(input, payingSession(s, ctx)),
    cancel: () => {
      s.qr.cancel();
      return {};
    },
    refund: (input, ctx) => s.qrRefund.refund(input, requireSession(ctx)),
    getGateway: () => s.qrSettings.get(),
    saveGateway: (input, ctx) => s.qrSettings.save(input, requireSession(ctx).operatorNo),
  };
}

export function transactionsHandlers(s: ApiServices): DomainHandlers<'transactions'> {
  return {
    list: ({ limit, beforeId }) => ({ transactions: s.history.list(limit, beforeId) }),
    find: (by) => s.history.find(by),
    detail: ({ id }) => s.history.detail(id),
    query: (q) => s.reports.query(q),
    exportCsv: (filter, ctx) => s.reports.exportCsv(filter, requireSession(ctx).operatorNo),
  };
}
