// Profiles a loop of cash sales through the contract (issue 17, the durable
// commit): `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tests/bench/profile-sale.ts [n] [OFF|FULL]`
// then open the .cpuprofile in Chrome DevTools, or summarise it with
// `npx tsx tests/bench/profile-summary.ts /tmp/prof/*.cpuprofile`.
import { cashSale } from './flows';
import { fmt, latencyStats, machineLoad } from './stats';
import { openBenchTill } from './till';

const n = Number(process.argv[2] ?? 2000);
const synchronous = process.argv[3] === 'FULL' ? 'FULL' : 'OFF';
const till = await openBenchTill(0);
try {
  till.core.internals.db.pragma(`synchronous = ${synchronous}`);
  for (let i = 0; i < 100; i += 1) {
    await cashSale.run(till);
    await cashSale.settle?.(till);
  }
  const samples: bigint[] = [];
  // CPU time of this process during the calls: steadier than wall time on a shared machine.
  const cpu: bigint[] = [];
  for (let i = 0; i < n; i += 1) {
    const c = process.cpuUsage();
    const s = process.hrtime.bigint();
    await cashSale.run(till);
    samples.push(process.hrtime.bigint() - s);
    const d = process.cpuUsage(c);
    cpu.push(BigInt(d.user + d.system) * 1000n);
    await cashSale.settle?.(till);
  }
  const r = latencyStats(samples);
  const c = latencyStats(cpu);
  console.log(
    `${n} cash sales (synchronous=${synchronous}): p50 ${fmt(r.medianMs)}, p99 ${fmt(r.p99Ms)} a call; CPU p50 ${fmt(c.medianMs)} (${machineLoad()})`,
  );
} finally {
  await till.close();
}
