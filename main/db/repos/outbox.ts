import type { Db } from '../connection';

export interface OutboxEntry {
  kind: string;
  /** Unique per delivery: enqueueing the same key twice is a no-op, never a duplicate. */
  dedupeKey: string;
  payload: unknown;
}

export function createOutboxRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (kind, dedupe_key, payload, state, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'pending', ?, ?)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const pendingCount = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM outbox WHERE state = 'pending'",
  );
  return {
    /** Call inside the same SQLite transaction as the business row. */
    enqueue(entry: OutboxEntry, now: number): void {
      insert.run(entry.kind, entry.dedupeKey, JSON.stringify(entry.payload), now, now);
    },
    pendingCount(): number {
      return pendingCount.get()?.n ?? 0;
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
