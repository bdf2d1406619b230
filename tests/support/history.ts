import Database from 'better-sqlite3';
import { buildCashReceipt } from '../../main/domain/receipt';
import { encodeDocument } from '../../native/printer/escpos-encoder';

/**
 * A shop's history written straight into a terminal's database with bulk SQL
 * (one INSERT … SELECT per table over a counter), so a million transactions
 * take seconds instead of the hours the contract would. It is what a till
 * holds after months of trading: every transaction settled in its day's
 * batch (settlement closed, upload done), its lines and state history, its
 * outbox rows delivered or stood down, its printed receipts (with their
 * bytes: the worst case, as if nothing were ever pruned), audit entries and
 * shifts. With `openDay`, the last day is today: its batch still open, its
 * cash sales' outbox rows not yet handed over, new sales join it.
 *
 * Run it on a database the app has created (migrations applied, terminal set
 * up) while the app is closed. Indexes of the tables it fills are dropped and
 * built again afterwards (much faster than growing them row by row); the
 * UNIQUE constraints' own indexes stay.
 */
export interface HistoryOptions {
  transactions: number;
  /** Trading days are this busy; the history ends the day before `endAt`. */
  perDay?: number;
  /** Epoch ms; default now. */
  endAt?: number;
  /** Receipt bytes stored with each printed job; default a real cash receipt. */
  receiptBytes?: Buffer;
  /** The last day is today's trading, its batch still open (default false: all settled). */
  openDay?: boolean;
  /**
   * Each sale that went through (approved, later voided or refunded) was an
   * order (单据) of three lines, paid by it: the checkout's history (issue 14).
   * Off by default so the figures of sections that measure payments alone
   * stay comparable.
   */
  orders?: boolean;
}

export interface HistoryFigures {
  transactions: number;
  days: number;
  ms: number;
  rows: Record<string, number>;
}

/** Tables this generator fills: the ones that grow with the shop's history. */
export const HISTORY_TABLES = [
  'transactions',
  'transaction_items',
  'transaction_events',
  'qr_payments',
  'outbox',
  'print_jobs',
  'audit_log',
  'batches',
  'settlements',
  'sync_batches',
  'sync_parts',
  'shifts',
  'orders',
  'order_lines',
] as const;

const DAY = 86_400_000;

/** A typical cash receipt's ESC/POS bytes (two item lines, 80 mm). */
export function sampleReceiptBytes(): Buffer {
  const doc = buildCashReceipt(
    {
      merchantName: '测试便利店',
      merchantNumber: '898310148160001',
      terminalNumber: 'T0000001',
      header: '',
      footer: '谢谢惠顾 THANK YOU',
    },
    {
      amountFen: 1234,
      tenderedFen: 2000,
      changeFen: 766,
      operatorNo: '01',
      batchNo: '000001',
      traceNo: '000001',
      createdAt: Date.parse('2026-06-15T10:00:00+08:00'),
      training: true,
      items: [
        { name: '矿泉水', quantity: 2, unitPriceFen: 350, amountFen: 700 },
        { name: '面包', quantity: 1, unitPriceFen: 534, amountFen: 534 },
      ],
    },
    { duplicate: false, openDrawer: true },
  );
  return encodeDocument(doc, { paperWidth: 80 });
}

