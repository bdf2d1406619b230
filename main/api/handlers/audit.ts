import { requireSession, type ApiServices, type DomainHandlers } from '../types';

export function auditHandlers(s: ApiServices): DomainHandlers<'audit'> {
  return {
    list: (filter) => s.audit.list(filter),
    exportCsv: (filter, ctx) => s.audit.exportCsv(filter, requireSession(ctx).operatorNo),
  };
}
