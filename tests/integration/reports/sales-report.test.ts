import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  OrderView,
  PrintJob,
  ReceiptPreview,
  SalesReport,
  SalesRow,
} from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { pinyinInitials } from '../../../main/domain/catalogue/pinyin';
import { clearCatalogue } from '../../support/catalogue';
import {
  err,
  ok,
  setUpTerminal,
  enterFloat,
  signInCashier,
  startCore,
  tempDir,
  signOff,
} from '../../support/core';

/**
 * Sales by product, by category and discounts by operator (issue 14,
 * reports) against an oracle: orders are generated at random (seeded) through
 * the contract — several products and categories, weighed lines, line and
 * order discounts, rounding-off, some approved by the supervisor — and the
 * expected report is added up here from what each paid order's view says and
 * from what the generator did. A cancelled and a held order must not count.
 */
const SUPERVISOR = { operatorNo: '00', password: '246810' };
const CASHIERS = { '01': '1357', '02': '3579' } as const;
type CashierNo = keyof typeof CASHIERS;
const START = Date.parse('2026-11-24T09:30:00+08:00');
const DAY = 86_400_000;

interface Stocked {
  id: number;
  price: number;
  weighable: boolean;
  category: string | null;
}

let core: PosCore;
let clock: { advance(ms: number): void };
let tmp: ReturnType<typeof tempDir>;
let stock: Record<string, Stocked>;
/** Every paid order as its view said, with who rang it up and what the supervisor approved. */
const paid: Array<{ day: 0 | 1; shift: number; order: OrderView; approvals: Map<string, number> }> =
  [];
let cancelledOnly: number;

/** mulberry32: the same orders every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rnd = prng(14);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

function stockCatalogue(): Record<string, Stocked> {
  clearCatalogue(core);
  const { repos } = core.internals;
  const now = START;
  const out: Record<string, Stocked> = {};
  repos.inTransaction(() => {
    const cat = {
      饮料: repos.catalogue.addCategory('饮料', now),
      零食: repos.catalogue.addCategory('零食', now),
      生鲜: repos.catalogue.addCategory('生鲜', now),
    };
    const items: Array<[string, string, number, keyof typeof cat | null, boolean]> = [
      ['10001', '可口可乐', 300, '饮料', false],
      ['10002', '农夫山泉', 200, '饮料', false],
      ['10003', '乐事薯片', 850, '零食', false],
      ['10004', '德芙巧克力', 1290, '零食', false],
      ['10005', '香蕉', 698, '生鲜', true],
      ['10006', '购物袋', 30, null, false],
      ['10007', '口香糖', 1150, '零食', false], // only ever in the cancelled and the held order
    ];
    for (const [code, name, price, category, weighable] of items) {
      const id = repos.catalogue.insert(
        {
          code,
          name,
          spec: '',
          unit: weighable ? 'kg' : '个',
          priceFen: price,
          categoryId: category ? cat[category] : null,
          weighable,
          active: true,
          pinyin: pinyinInitials(name),
          demo: false,
        },
        now,
      );
      out[code] = { id, price, weighable, category };
    }
  });
  return out;
}

async function signIn(operatorNo: string, password: string) {
  await signOff(core).catch(() => undefined);
  await ok(core, 'auth:signIn', { operatorNo, password });
  // A cashier's shift takes payments once its float is in (issue 15).
  if (operatorNo !== '00' && operatorNo !== '99') await enterFloat(core);
}

/** One random order rung up and paid in cash by the cashier signed in. */
async function ringUp(approvals: Map<string, number>): Promise<OrderView> {
  let order: OrderView | null = null;
  const codes = ['10001', '10002', '10003', '10004', '10005', '10006'];
  for (let n = int(1, 4); n > 0; n -= 1) {
    const p = stock[pick(codes)]!;
    order = await ok<OrderView>(core, 'order:addProduct', {
      productId: p.id,
      ...(p.weighable ? { weightG: int(150, 2_400) } : { quantity: int(1, 5) }),
    });
  }
  if (rnd() < 0.25)
    order = await ok<OrderView>(core, 'order:addOpenLine', { amountFen: int(100, 3_000) });
  for (const line of order!.lines) {
    if (rnd() > 0.35 || line.grossFen < 20) continue;
    const approved = rnd() < 0.5;
    order = await ok<OrderView>(core, 'order:setLineDiscount', {
      lineId: line.id,
      discount:
        rnd() < 0.5
          ? { kind: 'percent', value: int(500, 3_000) }
          : { kind: 'amount', value: int(1, Math.floor(line.grossFen / 2)) },
      ...(approved ? { supervisor: SUPERVISOR } : {}),
    });
    if (approved) approvals.set(`line:${line.id}`, 1);
  }
  if (rnd() < 0.4) {
    const approved = rnd() < 0.5;
    order = await ok<OrderView>(core, 'order:setOrderDiscount', {
      discount:
        rnd() < 0.5
          ? { kind: 'percent', value: int(300, 1_500) }
          : { kind: 'amount', value: int(1, Math.floor(order!.totals.totalFen / 3)) },
      ...(approved ? { supervisor: SUPERVISOR } : {}),
    });
    if (approved) approvals.set('order', 1);
  }
  const total = order!.totals.totalFen;
  const r = await ok<{ order: OrderView }>(core, 'order:payCash', {
    orderId: order!.id,
    tenderedFen: Math.ceil(total / 10_000) * 10_000 || 10_000,
  });
  expect(r.order.state).toBe('paid');
  clock.advance(int(20_000, 300_000));
  return r.order;
}

