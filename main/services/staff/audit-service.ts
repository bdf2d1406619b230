import type { AuditEntryView } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import type { AuditRecord, Repositories } from '../../db';
import { CSV_BOM, csvRow } from '../../domain/csv';
import { localDayRange } from '../../domain/local-day';

interface Filter {
  from?: string;
  to?: string;
  operatorNo?: string;
  action?: string;
}

/**
 * 审计日志 for the supervisor and the technician: filtered, paged, exported as
 * CSV. The log itself is append-only (triggers refuse UPDATE and DELETE); an
 * export is itself audited.
 */
export function createAuditService(deps: { repos: Repositories; clock: Clock }) {
  const { repos, clock } = deps;

  function query(filter: Filter, page: { limit?: number; beforeId?: number } = {}) {
    const from = filter.from !== undefined ? localDayRange(filter.from, 'from')[0] : undefined;
    // `to` is inclusive: the whole of that day.
    const to = filter.to !== undefined ? localDayRange(filter.to, 'to')[1] : undefined;
    return repos.audit.query({
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(filter.operatorNo !== undefined ? { operatorNo: filter.operatorNo } : {}),
      ...(filter.action ? { actionPrefix: filter.action } : {}),
      ...page,
    });
  }

  const view = (r: AuditRecord): AuditEntryView => ({
    id: r.id,
    at: iso(r.at),
    operatorNo: r.operatorNo,
    action: r.action,
    detail: r.detail,
  });

  return {
    list(filter: Filter & { limit: number; beforeId?: number }) {
      const { limit, beforeId, ...rest } = filter;
      const rows = [
        ...query(rest, { limit: limit + 1, ...(beforeId !== undefined ? { beforeId } : {}) }),
      ];
      return { entries: rows.slice(0, limit).map(view), hasMore: rows.length > limit };
    },

    exportCsv(filter: Filter, operatorNo: string) {
      let csv =
        CSV_BOM + csvRow(['编号 ID', '时间 Time', '操作员 Operator', '事件 Action', '详情 Detail']);
      let rows = 0;
      for (const r of query(filter)) {
        csv += csvRow([r.id, iso(r.at), r.operatorNo, r.action, JSON.stringify(r.detail)]);
        rows += 1;
      }
      const now = clock.now();
      repos.audit.append(
        { operatorNo, action: 'audit.exported', detail: { rows, filter: { ...filter } } },
        now,
      );
      const stamp = iso(now).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
      return { fileName: `audit-${stamp}.csv`, csv, rows };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
