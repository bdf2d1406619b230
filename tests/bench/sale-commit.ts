import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPragmas } from '../../main/db/connection';
import { cashSale } from './flows';
import { latencyStats, time, type LatencyStats } from './stats';
import { openBenchTill } from './till';

/**
 * What a cash sale costs to make durable, against the floor this disk sets:
 * one single-row commit with synchronous=FULL in WAL mode, measured in the
 * same run on the same disk, in turns with the sales (50 of each per round).
 * A sale commits once (the transaction, its lines, its history entry, the
 * outbox row, the receipt's print job and the hour's sums). The same sale
 * with synchronous=OFF shows where the time goes: what is left is the work
 * (validation, receipt, SQL); the difference is the wait for the disk.
 */
export async function benchSaleCommit(iterations: number) {
  const till = await openBenchTill(0);
  const raw = new Database(join(till.dataDir, 'raw.sqlite'));
  try {
    applyPragmas(raw);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    const payload = Buffer.alloc(200, 1);
    const db = till.core.internals.db;
    const samples = { raw: [] as bigint[], sale: [] as bigint[], noFsync: [] as bigint[] };
    const sale = async (into: bigint[] | null, synchronous: 'FULL' | 'OFF') => {
      db.pragma(`synchronous = ${synchronous}`);
      const ns = await time(() => cashSale.run(till));
      db.pragma('synchronous = FULL');
      into?.push(ns);
      await cashSale.settle?.(till); // the receipt prints between customers, untimed
    };
    for (let i = 0; i < 50; i += 1) {
      insert.run(payload);
      await sale(null, 'FULL');
    }
    for (let done = 0; done < iterations; done += 50) {
      const n = Math.min(50, iterations - done);
      for (let i = 0; i < n; i += 1) samples.raw.push(await time(() => insert.run(payload)));
      for (let i = 0; i < n; i += 1) await sale(samples.sale, 'FULL');
      for (let i = 0; i < n; i += 1) await sale(samples.noFsync, 'OFF');
    }
    return {
      raw: latencyStats(samples.raw),
      sale: latencyStats(samples.sale),
      noFsync: latencyStats(samples.noFsync),
    };
  } finally {
    raw.close();
    await till.close();
  }
}

export function ratio(a: LatencyStats, b: LatencyStats) {
  return { median: a.medianMs / b.medianMs, p99: a.p99Ms / b.p99Ms };
}

/**
 * Where a sale's disk wait comes from: what one cash sale writes to the WAL
 * (frames = pages, commits, and which tables and indexes own the pages),
 * read from the WAL file itself after a checkpoint emptied it.
 */
export async function salePagesWritten() {
  const till = await openBenchTill(0);
  try {
    const db = till.core.internals.db;
    for (let i = 0; i < 20; i += 1) {
      await cashSale.run(till);
      await cashSale.settle?.(till);
    }
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    await cashSale.run(till);
    const wal = readFileSync(join(till.dataDir, 'pos.sqlite-wal'));
    const pageSize = wal.readUInt32BE(8);
    const pages: number[] = [];
    let commits = 0;
    for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
      pages.push(wal.readUInt32BE(at));
      if (wal.readUInt32BE(at + 4) !== 0) commits += 1; // a commit frame carries the database size
    }
    const owners = new Map(
      (
        db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[]
      ).map((r) => [r.pageno, r.name]),
    );
    const distinct = [...new Set(pages)];
    const indexes = distinct.filter((p) => {
      const name = owners.get(p) ?? '';
      return !['transactions', 'orders', 'order_lines', 'print_jobs', 'outbox'].includes(name);
    }).length;
    const byOwner = new Map<string, number>();
    for (const p of distinct) {
      const name = owners.get(p) ?? '(free list / new page)';
      byOwner.set(name, (byOwner.get(name) ?? 0) + 1);
    }
    return {
      frames: pages.length,
      commits,
      distinct: distinct.length,
      indexesAndOthers: indexes,
      owners: [...byOwner].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    };
  } finally {
    await till.close();
  }
}
