import { maskCardData } from '../../../preload/contract/card-data';
import type { Db } from '../connection';

export interface AuditEntry {
  operatorNo: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  at: number;
}

/** Append-only (triggers in the schema refuse UPDATE and DELETE). */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, operator_no, action, detail) VALUES (?, ?, ?, ?)',
  );
  const recent = db.prepare<
    [number],
    { id: number; at: number; operator_no: string | null; action: string; detail: string }
  >('SELECT id, at, operator_no, action, detail FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    /**
     * Newest first, filtered (all optional): time range [from, to), operator,
     * action prefix (`operator.` matches every operator change), older than
     * `beforeId` for paging.
     */
    *query(filter: {
      from?: number;
      to?: number;
      operatorNo?: string;
      actionPrefix?: string;
      beforeId?: number;
      limit?: number;
    }): Generator<AuditRecord> {
      const where: string[] = [];
      const args: Array<string | number> = [];
      const cond = (sql: string, value: string | number) => {
        where.push(sql);
        args.push(value);
      };
      if (filter.from !== undefined) cond('at >= ?', filter.from);
      if (filter.to !== undefined) cond('at < ?', filter.to);
      if (filter.operatorNo !== undefined) cond('operator_no = ?', filter.operatorNo);
      if (filter.actionPrefix)
        cond("action LIKE ? ESCAPE '\\'", `${filter.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`);
      if (filter.beforeId !== undefined) cond('id < ?', filter.beforeId);
      const sql =
        'SELECT id, at, operator_no, action, detail FROM audit_log' +
        (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY id DESC' +
        (filter.limit !== undefined ? ` LIMIT ${Math.trunc(filter.limit)}` : '');
      const rows = db
        .prepare<
          unknown[],
          { id: number; at: number; operator_no: string | null; action: string; detail: string }
        >(sql)
        .iterate(...args);
      for (const r of rows) {
        yield {
          id: r.id,
          at: r.at,
          operatorNo: r.operator_no,
          action: r.action,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
        };
      }
    },
    /**
     * A card number or track data in any text of the detail (a product file's
     * name, a refused search) is stored masked to first 6 / last 4: the log
     * is append-only, so clear card data in it could never be taken out.
     */
    append(entry: AuditEntry, now: number): void {
      const detail = JSON.stringify(entry.detail, (_key, value: unknown) =>
        typeof value === 'string' ? maskCardData(value) : value,
      );
      insert.run(now, entry.operatorNo, entry.action, detail);
    },
    recent(limit: number): AuditRecord[] {
      return recent.all(limit).map((r) => ({
        id: r.id,
        at: r.at,
        operatorNo: r.operator_no,
        action: r.action,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
