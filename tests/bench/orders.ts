import type { OrderView } from '../../preload/contract';
import { localDate } from '../../main/services/printing/receipts';
import { pinyinInitials } from '../../main/domain/catalogue/pinyin';
import { ok, signOff } from '../support/core';
import { latencyStats, machineLoad, time, type LatencyStats } from './stats';
import { openBenchTill, type BenchTill } from './till';

/**
 * The checkout's costs (issue 14): one line added to the open order through
 * the contract (a durable commit: the basket survives a power cut), on tills
 * with more and more history of orders, in turns; and the sales report by
 * product on a till with a long history of orders.
 */
const SUPERVISOR = { operatorNo: '00', password: '246810' };
const LINES_PER_ORDER = 10;
const DAY = 86_400_000;

function stock(till: BenchTill): number[] {
  const { repos } = till.core.internals;
  const ids: number[] = [];
  repos.inTransaction(() => {
    const category = repos.catalogue.addCategory('基准 Bench', Date.now());
    for (let i = 0; i < LINES_PER_ORDER; i += 1) {
      const name = `基准商品${i}`;
      ids.push(
        repos.catalogue.insert(
          {
            code: String(880_000 + i),
            name,
            spec: '',
            unit: '个',
            priceFen: 100 + i * 37,
            categoryId: category,
            weighable: false,
            active: true,
            pinyin: pinyinInitials(name),
            demo: false,
          },
          Date.now(),
        ),
      );
    }
  });
  return ids;
}

export interface OrderLineBench {
  sizes: number[];
  /** One per size: adding a line (order:addProduct), each a new line of the open order. */
  addLine: LatencyStats[];
  load: string;
  report: null | {
    size: number;
    /** Median of the runs, ms, and the lines each read. */
    day: { ms: number; lines: number; products: number };
    /** The first month report (folds the closed days) and the next ones (read them). */
    monthFirst: { ms: number; lines: number; products: number };
    month: { ms: number; lines: number; products: number };
    shift: { ms: number; lines: number; products: number };
  };
}

export async function benchOrderLines(o: {
  sizes: number[];
  iterations: number;
  reportSize: number;
  onProgress?: (line: string) => void;
}): Promise<OrderLineBench> {
  const sizes = [...new Set([...o.sizes, o.reportSize])];
  const tills: BenchTill[] = [];
  try {
    for (const size of sizes) {
      const till = await openBenchTill(size, {
        orders: true,
        supervisorPassword: SUPERVISOR.password,
      });
      tills.push(till);
      o.onProgress?.(
        `   till with ${size.toLocaleString('en')} transactions (their orders and lines) ready in ${(till.history.ms / 1000).toFixed(1)} s; ${machineLoad()}`,
      );
    }
    const products = tills.map(stock);
    const baskets = tills.map(() => ({ lines: 0, orderId: 0 }));
    const addLine = async (t: number) => {
      const b = baskets[t]!;
      const order = await ok<OrderView>(tills[t]!.core, 'order:addProduct', {
        productId: products[t]![b.lines]!,
      });
      b.lines += 1;
      b.orderId = order.id;
    };
    const payIfFull = async (t: number) => {
      const b = baskets[t]!;
      if (b.lines < LINES_PER_ORDER) return;
      await ok(tills[t]!.core, 'order:payCash', { orderId: b.orderId, tenderedFen: 100_000 });
      b.lines = 0;
    };
    const measured = o.sizes.map((s) => sizes.indexOf(s));
    for (const t of measured)
      for (let i = 0; i < 30; i += 1) {
        await addLine(t);
        await payIfFull(t);
      }
    const samples = measured.map(() => [] as bigint[]);
    for (let done = 0; done < o.iterations; done += LINES_PER_ORDER)
      for (const [k, t] of measured.entries())
        for (let i = 0; i < LINES_PER_ORDER; i += 1) {
          samples[k]!.push(await time(() => addLine(t)));
          await payIfFull(t);
        }
    const load = machineLoad();

    // The sales report by product on the till with the report's history.
    const till = tills[sizes.indexOf(o.reportSize)]!;
    let report: OrderLineBench['report'] = null;
    if (o.reportSize > 0) {
      await signOff(till.core); // the cashier's 交班 with a ¥0.00 count
      await ok(till.core, 'auth:signIn', SUPERVISOR);
      // The history ends the day before today: its last full day, and the 30 days before today.
      // Operator 01's last shift is one of the history's (their ids come after this till's own).
      const yesterday = localDate(Date.now() - DAY);
      const first = localDate(Date.now() - 30 * DAY);
      const measure = async (input: unknown, times = 5) => {
        const runs: number[] = [];
        let lines = 0;
        let rows = 0;
        for (let i = 0; i < times; i += 1) {
          const started = performance.now();
          const r = await ok<{ products: Array<{ lines: number }> }>(
            till.core,
            'reports:sales',
            input,
          );
          runs.push(performance.now() - started);
          lines = r.products.reduce((s, p) => s + p.lines, 0);
          rows = r.products.length;
        }
        runs.sort((a, b) => a - b);
        return { ms: runs[Math.floor(times / 2)]!, lines, products: rows };
      };
      const month = { kind: 'range', from: first, to: localDate(Date.now()) };
      // The first month report folds and keeps each closed day (migration 017); later ones read them.
      const monthFirst = await measure(month, 1);
      report = {
        size: o.reportSize,
        monthFirst,
        day: await measure({ kind: 'day', date: yesterday }),
        month: await measure(month),
        shift: await measure({ kind: 'shift', operatorNo: '01' }),
      };
    }
    return {
      sizes: o.sizes,
      addLine: samples.map((s) => latencyStats(s)),
      load,
      report,
    };
  } finally {
    for (const t of tills) await t.close();
  }
}
