import { availableParallelism, loadavg } from 'node:os';

/**
 * The machine's load when a figure was taken (it is shared: other work slows
 * every figure alike, which is why the bench prints ratios measured together).
 */
export function machineLoad(): string {
  const [one, five] = loadavg();
  return `load ${one!.toFixed(2)} (5 min ${five!.toFixed(2)}) on ${availableParallelism()} cores`;
}

/** Latency figures from samples in nanoseconds (bigint from process.hrtime.bigint). */
export interface LatencyStats {
  n: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
}

export function latencyStats(samplesNs: bigint[]): LatencyStats {
  const ms = samplesNs.map((ns) => Number(ns) / 1e6).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] ?? Number.NaN;
  const total = ms.reduce((a, b) => a + b, 0);
  return {
    n: ms.length,
    medianMs: at(0.5),
    p99Ms: at(0.99),
    maxMs: ms[ms.length - 1] ?? Number.NaN,
    perSecond: (ms.length / total) * 1000,
  };
}

export async function time(fn: () => unknown | Promise<unknown>): Promise<bigint> {
  const start = process.hrtime.bigint();
  await fn();
  return process.hrtime.bigint() - start;
}

export function fmt(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`;
}