export function seedHistory(dbFile: string, o: HistoryOptions): HistoryFigures {
  const started = performance.now();
  const n = o.transactions;
  const perDay = o.perDay ?? 2_740; // a busy counter: a million transactions a year
  const days = Math.max(1, Math.ceil(n / perDay));
  const endAt = o.endAt ?? Date.now();
  const midnight = new Date(endAt);
  midnight.setHours(0, 0, 0, 0);
  const start = midnight.getTime() - days * DAY;
  const receipt = o.receiptBytes ?? sampleReceiptBytes();
  const db = new Database(dbFile);
  try {
    // Bulk load: nothing here needs to survive a power cut.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('foreign_keys = OFF');
    if (count(db, 'transactions') > 0)
      throw new Error('seedHistory wants a set-up terminal with no transactions yet');
    if (n === 0) return { transactions: 0, days: 0, ms: 0, rows: {} };
    // A batch opened at sign-in and still empty: the app opens the one after the history's.
    db.exec("DELETE FROM batches WHERE state = 'open'");

    const indexes = db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN (${HISTORY_TABLES.map((t) => `'${t}'`).join(', ')})`,
      )
      .all();
    db.transaction(() => {
      for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
      fill(db, { n, perDay, days, start, receipt });
      if (o.orders) fillOrders(db);
      if (o.openDay) reopenLastDay(db, days);
      for (const ix of indexes) db.exec(ix.sql);
      // The trace counter goes on from the history (per batch here; it wraps at 999999).
      db.prepare("UPDATE counters SET value = ? WHERE name = 'trace'").run(((n - 1) % perDay) + 1);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = Object.fromEntries(HISTORY_TABLES.map((t) => [t, count(db, t)]));
    return { transactions: n, days, ms: performance.now() - started, rows };
  } finally {
    db.close();
  }
}

/** Today: the last batch not settled yet, its cash sales still to hand over (PRODUCT.md §7). */
function reopenLastDay(db: Database.Database, days: number) {
  const batch = String(days).padStart(6, '0');
  db.prepare('DELETE FROM sync_parts WHERE batch_no = ?').run(batch);
  db.prepare('DELETE FROM sync_batches WHERE batch_no = ?').run(batch);
  db.prepare('DELETE FROM settlements WHERE batch_no = ?').run(batch);
  db.prepare("DELETE FROM outbox WHERE kind = 'batch-sync' AND payload ->> 'batchNo' = ?").run(
    batch,
  );
  db.prepare("UPDATE batches SET state = 'open', settled_at = NULL WHERE batch_no = ?").run(batch);
  db.prepare(
    `UPDATE outbox SET state = 'pending', done_at = NULL
     WHERE kind = 'cash-sale' AND dedupe_key LIKE 'cash-sale:' || ? || ':%'`,
  ).run(batch);
}

function count(db: Database.Database, table: string): number {
  return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
}

/**
 * A deterministic scramble of the counter `i` (salted), so every run writes
 * the same history: Knuth's multiplicative hash modulo a prime.
 */
const h = (salt: number) => `(((i + ${salt * 7919}) * 2654435761) % 4294967291)`;

function fill(
  db: Database.Database,
  g: { n: number; perDay: number; days: number; start: number; receipt: Buffer },
) {
  const { n, perDay, days, start } = g;
  const counter = `WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < ${n - 1})`;
  // Operators 01–08 take turns at the till (00 and 99 exist from set-up).
  const addOperator = db.prepare(
    `INSERT OR IGNORE INTO operators (operator_no, role, name, password_hash, must_change_password, created_at)
     VALUES (?, 'cashier', ?, 'x', 0, ?)`,
  );
  for (let k = 1; k <= 8; k += 1) {
    const no = String(k).padStart(2, '0');
    addOperator.run(no, `收银员${no}`, start);
  }

  // One batch a day, settled at its close; the batch after them is the open one.
  db.exec(`
    WITH RECURSIVE d(day) AS (SELECT 0 UNION ALL SELECT day + 1 FROM d WHERE day < ${days - 1})
    INSERT INTO batches (batch_no, state, opened_at, settled_at)
      SELECT printf('%06d', day + 1), 'settled', ${start} + day * ${DAY}, ${start} + day * ${DAY} + 80000000
      FROM d;
    INSERT INTO settlements (batch_no, step, operator_no, totals, host_code, started_at, updated_at, closed_at)
      SELECT batch_no, 'closed', '00', '{}', '00', settled_at - 60000, settled_at, settled_at FROM batches;
    WITH RECURSIVE d(day) AS (SELECT 0 UNION ALL SELECT day + 1 FROM d WHERE day < ${days - 1})
    INSERT INTO shifts (operator_no, started_at, ended_at)
      SELECT printf('%02d', 1 + (day + k) % 8), ${start} + day * ${DAY} + 28800000 + k * 21600000,
             ${start} + day * ${DAY} + 28800000 + (k + 1) * 21600000
      FROM d, (SELECT 0 AS k UNION ALL SELECT 1);
  `);

  // Half cash, 30 % card, 20 % QR; mostly approved sales, some voids and refunds.
  const tender = `CASE WHEN ${h(1)} % 100 < 50 THEN 'cash' WHEN ${h(1)} % 100 < 80 THEN 'card' ELSE 'qr' END`;
  const type = `CASE WHEN ${h(2)} % 100 < 94 THEN 'sale' WHEN ${h(2)} % 100 < 97 THEN 'void' ELSE 'refund' END`;
  db.exec(`
    ${counter}
    INSERT INTO transactions (id, type, tender, state, amount_fen, tendered_fen, change_fen, operator_no,
      batch_no, trace_no, training, created_at, updated_at, original_tx_id)
    SELECT i + 1, ${type}, ${tender},
      CASE WHEN ${type} <> 'sale' THEN 'approved'
           WHEN ${h(3)} % 100 < 90 THEN 'approved' WHEN ${h(3)} % 100 < 94 THEN 'declined'
           WHEN ${h(3)} % 100 < 97 THEN 'voided' ELSE 'refunded' END,
      100 + ${h(4)} % 50000, NULL, NULL, printf('%02d', 1 + ${h(5)} % 8),
      printf('%06d', i / ${perDay} + 1), printf('%06d', i % ${perDay} + 1), 1,
      ${start} + (i / ${perDay}) * ${DAY} + 28800000 + (i % ${perDay}) * (43200000 / ${perDay}),
      ${start} + (i / ${perDay}) * ${DAY} + 28800000 + (i % ${perDay}) * (43200000 / ${perDay}) + 800,
      CASE WHEN ${type} <> 'sale' AND i > 0 THEN i END
    FROM c;
    UPDATE transactions SET tendered_fen = ((amount_fen + 9999) / 10000) * 10000,
      change_fen = ((amount_fen + 9999) / 10000) * 10000 - amount_fen
      WHERE tender = 'cash' AND type = 'sale';
    UPDATE transactions SET pan_masked = '622202******' || printf('%04d', (id * 7919) % 10000),
      card_foreign = (id % 20 = 0), entry_mode = '051', processing_code = '000000',
      message_type_code = '22', response_code = CASE state WHEN 'declined' THEN '51' ELSE '00' END,
      auth_code = printf('%06d', (id * 104729) % 1000000), rrn = printf('%012d', id),
      host_date = '0615', host_time = '100000', issuer = '培训银行 TRAINING BANK'
      WHERE tender = 'card';
    INSERT INTO qr_payments (tx_id, order_no, original_order_no, wallet, code_masked, gateway_tx_id,
      payer_masked, gateway_code, gateway_message, fee_rate_bp)
    SELECT id, 'Q' || printf('%015d', id), NULL,
      CASE id % 3 WHEN 0 THEN 'wechat' WHEN 1 THEN 'alipay' ELSE 'unionpay' END,
      '1340****1234', 'G' || printf('%020d', id), 'o***x', 'SUCCESS', 'OK', 38
    FROM transactions WHERE tender = 'qr';
  `);

  // Two lines per sale; the state history; outbox rows as the app leaves them once settled.
  db.exec(`
    INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
    SELECT id, 1, CASE id % 5 WHEN 0 THEN '矿泉水' WHEN 1 THEN '面包' WHEN 2 THEN '牛奶'
             WHEN 3 THEN '口香糖' ELSE '咖啡' END, 1, amount_fen - amount_fen / 3, amount_fen - amount_fen / 3
    FROM transactions WHERE type = 'sale';
    INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
    SELECT id, 2, '购物袋', 1, amount_fen / 3, amount_fen / 3 FROM transactions WHERE type = 'sale';
    INSERT INTO transaction_events (tx_id, from_state, to_state, at, operator_no, note)
    SELECT id, NULL, CASE tender WHEN 'cash' THEN state ELSE 'pending' END, created_at, operator_no, NULL
    FROM transactions;
    INSERT INTO transaction_events (tx_id, from_state, to_state, at, operator_no, note)
    SELECT id, 'pending', state, updated_at, NULL, 'response 00' FROM transactions WHERE tender <> 'cash';
    INSERT INTO outbox (kind, dedupe_key, payload, state, attempts, next_attempt_at, created_at, done_at)
    SELECT CASE tender WHEN 'cash' THEN 'cash-sale' ELSE 'reversal' END,
      CASE tender WHEN 'cash' THEN 'cash-sale:' ELSE 'reversal:' END || batch_no || ':' || trace_no,
      CASE tender WHEN 'cash' THEN json_object('txId', id) ELSE json_object('txId', id, 'reason', NULL) END,
      CASE tender WHEN 'cash' THEN 'done' ELSE 'cancelled' END, 0, created_at, created_at, updated_at
    FROM transactions WHERE tender IN ('cash', 'card');
    INSERT INTO outbox (kind, dedupe_key, payload, state, attempts, next_attempt_at, created_at, done_at)
    SELECT 'batch-sync', 'batch-sync:898310148160001:T0000001:' || batch_no, json_object('batchNo', batch_no),
      'done', 1, settled_at, settled_at, settled_at + 5000
    FROM batches WHERE state = 'settled';
    INSERT INTO sync_batches (batch_no, merchant, terminal, state, tx_count, parts_total, parts_done,
      header_done, header_body, parts_sha256, created_at, updated_at)
    SELECT b.batch_no, '898310148160001', 'T0000001', 'done', t.n, (t.n + 999) / 1000, (t.n + 999) / 1000,
      1, CAST('{}' AS BLOB), lower(hex(randomblob(32))), b.settled_at, b.settled_at + 5000
    FROM batches b JOIN (SELECT batch_no, count(*) AS n FROM transactions GROUP BY batch_no) t
      ON t.batch_no = b.batch_no;
    WITH RECURSIVE p(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM p WHERE k < 1000)
    INSERT INTO sync_parts (batch_no, part_no, tx_count, first_tx_id, last_tx_id, sha256, body)
    SELECT s.batch_no, p.k, min(1000, s.tx_count - (p.k - 1) * 1000), 1, 1, lower(hex(randomblob(32))), NULL
    FROM sync_batches s JOIN p ON p.k <= s.parts_total;
  `);

  // Every receipt printed (cash: the customer's; card: merchant + cardholder;
  // QR: merchant + customer), and an audit entry per ten transactions.
  const jobs = db.prepare(`
    INSERT INTO print_jobs (tx_id, kind, copy, state, target, paper_width, bytes, attempts, created_at, printed_at)
    SELECT id, 'receipt', CASE WHEN tender = 'cash' OR copy = 1 THEN
        CASE tender WHEN 'card' THEN 'cardholder' ELSE 'customer' END ELSE 'merchant' END,
      'done', 'virtual', 80, ?, 1, updated_at, updated_at + 400
    FROM transactions, (SELECT 0 AS copy UNION ALL SELECT 1)
    WHERE state <> 'declined' AND (copy = 1 OR tender <> 'cash')
    ORDER BY id, copy`);
  jobs.run(g.receipt);
  db.exec(`
    INSERT INTO audit_log (at, operator_no, action, detail)
    SELECT created_at, operator_no, 'auth.signIn', json_object('role', 'cashier')
    FROM transactions WHERE id % 10 = 0;
  `);
}

/**
 * Orders of the paid sales: three lines each from 500 products in 12
 * categories (snapshots as sold; the catalogue itself isn't needed for them),
 * one order in seven with a discount on its first line, paid when its payment
 * was approved. Order numbers are 14 digits from the id, apart from the dated
 * ones the app gives new orders.
 */
function fillOrders(db: Database.Database) {
  db.exec(`
    INSERT INTO orders (id, order_no, state, operator_no, training, source, rounding, gross_fen,
      line_discount_fen, order_discount_fen, rounding_fen, total_fen, item_count, created_at,
      updated_at, paid_at)
    SELECT id, printf('%014d', id), 'paid', operator_no, 1, 'counter', 'none', amount_fen + d, d, 0, 0,
      amount_fen, 3, created_at - 60000, updated_at, updated_at
    FROM (SELECT *, CASE WHEN id % 7 = 0 THEN amount_fen / 10 ELSE 0 END AS d FROM transactions
          WHERE type = 'sale' AND state IN ('approved', 'voided', 'refunded'));
    UPDATE transactions SET order_id = id
      WHERE type = 'sale' AND state IN ('approved', 'voided', 'refunded');
    INSERT INTO order_lines (order_id, kind, product_id, code, name, spec, unit, category_id,
      category_name, quantity, weight_g, unit_price_fen, list_price_fen, gross_fen,
      line_discount_fen, order_discount_fen, net_fen, added_at)
    SELECT id, 'product', p, printf('2%05d', p), '商品' || p, '', '个', 1 + p % 12,
      '分类' || (1 + p % 12), 1, NULL, net + disc, net + disc, net + disc, disc, 0, net, at
    FROM (SELECT o.id, o.created_at + k * 1000 AS at, 1 + ((o.id * 31 + k * 7) % 500) AS p,
            CASE k WHEN 1 THEN o.total_fen / 2 WHEN 2 THEN o.total_fen / 4
              ELSE o.total_fen - o.total_fen / 2 - o.total_fen / 4 END AS net,
            CASE k WHEN 1 THEN o.line_discount_fen ELSE 0 END AS disc
          FROM orders o, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3))
    ORDER BY id, at;
  `);
}
