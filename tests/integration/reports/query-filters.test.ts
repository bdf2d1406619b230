import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../main/core/clock';
import { createRepositories, openDatabase, type Db } from '../../../main/db';
import { createReportService } from '../../../main/services/reports/report-service';
import type { PrintService } from '../../../main/services/printing/print-service';
import type { SettingsStore } from '../../../main/settings/store';
import { seedTransactions, type SeededRow } from '../../bench/reports';

// Every 交易查询 filter against an oracle: the generator's own rows filtered in JS.
const FEES = { cardRate: 60, cardLargeRate: 55, largeAmountThresholdFen: 1_000_000, qrRate: 38 };
const start = new Date(2026, 5, 1, 8).getTime();
const day = (d: number) => new Date(2026, 5, d).getTime();

let db: Db;
let rows: SeededRow[];
let service: ReturnType<typeof createReportService>;

beforeAll(() => {
  db = openDatabase(':memory:');
  rows = seedTransactions(db, { count: 3_000, start, days: 20, seed: 3 }, true);
  service = createReportService({
    repos: createRepositories(db),
    settings: { get: () => ({ fees: FEES }) } as unknown as SettingsStore,
    clock: manualClock(day(25)),
    print: {} as PrintService,
  });
});
afterAll(() => db.close());

type Query = Parameters<ReturnType<typeof createReportService>['query']>[0];

/** All pages of a query, following the keyset cursor. */
function all(q: Partial<Query>): number[] {
  const ids: number[] = [];
  let after: { key: number; id: number } | undefined;
  for (let i = 0; i < 1_000; i += 1) {
    const page = service.query({
      sort: 'time',
      ascending: false,
      limit: 100,
      ...q,
      ...(after ? { after } : {}),
    } as Query);
    ids.push(...page.transactions.map((t) => t.id));
    if (!page.next) break;
    after = page.next;
  }
  return ids;
}

const newestFirst = (a: SeededRow, b: SeededRow) => b.createdAt - a.createdAt || b.id - a.id;
const oracle = (pred: (r: SeededRow) => boolean) =>
  rows
    .filter(pred)
    .sort(newestFirst)
    .map((r) => r.id);

