// Reports and transaction-query benchmark (issue 9): a generator that fills a
// database with N transactions (default 1,000,000) in one SQLite transaction
// with prepared statements, then times the first page of every 交易查询 filter
// and every chart's data. Limits: first page ≤ 50 ms, each chart ≤ 100 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { manualClock } from '../../main/core/clock';
import { createRepositories, openDatabase, type Db } from '../../main/db';
import type { QueryFilter, QueryPage } from '../../main/db/repos/transaction-query';
import { createReportService } from '../../main/services/reports/report-service';
import type { PrintService } from '../../main/services/printing/print-service';
import type { SettingsStore } from '../../main/settings/store';

export const OPERATORS = ['01', '02', '03', '04', '05', '06', '07', '08'];
const TYPES = [
  'sale',
  'sale',
  'sale',
  'sale',
  'sale',
  'sale',
  'sale',
  'void',
  'refund',
  'preauth',
  'preauth_complete',
  'preauth_cancel',
] as const;
const TENDERS = ['cash', 'card', 'card', 'qr', 'qr'] as const;
const WALLETS = ['wechat', 'alipay', 'unionpay'] as const;

/** A small fast deterministic PRNG (mulberry32), so every run sees the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SeedOptions {
  count: number;
  /** Epoch ms of the first transaction; the rest spread evenly over `days`. */
  start: number;
  days: number;
  seed?: number;
}

export interface SeededRow {
  id: number;
  type: (typeof TYPES)[number];
  tender: (typeof TENDERS)[number];
  state: string;
  amountFen: number;
  operatorNo: string;
  batchNo: string;
  traceNo: string;
  createdAt: number;
  panMasked: string | null;
  rrn: string | null;
  orderNo: string | null;
}

/**
 * Fills `db` with operators, one batch per day and `count` transactions
 * (sales mostly; voids, refunds, pre-auths; cash, cards, QR; a few states;
 * items on some sales). Returns the rows when `keep` is set (tests use them
 * as the oracle). One SQLite transaction, prepared statements.
 */
