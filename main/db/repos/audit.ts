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
    append(entry: AuditEntry, now: number): void {
      insert.run(now, entry.operatorNo, entry.action, JSON.stringify(entry.detail));
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
