import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPragmas } from '../../main/db/connection';
import { cashSale } from './flows';
import { latencyStats, time, type LatencyStats } from './stats';
import { openBenchTill } from './till';

type Db = Database.Database;

/**
 * Times the sale's own database transaction from inside better-sqlite3: the
 * first BEGIN … COMMIT of an armed call (the sale's one write transaction),
 * the COMMIT alone, and the time spent in statements in between (the rest of
 * the transaction is the code that runs inside it: pricing, the receipt's
 * layout and ESC/POS bytes). Bench only: it wraps the Statement methods of
 * the process, and puts them back.
 */
function transactionTimer(db: Db) {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
  const methods = ['run', 'get', 'all'] as const;
  const original = new Map(methods.map((m) => [m, proto[m] as (...a: unknown[]) => unknown]));
  let armed = false;
  let begin = 0n;
  let inStatements = 0n;
  let last = { tx: 0n, commit: 0n, statements: 0n };
  for (const m of methods) {
    const fn = original.get(m)!;
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      if (!armed) return fn.apply(this, args);
      const start = process.hrtime.bigint();
      if (this.source.startsWith('BEGIN')) {
        begin = start;
        inStatements = 0n;
      }
      try {
        return fn.apply(this, args);
      } finally {
        const end = process.hrtime.bigint();
        if (begin !== 0n) inStatements += end - start;
        if (begin !== 0n && this.source === 'COMMIT') {
          last = { tx: end - begin, commit: end - start, statements: inStatements };
          armed = false;
        }
      }
    };
  }
  return {
    /** The next transaction is the one to time. */
    arm() {
      armed = true;
      begin = 0n;
      last = { tx: 0n, commit: 0n, statements: 0n };
    },
    /** What the armed transaction took (zeros if none committed). */
    taken() {
      armed = false;
      return last;
    },
    restore() {
      for (const m of methods) proto[m] = original.get(m);
    },
  };
}

/**
 * The disk's floor for a commit of `pages` pages: one row into each of that
 * many tables in one transaction (WAL, synchronous=FULL), so the WAL gets
 * as many frames as the sale's commit writes and syncs.
 */
function pagesCommit(raw: Db, pages: number) {
  const payload = Buffer.alloc(200, 1);
  const inserts = Array.from({ length: pages }, (_, i) => {
    raw.exec(`CREATE TABLE IF NOT EXISTS p${i} (id INTEGER PRIMARY KEY, v BLOB NOT NULL)`);
    return raw.prepare(`INSERT INTO p${i} (v) VALUES (?)`);
  });
  return raw.transaction(() => {
    for (const insert of inserts) insert.run(payload);
  });
}

/**
 * What a cash sale costs to make durable, against the floor this disk sets:
 * one single-row commit with synchronous=FULL in WAL mode, measured in the
 * same run on the same disk, in turns with the sales (50 of each per round).
 * A sale commits once (the order and its lines, the transaction, its history
 * entry, the outbox row, the receipt's print job, the hour's sums and the
 * call's request id); the call's reply is recorded after it without an fsync
 * of its own. Figures, each in turns with the others:
 * - the whole call (dispatch → answer), with synchronous=FULL and with OFF:
 *   what is left with OFF is the work (validation, receipt, SQL), the
 *   difference the wait for the disk;
 * - the sale's transaction alone, BEGIN … COMMIT (transactionTimer), its
 *   COMMIT alone, and the statements in it;
 * - the floor for as many pages as the sale writes (`pages`): a commit of
 *   one row in each of that many tables.
 */
export async function benchSaleCommit(iterations: number, pages: number) {
  const till = await openBenchTill(0);
  const raw = new Database(join(till.dataDir, 'raw.sqlite'));
  const db = till.core.internals.db;
  const timer = transactionTimer(db);
  try {
    applyPragmas(raw);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    const payload = Buffer.alloc(200, 1);
    const nPages = pagesCommit(raw, pages);
    const none = () => ({
      call: [] as bigint[],
      tx: [] as bigint[],
      commit: [] as bigint[],
      sql: [] as bigint[],
    });
    const samples = { raw: [] as bigint[], rawPages: [] as bigint[], full: none(), off: none() };
    const sale = async (into: ReturnType<typeof none> | null, synchronous: 'FULL' | 'OFF') => {
      db.pragma(`synchronous = ${synchronous}`);
      timer.arm();
      const ns = await time(() => cashSale.run(till));
      const t = timer.taken();
      db.pragma('synchronous = FULL');
      if (into) {
        into.call.push(ns);
        into.tx.push(t.tx);
        into.commit.push(t.commit);
        into.sql.push(t.statements);
      }
      await cashSale.settle?.(till); // the receipt prints between customers, untimed
    };
    for (let i = 0; i < 50; i += 1) {
      insert.run(payload);
      nPages();
      await sale(null, 'FULL');
    }
    for (let done = 0; done < iterations; done += 50) {
      const n = Math.min(50, iterations - done);
      for (let i = 0; i < n; i += 1) samples.raw.push(await time(() => insert.run(payload)));
      for (let i = 0; i < n; i += 1) samples.rawPages.push(await time(() => nPages()));
      for (let i = 0; i < n; i += 1) await sale(samples.full, 'FULL');
      for (let i = 0; i < n; i += 1) await sale(samples.off, 'OFF');
    }
    const stats = (s: ReturnType<typeof none>) => ({
      call: latencyStats(s.call),
      tx: latencyStats(s.tx),
      commit: latencyStats(s.commit),
      sql: latencyStats(s.sql),
    });
    return {
      raw: latencyStats(samples.raw),
      rawPages: latencyStats(samples.rawPages),
      sale: stats(samples.full),
      noFsync: stats(samples.off),
    };
  } finally {
    timer.restore();
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
export async function salePagesWritten(history = 0) {
  const till = await openBenchTill(history, history > 0 ? { orders: true } : {});
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