export function seedTransactions(db: Db, o: SeedOptions, keep = false): SeededRow[] {
  const rnd = prng(o.seed ?? 9);
  const kept: SeededRow[] = [];
  const insOp = db.prepare(
    `INSERT OR IGNORE INTO operators (operator_no, role, name, password_hash, must_change_password, created_at)
     VALUES (?, 'cashier', ?, 'x', 0, 0)`,
  );
  const insBatch = db.prepare(
    `INSERT OR IGNORE INTO batches (batch_no, state, opened_at, settled_at) VALUES (?, 'settled', ?, ?)`,
  );
  const insTx = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, tendered_fen, change_fen, operator_no,
       batch_no, trace_no, training, created_at, updated_at, pan_masked, card_foreign, rrn, auth_code,
       original_tx_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insQr = db.prepare(
    `INSERT INTO qr_payments (tx_id, order_no, wallet, fee_rate_bp) VALUES (?, ?, ?, 38)`,
  );
  const insItem = db.prepare(
    `INSERT INTO transaction_items (tx_id, line_no, name, quantity, unit_price_fen, amount_fen)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const ITEMS = ['矿泉水', '面包', '牛奶', '口香糖', '咖啡'];
  const step = (o.days * 86_400_000) / o.count;
  db.transaction(() => {
    OPERATORS.forEach((op) => insOp.run(op, `收银员${op}`));
    let lastId = 0;
    let batchDay = -1;
    let trace = 0;
    for (let i = 0; i < o.count; i += 1) {
      const createdAt = Math.floor(o.start + i * step);
      const day = Math.floor((createdAt - o.start) / 86_400_000);
      const batchNo = String(day + 1).padStart(6, '0');
      if (day !== batchDay) {
        insBatch.run(batchNo, createdAt, createdAt + 86_400_000);
        batchDay = day;
        trace = 0;
      }
      trace += 1;
      const type = TYPES[Math.floor(rnd() * TYPES.length)]!;
      const tender = type.startsWith('preauth')
        ? 'card'
        : TENDERS[Math.floor(rnd() * TENDERS.length)]!;
      const r = rnd();
      const state =
        type === 'sale'
          ? r < 0.85
            ? 'approved'
            : r < 0.9
              ? 'declined'
              : r < 0.95
                ? 'voided'
                : 'refunded'
          : r < 0.92
            ? 'approved'
            : r < 0.97
              ? 'declined'
              : 'reversed';
      const amountFen = 1 + Math.floor(rnd() ** 3 * 2_000_000);
      const operatorNo = OPERATORS[Math.floor(rnd() * OPERATORS.length)]!;
      const traceNo = String(trace).padStart(6, '0');
      const card = tender === 'card';
      const last4 = String(Math.floor(rnd() * 10_000)).padStart(4, '0');
      const panMasked = card ? `622202******${last4}` : null;
      const rrn = card ? String(100_000_000_000 + i) : null;
      const original = (type === 'void' || type === 'refund') && lastId > 0 ? lastId : null;
      const cash = tender === 'cash' && type === 'sale';
      const info = insTx.run(
        type,
        tender,
        state,
        amountFen,
        cash ? amountFen : null,
        cash ? 0 : null,
        operatorNo,
        batchNo,
        traceNo,
        createdAt,
        createdAt,
        panMasked,
        card ? (rnd() < 0.05 ? 1 : 0) : null,
        rrn,
        card ? '123456' : null,
        original,
      );
      const id = Number(info.lastInsertRowid);
      let orderNo: string | null = null;
      if (tender === 'qr') {
        orderNo = `Q${String(id).padStart(15, '0')}`;
        insQr.run(id, orderNo, WALLETS[id % 3]);
      }
      if (type === 'sale' && id % 10 === 0) {
        const name = ITEMS[id % ITEMS.length]!;
        insItem.run(id, 1, name, 1 + (id % 3), 100, 100 * (1 + (id % 3)));
      }
      lastId = id;
      if (keep)
        kept.push({
          id,
          type,
          tender,
          state,
          amountFen,
          operatorNo,
          batchNo,
          traceNo,
          createdAt,
          panMasked,
          rrn,
          orderNo,
        });
    }
  })();
  return kept;
}

function time<T>(fn: () => T, runs = 5): { ms: number; value: T } {
  let value = fn(); // warm (statement prepared, pages cached)
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    value = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, value };
}

export async function benchReports(count = 1_000_000) {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-reports-'));
  try {
    const db = openDatabase(join(dir, 'pos.db'));
    // A year of business from 2026-01-01 local time.
    const start = new Date(2026, 0, 1, 8).getTime();
    const t0 = performance.now();
    const rows = seedTransactions(db, { count, start, days: 365 }, false);
    void rows;
    const fillMs = performance.now() - t0;
    const repos = createRepositories(db);
    const day = (m: number, d: number) => new Date(2026, m - 1, d).getTime();
    const sample = db
      .prepare<[], { pan_masked: string; rrn: string; trace_no: string }>(
        "SELECT pan_masked, rrn, trace_no FROM transactions WHERE tender = 'card' AND id = 500001",
      )
      .get();
    const order = db
      .prepare<[], { order_no: string }>('SELECT order_no FROM qr_payments LIMIT 1 OFFSET 333333')
      .get();
    const page: QueryPage = { sort: 'time', ascending: false, limit: 30 };
    const filters: Array<[string, QueryFilter, QueryPage?]> = [
      ['no filter (newest first)', {}],
      ['date range (one day)', { from: day(6, 15), to: day(6, 16) }],
      ['date range (one month)', { from: day(6, 1), to: day(7, 1) }],
      ['operator', { operatorNo: '03' }],
      ['operator + one day', { operatorNo: '03', from: day(6, 15), to: day(6, 16) }],
      ['type (refund)', { type: 'refund' }],
      ['type (preauth_cancel) + month', { type: 'preauth_cancel', from: day(6, 1), to: day(7, 1) }],
      ['tender (cash)', { tender: 'cash' }],
      ['state (reversed)', { state: 'reversed' }],
      ['state (declined) + tender (qr)', { state: 'declined', tender: 'qr' }],
      ['amount range ¥100–¥101', { minFen: 10_000, maxFen: 10_100 }],
      ['amount ≥ ¥19,000', { minFen: 1_900_000 }],
      ['amount ≥ ¥1 (wide)', { minFen: 100 }],
      ['amount exactly ¥123.45', { minFen: 12_345, maxFen: 12_345 }],
      [
        'amount range + one day',
        { minFen: 10_000, maxFen: 50_000, from: day(6, 15), to: day(6, 16) },
      ],
      ['card last 4', { cardLast4: sample?.pan_masked.slice(-4) ?? '0003' }],
      [
        'card last 4 + one month',
        { cardLast4: sample?.pan_masked.slice(-4) ?? '0003', from: day(6, 1), to: day(7, 1) },
      ],
      ['reference number', { referenceNo: sample?.rrn ?? '100000000001' }],
      ['voucher number', { voucherNo: sample?.trace_no ?? '000001' }],
      ['order number', { orderNo: order?.order_no ?? 'Q000000000000001' }],
      ['sorted by amount (largest first)', {}, { sort: 'amount', ascending: false, limit: 30 }],
      [
        'sorted by amount + one month',
        { from: day(6, 1), to: day(7, 1) },
        { sort: 'amount', ascending: false, limit: 30 },
      ],
      [
        'sorted by amount + operator',
        { operatorNo: '05' },
        { sort: 'amount', ascending: false, limit: 30 },
      ],
    ];
    const results: Array<{ name: string; ms: number; rows: number; plan: string }> = [];
    for (const [name, f, p] of filters) {
      const r = time(() => repos.transactionQuery.page(f, p ?? page));
      // The page as the contract returns it (rows hydrated) is what the screen waits for.
      const hydrated = time(() => r.value.map((h) => repos.transactions.get(h.id)));
      results.push({
        name,
        ms: r.ms + hydrated.ms,
        rows: r.value.length,
        plan: repos.transactionQuery.plan(f, p ?? page).join(' | '),
      });
    }
    const service = createReportService({
      repos,
      settings: {
        get: () => ({
          fees: { cardRate: 60, cardLargeRate: 55, largeAmountThresholdFen: 1_000_000, qrRate: 38 },
        }),
      } as unknown as SettingsStore,
      clock: manualClock(day(12, 31)),
      print: {} as PrintService,
    });
    const charts: Array<{ name: string; ms: number; buckets: number }> = [];
    for (const [name, req] of [
      ['sales by day, one month (June)', { kind: 'byDay', month: '2026-06' }],
      ['sales by hour, one day', { kind: 'byHour', date: '2026-06-15' }],
      ['tender mix, one month', { kind: 'tender', from: '2026-06-01', to: '2026-06-30' }],
      ['by operator, one month', { kind: 'operator', from: '2026-06-01', to: '2026-06-30' }],
    ] as const) {
      const r = time(() => service.chart(req), 3);
      charts.push({ name, ms: r.ms, buckets: r.value.buckets.length });
    }
    const dayReport = time(() => service.day('2026-06-15'), 3);
    db.close();
    return { count, fillMs, results, charts, dayReportMs: dayReport.ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