async function shiftOf(cashier: CashierNo, day: 0 | 1, shift: number, orders: number) {
  await signIn(cashier, CASHIERS[cashier]);
  for (let i = 0; i < orders; i += 1) {
    const approvals = new Map<string, number>();
    const order = await ringUp(approvals);
    paid.push({ day, shift, order, approvals });
  }
}

beforeAll(async () => {
  tmp = tempDir('pos-sales-report-');
  const started = await startCore(tmp.dir, { clockStart: START });
  core = started.core;
  clock = started.clock;
  await setUpTerminal(core);
  await signInCashier(core);
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(core, 'operators:add', { operatorNo: '02', name: '李四', password: '2468' });
  // 抹零 to the jiao, and no limit for the cashier: the generator decides who approves.
  await ok(core, 'order:saveRules', {
    rounding: 'jiao',
    discountLimit: { percentBp: 10_000, amountFen: 99_999_999 },
    lineDelete: { mode: 'never', seconds: 60 },
  });
  await signOff(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '02',
    currentPassword: '2468',
    newPassword: CASHIERS['02'],
    confirmPassword: CASHIERS['02'],
  });
  stock = stockCatalogue();

  await shiftOf('01', 0, 1, 10);
  // A cancelled order and a held one, both with the one product nobody paid for.
  const gum = stock['10007']!;
  const o = await ok<OrderView>(core, 'order:addProduct', { productId: gum.id, quantity: 3 });
  await ok(core, 'order:cancel', { orderId: o.id, supervisor: SUPERVISOR });
  await ok(core, 'order:addProduct', { productId: gum.id, quantity: 2 });
  await ok(core, 'order:hold');
  cancelledOnly = gum.id;
  await shiftOf('02', 0, 2, 8);
  clock.advance(DAY);
  await shiftOf('01', 1, 3, 7);
}, 120_000);

afterAll(async () => {
  await core?.close();
  tmp?.remove();
});

type Sums = Pick<
  SalesRow,
  'lines' | 'quantity' | 'weightG' | 'grossFen' | 'discountFen' | 'netFen'
>;
const zero = (): Sums => ({
  lines: 0,
  quantity: 0,
  weightG: 0,
  grossFen: 0,
  discountFen: 0,
  netFen: 0,
});

