import type { Db } from '../connection';
import type { TransactionState } from '../../../preload/contract';
import type { Tender, TransactionType } from './transactions';

/** Filters of 交易查询, already turned into epoch ms and fen by the service. */
export interface QueryFilter {
  /** Inclusive start, epoch ms. */
  from?: number;
  /** Exclusive end, epoch ms. */
  to?: number;
  operatorNo?: string;
  type?: TransactionType;
  tender?: Tender;
  state?: TransactionState;
  minFen?: number;
  maxFen?: number;
  cardLast4?: string;
  voucherNo?: string;
  referenceNo?: string;
  orderNo?: string;
}

export interface QueryPage {
  sort: 'time' | 'amount';
  ascending: boolean;
  limit: number;
  /** Keyset: the last row of the previous page (its sort key and id). */
  after?: { key: number; id: number };
}

export interface QueryHit {
  id: number;
  key: number;
}

/**
 * The SQL of 交易查询 (issue 9). Every filter maps onto an index of migration
 * 007 (or 001/006): card last 4 → `pan_last4`, reference → `rrn`, voucher →
 * `trace_no`, order → `qr_payments.order_no` (unique), operator/type/tender/
 * state → (column, created_at), amount → `amount_fen`. Pages are keyset pages
 * on (sort key, id), so page 1000 costs what page 1 costs. Statements are
 * prepared once per distinct filter shape and kept.
 */
export function createTransactionQueryRepo(db: Db) {
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const prepared = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };

  /**
   * Index choice, decided here rather than left to a planner without
   * statistics: a selective key (card last 4, reference, voucher, order) or a
   * short date span keeps its index and sorts the few rows it finds; otherwise
   * the sort's own index is walked in order and the other filters are checked
   * on the way (unary + keeps SQLite from picking their index and then sorting
   * a large part of the table).
   */
  function where(
    f: QueryFilter,
    sort: 'time' | 'amount' = 'time',
  ): { conds: string[]; params: Record<string, unknown> } {
    const selective =
      f.cardLast4 !== undefined ||
      f.voucherNo !== undefined ||
      f.referenceNo !== undefined ||
      f.orderNo !== undefined;
    const shortSpan = f.from !== undefined && f.to !== undefined && f.to - f.from <= 7 * 86_400_000;
    const narrowAmount =
      f.minFen !== undefined && f.maxFen !== undefined && f.maxFen - f.minFen <= 10_000;
    // Under an amount sort only a selective key or a short span may pick another index.
    const plain = sort === 'amount' && !selective && !shortSpan ? '+' : '';
    // Under a time sort the amount index only for a narrow range.
    const amt = sort === 'time' && !narrowAmount ? '+' : '';
    const conds: string[] = [];
    const params: Record<string, unknown> = {};
    const eq = (column: string, name: keyof QueryFilter) => {
      if (f[name] === undefined) return;
      conds.push(`${plain}${column} = @${name}`);
      params[name] = f[name];
    };
    if (f.from !== undefined) {
      conds.push(`${plain}t.created_at >= @from`);
      params.from = f.from;
    }
    if (f.to !== undefined) {
      conds.push(`${plain}t.created_at < @to`);
      params.to = f.to;
    }
    eq('t.operator_no', 'operatorNo');
    eq('t.type', 'type');
    eq('t.tender', 'tender');
    eq('t.state', 'state');
    if (f.minFen !== undefined) {
      conds.push(`${amt}t.amount_fen >= @minFen`);
      params.minFen = f.minFen;
    }
    if (f.maxFen !== undefined) {
      conds.push(`${amt}t.amount_fen <= @maxFen`);
      params.maxFen = f.maxFen;
    }
    if (f.cardLast4 !== undefined) {
      // Matches the partial index transactions_pan_last4.
      conds.push('t.pan_masked IS NOT NULL AND t.pan_last4 = @cardLast4');
      params.cardLast4 = f.cardLast4;
    }
    if (f.voucherNo !== undefined) {
      conds.push('t.trace_no = @voucherNo');
      params.voucherNo = f.voucherNo;
    }
    if (f.referenceNo !== undefined) {
      conds.push('t.rrn IS NOT NULL AND t.rrn = @referenceNo');
      params.referenceNo = f.referenceNo;
    }
    if (f.orderNo !== undefined) {
      conds.push('t.id IN (SELECT tx_id FROM qr_payments WHERE order_no = @orderNo)');
      params.orderNo = f.orderNo;
    }
    return { conds, params };
  }

  return {
    /** One page of matching ids with their sort key, in the requested order. */
    page(f: QueryFilter, p: QueryPage): QueryHit[] {
      const { conds, params } = where(f, p.sort);
      const key = p.sort === 'amount' ? 't.amount_fen' : 't.created_at';
      const dir = p.ascending ? 'ASC' : 'DESC';
      if (p.after) {
        conds.push(`(${key}, t.id) ${p.ascending ? '>' : '<'} (@afterKey, @afterId)`);
        params.afterKey = p.after.key;
        params.afterId = p.after.id;
      }
      params.limit = p.limit;
      const sql = `SELECT t.id AS id, ${key} AS key FROM transactions t
        ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
        ORDER BY ${key} ${dir}, t.id ${dir} LIMIT @limit`;
      return prepared(sql).all(params) as QueryHit[];
    },
    /** The plan SQLite picks for a filter (bench and tests check the indexes are used). */
    plan(f: QueryFilter, p: QueryPage): string[] {
      const { conds, params } = where(f, p.sort);
      const key = p.sort === 'amount' ? 't.amount_fen' : 't.created_at';
      const dir = p.ascending ? 'ASC' : 'DESC';
      params.limit = p.limit;
      const sql = `EXPLAIN QUERY PLAN SELECT t.id AS id, ${key} AS key FROM transactions t
        ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
        ORDER BY ${key} ${dir}, t.id ${dir} LIMIT @limit`;
      return (db.prepare(sql).all(params) as Array<{ detail: string }>).map((r) => r.detail);
    },
  };
}
export type TransactionQueryRepo = ReturnType<typeof createTransactionQueryRepo>;