describe('transactions:query filters (3,000 generated transactions)', () => {
  const card = () => rows.find((r) => r.panMasked !== null)!;
  const cases: Array<[string, () => Partial<Query>, (r: SeededRow) => boolean]> = [
    ['no filter', () => ({}), () => true],
    [
      'date range (local days, to inclusive)',
      () => ({ from: '2026-06-05', to: '2026-06-06' }),
      (r) => r.createdAt >= day(5) && r.createdAt < day(7),
    ],
    ['operator', () => ({ operatorNo: '03' }), (r) => r.operatorNo === '03'],
    ['type', () => ({ type: 'refund' }), (r) => r.type === 'refund'],
    ['tender', () => ({ tender: 'qr' }), (r) => r.tender === 'qr'],
    ['state', () => ({ state: 'declined' }), (r) => r.state === 'declined'],
    [
      'amount range',
      () => ({ minFen: 10_000, maxFen: 200_000 }),
      (r) => r.amountFen >= 10_000 && r.amountFen <= 200_000,
    ],
    [
      'card last 4',
      () => ({ cardLast4: card().panMasked!.slice(-4) }),
      (r) => r.panMasked?.slice(-4) === card().panMasked!.slice(-4),
    ],
    ['reference number', () => ({ referenceNo: card().rrn! }), (r) => r.rrn === card().rrn],
    ['voucher number', () => ({ voucherNo: '000007' }), (r) => r.traceNo === '000007'],
    [
      'order number',
      () => ({ orderNo: rows.find((r) => r.orderNo)!.orderNo! }),
      (r) => r.orderNo === rows.find((x) => x.orderNo)!.orderNo,
    ],
    [
      'combined: operator + tender + day range + amount',
      () => ({
        operatorNo: '02',
        tender: 'card',
        from: '2026-06-02',
        to: '2026-06-10',
        minFen: 500,
      }),
      (r) =>
        r.operatorNo === '02' &&
        r.tender === 'card' &&
        r.createdAt >= day(2) &&
        r.createdAt < day(11) &&
        r.amountFen >= 500,
    ],
  ];
  for (const [name, q, pred] of cases)
    it(`${name}: every page, in order, nothing missed or repeated`, () => {
      const expected = oracle(pred);
      expect(expected.length).toBeGreaterThan(0);
      expect(all(q())).toEqual(expected);
    });

  it('sorts by amount (largest first, then id) and pages by keyset', () => {
    const expected = rows
      .filter((r) => r.operatorNo === '05')
      .sort((a, b) => b.amountFen - a.amountFen || b.id - a.id)
      .map((r) => r.id);
    expect(all({ operatorNo: '05', sort: 'amount' })).toEqual(expected);
    const asc = all({ tender: 'cash', sort: 'amount', ascending: true });
    expect(asc).toEqual(
      rows
        .filter((r) => r.tender === 'cash')
        .sort((a, b) => a.amountFen - b.amountFen || a.id - b.id)
        .map((r) => r.id),
    );
  });

  it('refuses an impossible day and a reversed date range with field rules', () => {
    expect(() => all({ from: '2026-02-30' })).toThrow();
    expect(() => all({ from: '2026-06-10', to: '2026-06-01' })).toThrow();
  });

  it('uses an index for every filter (no full table scan)', () => {
    const repos = createRepositories(db);
    const filters = [
      { cardLast4: '0003' },
      { referenceNo: '100000000001' },
      { voucherNo: '000001' },
      { operatorNo: '01' },
      { type: 'refund' as const },
      { tender: 'cash' as const },
      { state: 'reversed' as const },
    ];
    for (const f of filters) {
      const plan = repos.transactionQuery.plan(f, { sort: 'time', ascending: false, limit: 30 });
      expect(plan.join(' '), JSON.stringify(f)).toMatch(/USING (COVERING )?INDEX/);
    }
  });

  it('exports the query result as CSV with a BOM, one line per transaction', () => {
    const repos = createRepositories(db);
    const svc = createReportService({
      repos,
      settings: { get: () => ({ fees: FEES }) } as unknown as SettingsStore,
      clock: manualClock(day(25)),
      print: {} as PrintService,
    });
    const out = svc.exportCsv({ operatorNo: '04' }, '00');
    expect(out.csv.startsWith('\uFEFF')).toBe(true);
    expect(out.rows).toBe(rows.filter((r) => r.operatorNo === '04').length);
    expect(out.csv.split('\r\n').filter(Boolean)).toHaveLength(out.rows + 1);
    expect(out.truncated).toBe(false);
  });

  it('CSV: states in words and 原交易 as batch/voucher, never the machine’s keys or row ids (issue 18 item 17)', () => {
    const out = service.exportCsv({}, '00');
    const lines = out.csv.replace('\uFEFF', '').split('\r\n').filter(Boolean);
    const header = lines[0]!.split(',');
    const state = header.findIndex((h) => h.startsWith('状态'));
    const original = header.findIndex((h) => h.startsWith('原交易'));
    // Cells as a spreadsheet reads them ("1,723.87" is one cell).
    const split = (l: string) =>
      [...l.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, ''));
    const cells = lines.slice(1).map(split);
    const states = new Set(cells.map((c) => c[state]));
    for (const s of states) expect(s).toMatch(/^[\u4e00-\u9fff]+ [A-Z][a-z ]+$/);
    const originals = cells.map((c) => c[original]).filter(Boolean);
    expect(originals.length).toBeGreaterThan(0);
    for (const o of originals) expect(o).toMatch(/^\d{6}\/\d{6}$/);
  });
});