/** The expected report, added up from the paid orders' views. */
function oracle(which: (p: (typeof paid)[number]) => boolean) {
  const byId = new Map(Object.values(stock).map((s) => [s.id, s]));
  const products = new Map<string, Sums>();
  const categories = new Map<string, Sums>();
  const discounts = new Map<
    string,
    { line: number; order: number; rounding: number; approved: number; approvedFen: number }
  >();
  let orders = 0;
  for (const p of paid.filter(which)) {
    orders += 1;
    const o = p.order;
    // The allocation: every fen of the order's discounts is on some line.
    expect(o.lines.reduce((s, l) => s + l.netFen, 0)).toBe(o.totals.totalFen);
    const d = discounts.get(o.operatorNo) ?? {
      line: 0,
      order: 0,
      rounding: 0,
      approved: 0,
      approvedFen: 0,
    };
    discounts.set(o.operatorNo, d);
    d.order += o.totals.orderDiscountFen;
    d.rounding += o.totals.roundingFen;
    if (p.approvals.has('order') && o.totals.orderDiscountFen > 0) {
      d.approved += 1;
      d.approvedFen += o.totals.orderDiscountFen;
    }
    for (const l of o.lines) {
      const s = l.productId !== null ? byId.get(l.productId)! : null;
      // Gross as the catalogue price says: quantity × price, or weight × price per kg.
      if (s)
        expect(l.grossFen).toBe(
          s.weighable ? Math.round((l.weightG! * s.price) / 1000) : l.quantity * s.price,
        );
      d.line += l.lineDiscountFen;
      if (p.approvals.has(`line:${l.id}`) && l.lineDiscountFen > 0) {
        d.approved += 1;
        d.approvedFen += l.lineDiscountFen;
      }
      const keys: Array<[Map<string, Sums>, string]> = [
        [products, l.productId !== null ? `p${l.productId}` : `o:${l.name}`],
        [categories, s?.category ?? '未分类 Uncategorised'],
      ];
      for (const [map, key] of keys) {
        const r = map.get(key) ?? zero();
        map.set(key, r);
        r.lines += 1;
        if (l.weightG !== null) r.weightG += l.weightG;
        else r.quantity += l.quantity;
        r.grossFen += l.grossFen;
        r.discountFen += l.lineDiscountFen + l.orderDiscountFen;
        r.netFen += l.netFen;
      }
    }
  }
  return { orders, products, categories, discounts };
}

const sums = (r: SalesRow): Sums => ({
  lines: r.lines,
  quantity: r.quantity,
  weightG: r.weightG,
  grossFen: r.grossFen,
  discountFen: r.discountFen,
  netFen: r.netFen,
});

function expectMatches(report: SalesReport, want: ReturnType<typeof oracle>) {
  expect(report.orders).toBe(want.orders);
  expect(new Map(report.products.map((r) => [r.key, sums(r)]))).toEqual(want.products);
  expect(new Map(report.categories.map((r) => [r.name, sums(r)]))).toEqual(want.categories);
  const net = [...want.products.values()].reduce((s, r) => s + r.netFen, 0);
  expect(report.totals.netFen).toBe(net);
  expect(report.totals.grossFen - report.totals.discountFen).toBe(net);
  expect(report.top.map((r) => r.key)).toEqual(
    [...report.products]
      .sort((a, b) => b.netFen - a.netFen || (a.code ?? '').localeCompare(b.code ?? ''))
      .slice(0, 10)
      .map((r) => r.key),
  );
  const got = new Map(
    report.discounts.map((d) => [
      d.operatorNo,
      {
        line: d.lineFen,
        order: d.orderFen,
        rounding: d.roundingFen,
        approved: d.approvedCount,
        approvedFen: d.approvedFen,
      },
    ]),
  );
  const wanted = new Map([...want.discounts].filter(([, d]) => d.line + d.order + d.rounding > 0));
  expect(got).toEqual(wanted);
  for (const d of report.discounts) {
    expect(d.totalFen).toBe(d.lineFen + d.orderFen + d.roundingFen);
    expect(d.approvers.every((a) => a.supervisorNo === '00')).toBe(true);
  }
}

