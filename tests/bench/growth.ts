import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Db } from '../../main/db';
import { cashSale } from './flows';
import { openBenchTill, type BenchTill } from './till';

const MiB = 1024 * 1024;

/** Bytes the database's pages hold (after a checkpoint: the WAL's pages are in the file). */
function usedBytes(db: Db): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const pages = db.pragma('page_count', { simple: true }) as number;
  const free = db.pragma('freelist_count', { simple: true }) as number;
  return (pages - free) * (db.pragma('page_size', { simple: true }) as number);
}

/** Bytes of the print queue: its rows (with the receipts' ESC/POS bytes) and indexes. */
function printQueueBytes(db: Db): number {
  return (
    db
      .prepare<[], { n: number | null }>(
        "SELECT sum(pgsize) AS n FROM dbstat WHERE name IN ('print_jobs', 'print_jobs_open', 'print_jobs_tx')",
      )
      .get()?.n ?? 0
  );
}

export interface GrowthFigures {
  sales: number;
  /** MiB the database grows per 100,000 cash sales through the contract. */
  per100kMiB: number;
  /** Of which the printed receipts: removed after keepPrintedDays. */
  receiptsPer100kMiB: number;
}

/**
 * Database growth per 100,000 sales, measured on `sales` cash sales through
 * the contract (receipt printed, as at a counter) and scaled up: what a sale
 * keeps for good (the transaction, its lines and history, outbox and hourly
 * sums) and what the print queue holds until keepPrintedDays have passed.
 */
export async function benchGrowth(sales: number): Promise<GrowthFigures> {
  const till = await openBenchTill(0);
  try {
    const db = till.core.internals.db;
    for (let i = 0; i < 20; i += 1) {
      await cashSale.run(till);
      await cashSale.settle?.(till);
    }
    const before = usedBytes(db);
    const receiptsBefore = printQueueBytes(db);
    for (let i = 0; i < sales; i += 1) {
      await cashSale.run(till);
      await cashSale.settle?.(till);
    }
    const scale = 100_000 / sales / MiB;
    return {
      sales,
      per100kMiB: (usedBytes(db) - before) * scale,
      receiptsPer100kMiB: (printQueueBytes(db) - receiptsBefore) * scale,
    };
  } finally {
    await till.close();
  }
}

export interface CatchUpFigures {
  removed: number;
  ms: number;
  /** The longest the event loop was held meanwhile: what a sale could have waited. */
  maxBlockMs: number;
  freedMiB: number;
}

/**
 * The first clean-up on a till whose print queue kept every job (e.g. the
 * first start after an upgrade): keepPrintedDays back to 30, removal timed,
 * and the event loop watched, since sales go on meanwhile.
 */
export async function benchRetentionCatchUp(till: BenchTill): Promise<CatchUpFigures> {
  const { settings, print, db } = till.core.internals;
  const p = settings.get();
  settings.save({ ...p, receipt: { ...p.receipt, keepPrintedDays: 30 } });
  const before = usedBytes(db);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const t0 = performance.now();
  const removed = await print.pruneOld();
  const ms = performance.now() - t0;
  loop.disable();
  return {
    removed,
    ms,
    maxBlockMs: loop.max / 1e6,
    freedMiB: (before - usedBytes(db)) / MiB,
  };
}
