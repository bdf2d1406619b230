// Which statements a cash sale runs, how often and for how long (issue 17):
//   npx tsx tests/bench/statement-times.ts [n] [OFF|FULL]
// It wraps better-sqlite3's Statement methods, so the times include the
// native work only (binding, stepping, triggers, and COMMIT's WAL writes).
import { cashSale } from './flows';
import { openBenchTill } from './till';

const n = Number(process.argv[2] ?? 500);
const synchronous = process.argv[3] === 'FULL' ? 'FULL' : 'OFF';
const till = await openBenchTill(0);
const db = till.core.internals.db;
const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
const stats = new Map<string, { calls: number; ns: bigint }>();
let on = false;
for (const m of ['run', 'get', 'all', 'iterate', 'pluck']) {
  const orig = proto[m] as (...a: unknown[]) => unknown;
  if (m === 'pluck' || m === 'iterate') continue;
  proto[m] = function (this: { source: string }, ...args: unknown[]) {
    if (!on) return orig.apply(this, args);
    const s = process.hrtime.bigint();
    try {
      return orig.apply(this, args);
    } finally {
      const k = `${m} ${this.source.replace(/\s+/g, ' ').slice(0, 110)}`;
      const e = stats.get(k) ?? { calls: 0, ns: 0n };
      e.calls += 1;
      e.ns += process.hrtime.bigint() - s;
      stats.set(k, e);
    }
  };
}
try {
  db.pragma(`synchronous = ${synchronous}`);
  for (let i = 0; i < 100; i += 1) {
    await cashSale.run(till);
    await cashSale.settle?.(till);
  }
  let timed = 0n;
  for (let i = 0; i < n; i += 1) {
    on = true;
    const s = process.hrtime.bigint();
    await cashSale.run(till);
    timed += process.hrtime.bigint() - s;
    on = false;
    await cashSale.settle?.(till);
  }
  const rows = [...stats].sort((a, b) => Number(b[1].ns - a[1].ns));
  const total = rows.reduce((t, [, e]) => t + e.ns, 0n);
  console.log(
    `${n} sales (synchronous=${synchronous}): ${(Number(timed) / 1e3 / n).toFixed(0)} µs a call, of which statements ${(Number(total) / 1e3 / n).toFixed(0)} µs in ${rows.reduce((t, [, e]) => t + e.calls, 0) / n} statements`,
  );
  for (const [k, e] of rows.slice(0, Number(process.argv[4] ?? 40)))
    console.log(
      `${(Number(e.ns) / 1e3 / n).toFixed(1).padStart(7)} µs  ${(e.calls / n).toFixed(1).padStart(4)}×  ${k}`,
    );
} finally {
  await till.close();
}