describe('sales reports (paid orders only) against the oracle', () => {
  it('a day, a span of days, by product, by category, top products and discounts by operator', async () => {
    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    const day = await ok<SalesReport>(core, 'reports:sales', { kind: 'day', date: '2026-11-24' });
    expectMatches(
      day,
      oracle((p) => p.day === 0),
    );
    // Two cashiers gave discounts; some of them the supervisor approved.
    expect(day.discounts.map((d) => d.operatorNo)).toEqual(['01', '02']);
    expect(day.discounts.some((d) => d.approvedCount > 0)).toBe(true);
    // The cancelled and the held order's product was never paid for.
    expect(day.products.some((r) => r.key === `p${cancelledOnly}`)).toBe(false);
    expect(day.categories.length).toBeGreaterThanOrEqual(3);
    expect(day.products.some((r) => r.weightG > 0)).toBe(true);

    const both = await ok<SalesReport>(core, 'reports:sales', {
      kind: 'range',
      from: '2026-11-24',
      to: '2026-11-25',
    });
    expectMatches(
      both,
      oracle(() => true),
    );
    const next = await ok<SalesReport>(core, 'reports:sales', { kind: 'day', date: '2026-11-25' });
    expectMatches(
      next,
      oracle((p) => p.day === 1),
    );
    const empty = await ok<SalesReport>(core, 'reports:sales', { kind: 'day', date: '2026-11-23' });
    expect(empty).toMatchObject({ orders: 0, products: [], categories: [], discounts: [] });
  });

  it('a shift: the supervisor any operator’s, a cashier only their own', async () => {
    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    const second = await ok<SalesReport>(core, 'reports:sales', {
      kind: 'shift',
      operatorNo: '02',
    });
    expectMatches(
      second,
      oracle((p) => p.shift === 2),
    );
    expect(second.operatorNo).toBe('02');

    const earlier = await ok<SalesReport>(core, 'reports:sales', {
      kind: 'shift',
      operatorNo: '01',
    });
    expectMatches(
      earlier,
      oracle((p) => p.shift === 3),
    );

    // Signing in starts the cashier's next shift: theirs is what they sell in it.
    await shiftOf('01', 1, 4, 3);
    const own = await ok<SalesReport>(core, 'reports:sales', { kind: 'shift' });
    expectMatches(
      own,
      oracle((p) => p.shift === 4),
    );
    expect(await err(core, 'reports:sales', { kind: 'shift', operatorNo: '02' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await err(core, 'reports:sales', { kind: 'day' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('names a bad span', async () => {
    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    expect(
      await err(core, 'reports:sales', { kind: 'range', from: '2026-11-25', to: '2026-11-24' }),
    ).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'to', rule: 'dateOrder' }] });
    expect(
      await err(core, 'reports:sales', { kind: 'range', from: '2025-01-01', to: '2026-11-24' }),
    ).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'to', rule: 'reportSpan' }] });
    expect(await err(core, 'reports:sales', { kind: 'day', date: '2026-02-30' })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ field: 'date', rule: 'localDate' }],
    });
  });
});

describe('sales report CSV export', () => {
  it('is UTF-8 with a BOM, formula-safe, one row per product / category / operator, audited; not for a cashier', async () => {
    await signIn('01', CASHIERS['01']);
    const o = await ok<OrderView>(core, 'order:addOpenLine', {
      amountFen: 500,
      name: '=HYPERLINK("x")',
    });
    await ok(core, 'order:payCash', { orderId: o.id, tenderedFen: 500 });
    expect(
      await err(core, 'reports:exportSalesCsv', { report: { kind: 'shift' }, view: 'products' }),
    ).toMatchObject({ code: 'FORBIDDEN' });

    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    const report = { kind: 'day', date: '2026-11-25' } as const;
    const view = await ok<SalesReport>(core, 'reports:sales', report);
    const products = await ok<{ fileName: string; csv: string; rows: number }>(
      core,
      'reports:exportSalesCsv',
      { report, view: 'products' },
    );
    expect(products.csv.startsWith('\uFEFF编码 Code,商品 Product,')).toBe(true);
    expect(products.fileName).toMatch(/^sales-products-\d{8}-\d{6}\.csv$/);
    expect(products.rows).toBe(view.products.length);
    const lines = products.csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(view.products.length + 1);
    // A name a spreadsheet would run as a formula is written as text.
    expect(products.csv).toContain(`,"'=HYPERLINK(""x"")",`);
    const cola = view.products.find((r) => r.code === '10001');
    if (cola)
      expect(lines).toContain(
        `10001,可口可乐,个,${cola.quantity},,${cola.lines},${(cola.grossFen / 100).toFixed(2)},${(cola.discountFen / 100).toFixed(2)},${(cola.netFen / 100).toFixed(2)},0,0.00`,
      );

    const categories = await ok<{ csv: string; rows: number }>(core, 'reports:exportSalesCsv', {
      report,
      view: 'categories',
    });
    expect(categories.rows).toBe(view.categories.length);
    expect(categories.csv).toContain('\r\n生鲜,');
    const discounts = await ok<{ csv: string; rows: number }>(core, 'reports:exportSalesCsv', {
      report,
      view: 'discounts',
    });
    expect(discounts.rows).toBe(view.discounts.length);
    expect(discounts.csv.split('\r\n')[1]).toMatch(/^01,\d+,/);

    const audit = core.internals.db
      .prepare<[], { operator_no: string; detail: string }>(
        "SELECT operator_no, detail FROM audit_log WHERE action = 'sales.exported' ORDER BY id",
      )
      .all();
    expect(audit.map((a) => a.operator_no)).toEqual(['00', '00', '00']);
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      view: 'products',
      rows: view.products.length,
      report,
    });
  });
});

