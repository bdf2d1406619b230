import type { Db } from '../connection';

export interface OutboxEntry {
  kind: string;
  /** Unique per delivery: enqueueing the same key twice is a no-op, never a duplicate. */
  dedupeKey: string;
  payload: unknown;
}

export interface OutboxRecord {
  id: number;
  kind: string;
  dedupeKey: string;
  payload: unknown;
  state: 'held' | 'pending' | 'done' | 'dead' | 'cancelled';
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
}

interface Row {
  id: number;
  kind: string;
  dedupe_key: string;
  payload: string;
  state: OutboxRecord['state'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

const fromRow = (r: Row): OutboxRecord => ({
  id: r.id,
  kind: r.kind,
  dedupeKey: r.dedupe_key,
  payload: JSON.parse(r.payload) as unknown,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
});

const OPEN = "state IN ('held', 'pending')";

/**
 * The durable outbox. Rows are written in the caller's SQLite transaction.
 * A 'held' row is armed before a request goes out (e.g. the reversal of a
 * sale) and is either withdrawn ('cancelled') when a valid answer comes, or
 * released ('pending') for delivery when it doesn't.
 */
export function createOutboxRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO outbox (kind, dedupe_key, payload, state, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const byKey = db.prepare<[string], Row>('SELECT * FROM outbox WHERE dedupe_key = ?');
  const byId = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  // States as literals: a bare `state = ?` would be compared with outbox_held's
  // WHERE and make SQLite prepare the statement again on every run.
  const finish = (from: 'held' | 'pending', to: 'cancelled' | 'done' | 'dead') =>
    db.prepare(`UPDATE outbox SET state = '${to}', done_at = ? WHERE id = ? AND state = '${from}'`);
  const cancelHeld = finish('held', 'cancelled');
  const markDone = finish('pending', 'done');
  const markDead = finish('pending', 'dead');
  const release = db.prepare(
    "UPDATE outbox SET state = 'pending', payload = ?, next_attempt_at = ? WHERE id = ? AND state = 'held'",
  );
  const postpone = db.prepare(
    "UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'pending'",
  );
  // Open rows are read through the partial indexes of migration 009, whose
  // WHERE each query repeats (SQLite's condition for using a partial index):
  // a kind's open rows never walk another kind's (the day's cash sales).
  const openOfKind = db.prepare<[string], Row>(
    `SELECT * FROM outbox WHERE ${OPEN} AND kind = ? ORDER BY id`,
  );
  const heldAll = db.prepare<[], Row>("SELECT * FROM outbox WHERE state = 'held' ORDER BY id");
  const failed = db.prepare(
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'",
  );
  const countPending = db.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM outbox WHERE ${OPEN}`,
  );
  const nextDue = db.prepare<[string], { t: number | null }>(
    `SELECT min(next_attempt_at) AS t FROM outbox
     WHERE ${OPEN} AND state = 'pending' AND kind IN (SELECT value FROM json_each(?))`,
  );

  return {
    /** Call inside the same SQLite transaction as the business row. */
    enqueue(entry: OutboxEntry, now: number, state: 'pending' | 'held' = 'pending'): OutboxRecord {
      insert.run(entry.kind, entry.dedupeKey, JSON.stringify(entry.payload), state, now, now);
      const row = byKey.get(entry.dedupeKey);
      if (!row) throw new Error(`outbox row ${entry.dedupeKey} vanished`);
      return fromRow(row);
    },
    get(id: number): OutboxRecord | null {
      const r = byId.get(id);
      return r ? fromRow(r) : null;
    },
    byKey(key: string): OutboxRecord | null {
      const r = byKey.get(key);
      return r ? fromRow(r) : null;
    },
    /** Withdraws a held row: the answer it was guarding against came. */
    cancelHeld(id: number, now: number): boolean {
      return cancelHeld.run(now, id).changes === 1;
    },
    /** Releases a held row for delivery, with its final payload (e.g. the reversal reason). */
    release(id: number, payload: unknown, now: number): boolean {
      return release.run(JSON.stringify(payload), now, id).changes === 1;
    },
    markDone(id: number, now: number): boolean {
      return markDone.run(now, id).changes === 1;
    },
    markDead(id: number, now: number): boolean {
      return markDead.run(now, id).changes === 1;
    },
    markFailed(id: number, error: string, retryAt: number): void {
      failed.run(error, retryAt, id);
    },
    /** Not an attempt: the row just isn't looked at again before `until`. */
    postpone(id: number, until: number): void {
      postpone.run(until, id);
    },
    open(kind: string): OutboxRecord[] {
      return openOfKind.all(kind).map(fromRow);
    },
    held(): OutboxRecord[] {
      return heldAll.all().map(fromRow);
    },
    pendingCount(): number {
      return countPending.get()?.n ?? 0;
    },
    /** The earliest next attempt among pending rows of these kinds. */
    nextDueAt(kinds: readonly string[]): number | null {
      return nextDue.get(JSON.stringify(kinds))?.t ?? null;
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
