import type { Db } from '../connection';
import type { RequestScope } from '../../core/request-scope';

export interface RequestOutcomeRecord {
  requestId: string;
  channel: string;
  operatorNo: string | null;
  state: 'in_progress' | 'done' | 'interrupted';
  /** The reply as it was answered ({ok, value} or {ok: false, error}); null until done. */
  result: unknown;
}

/** How long answered request ids are kept (a lost answer is asked about within seconds). */
const KEEP_MS = 30 * 24 * 3600_000;

/** Request ids of state-changing calls and their outcomes (migration 012). */
export function createRequestOutcomesRepo(db: Db) {
  const get = db.prepare<
    [string],
    {
      request_id: string;
      channel: string;
      operator_no: string | null;
      state: string;
      result: string | null;
    }
  >(
    'SELECT request_id, channel, operator_no, state, result FROM request_outcomes WHERE request_id = ?',
  );
  const begin = db.prepare(
    `INSERT INTO request_outcomes (request_id, channel, operator_no, state, created_at)
     VALUES (?, ?, ?, 'in_progress', ?) ON CONFLICT (request_id) DO NOTHING`,
  );
  const finish = db.prepare(
    `INSERT INTO request_outcomes (request_id, channel, operator_no, state, result, created_at, finished_at)
     VALUES (@requestId, @channel, @operatorNo, 'done', @result, @at, @now)
     ON CONFLICT (request_id) DO UPDATE SET state = 'done', result = excluded.result,
       finished_at = excluded.finished_at`,
  );
  const lastTxId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM transactions');
  const stamp = db.prepare(
    'UPDATE transactions SET request_id = ? WHERE id > ? AND request_id IS NULL',
  );
  const vouchers = db.prepare<[string], { batch_no: string; trace_no: string }>(
    'SELECT batch_no, trace_no FROM transactions WHERE request_id = ? ORDER BY id',
  );
  const interrupt = db.prepare(
    "UPDATE request_outcomes SET state = 'interrupted', finished_at = ? WHERE state = 'in_progress'",
  );
  // Prepared once: db.pragma() would compile a statement on every call.
  const syncNow = db.prepare<[], { synchronous: number }>('PRAGMA synchronous');
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL');
  const syncBack = [0, 1, 2, 3].map((level) => db.prepare(`PRAGMA synchronous = ${level}`));
  const prune = db.prepare(
    "DELETE FROM request_outcomes WHERE created_at < ? AND state != 'in_progress'",
  );

  return {
    get(requestId: string): RequestOutcomeRecord | null {
      const r = get.get(requestId);
      if (!r) return null;
      return {
        requestId: r.request_id,
        channel: r.channel,
        operatorNo: r.operator_no,
        state: r.state as RequestOutcomeRecord['state'],
        result: r.result === null ? null : (JSON.parse(r.result) as unknown),
      };
    },
    /** Where the transactions table ends before a change, to stamp what the change inserts. */
    transactionsMark(): number {
      return lastTxId.get()?.id ?? 0;
    },
    /**
     * Inside the SQLite transaction of a change made for `scope`: the request
     * id is recorded ('in_progress': this call changed something) and the
     * transactions inserted since `mark` carry it.
     */
    recordChange(scope: RequestScope, mark: number): void {
      if (!scope.recorded) begin.run(scope.requestId, scope.channel, scope.operatorNo, scope.at);
      // Nothing to stamp when the change inserted no transaction (an order edit).
      if ((lastTxId.get()?.id ?? 0) > mark) stamp.run(scope.requestId, mark);
    },
    /**
     * The reply, once the call is over (also for a call that changed nothing).
     * Committed without its own fsync (synchronous=NORMAL for this one write;
     * WAL keeps the file whole): the change itself was made durable with the
     * request id, and the next commit's fsync carries this row too. A power
     * cut in between costs only the exact reply: the call then reads as
     * interrupted, naming its transactions — never as not done.
     */
    finish(scope: RequestScope, result: unknown, now: number): void {
      const sync = syncNow.get()?.synchronous ?? 2;
      syncNormal.run();
      try {
        finish.run({
          requestId: scope.requestId,
          channel: scope.channel,
          operatorNo: scope.operatorNo,
          result: JSON.stringify(result),
          at: scope.at,
          now,
        });
      } finally {
        (syncBack[sync] ?? syncBack[2])?.run();
      }
    },
    /** The vouchers (batch/trace) of the transactions a call inserted. */
    vouchersOf(requestId: string): string[] {
      return vouchers.all(requestId).map((r) => `${r.batch_no}/${r.trace_no}`);
    },
    /** At start: calls the last run never finished were cut short by the stop; old ids go. */
    recoverAtStart(now: number): number {
      prune.run(now - KEEP_MS);
      return interrupt.run(now).changes;
    },
  };
}
export type RequestOutcomesRepo = ReturnType<typeof createRequestOutcomesRepo>;
