import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Db } from '../../../main/db';
import { applyPragmas } from '../../../main/db/connection';
import { migrate } from '../../../main/db/migrate';
import { MIGRATIONS } from '../../../main/db/migrations';
import { seedTransactions } from '../../bench/reports';

// sales_hourly (migration 009) against an oracle: the transactions themselves,
// classified in JS, after the migration filled it and the triggers kept it
// through inserts, state changes, amount / operator / tender changes and deletes.
const HOUR = 3_600_000;
const start = Date.UTC(2026, 5, 1, 1);
const utcDay = (d: number) => Date.UTC(2026, 5, d);

interface Tx {
  id: number;
  type: string;
  state: string;
  tender: string;
  operator_no: string;
  amount_fen: number;
  created_at: number;
}
type Sums = { debitCount: number; debitFen: number; creditCount: number; creditFen: number };

const debit = (t: Tx) =>
  ['sale', 'preauth_complete'].includes(t.type) &&
  ['approved', 'voided', 'refunded'].includes(t.state);
const credit = (t: Tx) => ['void', 'refund'].includes(t.type) && t.state === 'approved';

/** The oracle: sums per key over the money rows in [from, to). */
function oracle(db: Db, from: number, to: number, key: (t: Tx) => string | number) {
  const out = new Map<string | number, Sums>();
  for (const t of db.prepare('SELECT * FROM transactions').all() as Tx[]) {
    if (t.created_at < from || t.created_at >= to || !(debit(t) || credit(t))) continue;
    const k = key(t);
    const s = out.get(k) ?? { debitCount: 0, debitFen: 0, creditCount: 0, creditFen: 0 };
    if (debit(t)) {
      s.debitCount += 1;
      s.debitFen += t.amount_fen;
    } else {
      s.creditCount += 1;
      s.creditFen += t.amount_fen;
    }
    out.set(k, s);
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

let db: Db;
beforeAll(() => {
  db = new Database(':memory:');
  applyPragmas(db);
  migrate(db, MIGRATIONS.slice(0, 8)); // the schema before sales_hourly
  seedTransactions(db, { count: 6_000, start, days: 20, seed: 5 });
  migrate(db, MIGRATIONS); // fills sales_hourly from what is there
  // Afterwards: new rows, and every kind of change the triggers must follow.
  db.exec(`
    INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
      training, created_at, updated_at)
    SELECT type, tender, state, amount_fen, operator_no, batch_no, printf('%06d', 900000 + id),
      training, created_at + ${HOUR}, updated_at
    FROM transactions WHERE id % 7 = 0 AND original_tx_id IS NULL;
  `);
  db.exec(`
    UPDATE transactions SET state = 'approved' WHERE id IN
      (SELECT id FROM transactions WHERE type = 'sale' AND state = 'declined' LIMIT 60);
    UPDATE transactions SET state = 'declined' WHERE id IN
      (SELECT id FROM transactions WHERE type = 'refund' AND state = 'approved' LIMIT 40);
    UPDATE transactions SET state = 'voided' WHERE id IN
      (SELECT id FROM transactions WHERE type = 'sale' AND state = 'approved' LIMIT 40);
    UPDATE transactions SET amount_fen = amount_fen + 1 WHERE id IN
      (SELECT id FROM transactions WHERE type = 'sale' AND state = 'approved' AND tender = 'card'
       LIMIT 30 OFFSET 100);
    UPDATE transactions SET operator_no = '08', tender = 'cash' WHERE id IN
      (SELECT id FROM transactions WHERE type = 'sale' AND state = 'approved' LIMIT 30 OFFSET 300);
    UPDATE transactions SET created_at = created_at + ${5 * HOUR} WHERE id IN
      (SELECT id FROM transactions WHERE type = 'void' AND state = 'approved' LIMIT 20);
    DELETE FROM transactions WHERE id IN
      (SELECT t.id FROM transactions t WHERE t.tender = 'cash' AND t.state = 'approved'
         AND NOT EXISTS (SELECT 1 FROM transaction_items i WHERE i.tx_id = t.id)
         AND NOT EXISTS (SELECT 1 FROM transactions o WHERE o.original_tx_id = t.id) LIMIT 25);
  `);
});
afterAll(() => db.close());

describe('sales_hourly: the charts add up hours, not transactions', () => {
  it('gives the same sums per hour, tender and operator as the transactions', () => {
    const repos = createRepositories(db);
    const from = utcDay(2);
    const to = utcDay(25);
    const byBucket = repos.reports.buckets(from, to, HOUR);
    expect(byBucket.map(({ bucket, ...s }) => [bucket, s])).toEqual(
      oracle(db, from, to, (t) => Math.floor((t.created_at - from) / HOUR)),
    );
    const days = repos.reports.buckets(from, to, 24 * HOUR);
    expect(days.map(({ bucket, ...s }) => [bucket, s])).toEqual(
      oracle(db, from, to, (t) => Math.floor((t.created_at - from) / (24 * HOUR))),
    );
    expect(repos.reports.byTender(from, to).map(({ tender, ...s }) => [tender, s])).toEqual(
      oracle(db, from, to, (t) => t.tender),
    );
    expect(
      repos.reports.byOperator(from, to).map(({ operatorNo, ...s }) => [operatorNo, s]),
    ).toEqual(oracle(db, from, to, (t) => t.operator_no));
    expect(byBucket.length).toBeGreaterThan(100);
  });

  it('reads the hours, not the transactions, for whole-hour ranges', () => {
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT sum(debit_fen) FROM sales_hourly WHERE hour >= ? AND hour < ?',
      )
      .all(utcDay(2), utcDay(3))
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH sales_hourly USING PRIMARY KEY \(hour>\? AND hour<\?\)/);
  });
});