describe('the sales report on the receipt printer', () => {
  it('prints the view asked for with the report’s figures, audited; a cashier only their own shift', async () => {
    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    const report = { kind: 'day', date: '2026-11-24' } as const;
    const view = await ok<SalesReport>(core, 'reports:sales', report);
    const printed = await ok<{ printJobs: PrintJob[] }>(core, 'reports:printSales', {
      report,
      view: 'products',
    });
    expect(printed.printJobs).toHaveLength(1);
    const preview = await ok<ReceiptPreview>(core, 'print:preview', {
      jobId: printed.printJobs[0]!.id,
    });
    const text = preview.lines.map((l) => l.text).join('\n');
    expect(text).toContain('商品销售报表');
    const net = (fen: number) => `RMB ${(fen / 100).toFixed(2)}`;
    expect(text).toMatch(new RegExp(`实收 NET +${net(view.totals.netFen).replace('.', '\\.')}`));
    for (const p of view.products) expect(text).toContain(p.name);
    const last = core.internals.db
      .prepare<[], { action: string; operator_no: string }>(
        'SELECT action, operator_no FROM audit_log ORDER BY id DESC LIMIT 1',
      )
      .get();
    expect(last).toEqual({ action: 'sales.printed', operator_no: '00' });

    await signIn('01', CASHIERS['01']);
    expect(
      (await err(core, 'reports:printSales', { report: { kind: 'day' }, view: 'products' })).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await err(core, 'reports:printSales', {
          report: { kind: 'shift', operatorNo: '02' },
          view: 'categories',
        })
      ).code,
    ).toBe('FORBIDDEN');
    const own = await ok<{ printJobs: PrintJob[] }>(core, 'reports:printSales', {
      report: { kind: 'shift' },
      view: 'categories',
    });
    const ownText = (
      await ok<ReceiptPreview>(core, 'print:preview', { jobId: own.printJobs[0]!.id })
    ).lines
      .map((l) => l.text)
      .join('\n');
    expect(ownText).toMatch(/班次操作员 SHIFT OF +01/);
  });
});

describe('closed days are folded once (migration 017)', () => {
  it('keeps a closed day’s fold and reads it back; a sale the clock puts into that day is counted next time', async () => {
    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    const db = core.internals.db;
    const dayFrom = new Date(2026, 10, 24).getTime();
    const kept = db.prepare<[number], { fold: string }>(
      'SELECT fold FROM sales_day_folds WHERE day_from = ?',
    );
    const day = { kind: 'day', date: '2026-11-24' };
    const first = await ok<SalesReport>(core, 'reports:sales', day);
    expect(kept.get(dayFrom)).toBeDefined();
    // Today (the clock is on the 25th) is never kept: it still takes sales.
    await ok(core, 'reports:sales', { kind: 'range', from: '2026-11-24', to: '2026-11-25' });
    expect(kept.get(new Date(2026, 10, 25).getTime())).toBeUndefined();
    // The report reads the kept fold: a changed figure in it shows (then put back).
    const stored = kept.get(dayFrom)!.fold;
    db.prepare(
      "UPDATE sales_day_folds SET fold = json_set(fold, '$.orders', 999) WHERE day_from = ?",
    ).run(dayFrom);
    expect((await ok<SalesReport>(core, 'reports:sales', day)).orders).toBe(999);
    db.prepare('UPDATE sales_day_folds SET fold = ? WHERE day_from = ?').run(stored, dayFrom);
    expect(await ok<SalesReport>(core, 'reports:sales', day)).toEqual(first);

    // The clock is put back into the 24th and a cashier sells: that day's fold is forgotten.
    clock.advance(-DAY);
    await signIn('01', CASHIERS['01']);
    const order = await ringUp(new Map());
    paid.push({ day: 0, shift: 4, order, approvals: new Map() });
    expect(kept.get(dayFrom)).toBeUndefined();
    await signIn(SUPERVISOR.operatorNo, SUPERVISOR.password);
    const again = await ok<SalesReport>(core, 'reports:sales', day);
    expect(again.orders).toBe(first.orders + 1);
    expectMatches(
      again,
      oracle((p) => p.day === 0),
    );
    clock.advance(DAY);
    // Two closed days from their folds (the 23rd kept empty, the 24th folded again).
    expectMatches(
      await ok<SalesReport>(core, 'reports:sales', {
        kind: 'range',
        from: '2026-11-23',
        to: '2026-11-24',
      }),
      oracle((p) => p.day === 0),
    );
  });
});
