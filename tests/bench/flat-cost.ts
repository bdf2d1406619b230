import { benchRetentionCatchUp, type CatchUpFigures } from './growth';
import { latencyStats, machineLoad, time, type LatencyStats } from './stats';
import type { Flow } from './flows';
import { openBenchTill, type BenchTill } from './till';

/**
 * Flat cost: the same flows on tills that differ only in how much history
 * their database holds. All tills are open at once and take turns (a round
 * of `perRound` operations each), so a machine that gets busier during the
 * run slows every size alike and the ratios stay honest.
 */
export interface FlatCostOptions {
  sizes: readonly number[];
  flows: readonly Flow[];
  /** Timed operations per flow and size. */
  iterations: number;
  warmup?: number;
  perRound?: number;
  onProgress?(line: string): void;
  /** Afterwards, time the first clean-up of old receipts on the till with the most history. */
  catchUp?: boolean;
}

export interface FlatCostResult {
  sizes: Array<{ size: number; seedMs: number; seedLoad: string }>;
  /** stats[flow][size index] */
  stats: Record<string, LatencyStats[]>;
  load: string;
  catchUp: (CatchUpFigures & { size: number }) | null;
}

export async function benchFlatCost(o: FlatCostOptions): Promise<FlatCostResult> {
  const tills: BenchTill[] = [];
  const sizes: FlatCostResult['sizes'] = [];
  try {
    for (const size of o.sizes) {
      // Every job ever printed is in the history, and stays during the run:
      // the queue itself must be flat, whatever retention does.
      const till = await openBenchTill(size, { keepPrintedDays: 3650 });
      tills.push(till);
      sizes.push({ size, seedMs: till.history.ms, seedLoad: machineLoad() });
      o.onProgress?.(
        `   till with ${size.toLocaleString('en')} transactions of history ready (seeded in ${(till.history.ms / 1000).toFixed(1)} s; ${machineLoad()})`,
      );
    }
    const samples = new Map<string, bigint[][]>();
    for (const flow of o.flows) {
      samples.set(
        flow.name,
        tills.map(() => []),
      );
      // Warm-up on every till: statements prepared, caches filled, host signed in.
      for (const till of tills)
        for (let i = 0; i < (o.warmup ?? 20); i += 1) {
          await flow.run(till);
          await flow.settle?.(till);
        }
    }
    const perRound = o.perRound ?? 25;
    for (let done = 0; done < o.iterations; done += perRound) {
      const n = Math.min(perRound, o.iterations - done);
      for (const flow of o.flows)
        for (const [t, till] of tills.entries()) {
          const into = samples.get(flow.name)![t]!;
          for (let i = 0; i < n; i += 1) {
            into.push(await time(() => flow.run(till)));
            await flow.settle?.(till);
          }
        }
    }
    const stats: FlatCostResult['stats'] = {};
    for (const [name, perTill] of samples) stats[name] = perTill.map((s) => latencyStats(s));
    const load = machineLoad();
    const biggest = tills.at(-1);
    const catchUp =
      o.catchUp && biggest && biggest.history.transactions > 0
        ? { size: biggest.history.transactions, ...(await benchRetentionCatchUp(biggest)) }
        : null;
    return { sizes, stats, load, catchUp };
  } finally {
    for (const till of tills) await till.close();
  }
}
