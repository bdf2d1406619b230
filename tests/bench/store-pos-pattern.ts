import { closeSync, fsyncSync, openSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import { tempDir } from '../support/core';
import { cashSale } from './flows';
import { latencyStats, time, type LatencyStats } from './stats';
import { openBenchTill } from './till';

/**
 * Side by side with the one open-source Electron POS, Store-POS
 * (github.com/tngoman/Store-POS, server/db.js): its database lives in sql.js
 * (SQLite compiled to WebAssembly, in memory) and every write is followed by
 * `export()` of the whole database and `writeFileSync` of the file (after a
 * 50 ms debounce, so one per sale at a counter's pace; no fsync). Here the
 * same sale — their transactions row (items as JSON), their indexes — goes
 * through that pattern on a database of `rows` sales, next to our cash sale
 * through the contract on a till with as many transactions of history.
 */
export interface StorePosRow {
  rows: number;
  theirs: LatencyStats;
  ours: LatencyStats;
  fileMiB: number;
}

const require = createRequire(import.meta.url);

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ref_number TEXT NOT NULL DEFAULT '',
    customer TEXT NOT NULL DEFAULT '0',
    customer_name TEXT NOT NULL DEFAULT '',
    status INTEGER NOT NULL DEFAULT 1,
    user_id INTEGER NOT NULL DEFAULT 0,
    user_name TEXT NOT NULL DEFAULT '',
    till INTEGER NOT NULL DEFAULT 1,
    discount REAL NOT NULL DEFAULT 0,
    subtotal REAL NOT NULL DEFAULT 0,
    tax REAL NOT NULL DEFAULT 0,
    total REAL NOT NULL DEFAULT 0,
    paid REAL NOT NULL DEFAULT 0,
    change REAL NOT NULL DEFAULT 0,
    payment_type INTEGER NOT NULL DEFAULT 1,
    items_json TEXT NOT NULL DEFAULT '[]',
    date TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS idx_transactions_date ON transactions(date);
  CREATE INDEX IF NOT EXISTS idx_transactions_status ON transactions(status);
  CREATE INDEX IF NOT EXISTS idx_transactions_user ON transactions(user_id);`;

const INSERT = `INSERT INTO transactions (ref_number, customer, customer_name, status, user_id,
  user_name, till, discount, subtotal, tax, total, paid, change, payment_type, items_json, date)
  VALUES (?, '0', '', 1, 1, '收银员01', 1, 0, ?, 0, ?, ?, ?, 1, ?, ?)`;

/** Our cash sale's two lines, as Store-POS keeps them (JSON in the row). */
const ITEMS = JSON.stringify([
  { id: 1, product_name: '矿泉水', price: 3.5, quantity: 2 },
  { id: 2, product_name: '面包', price: 5.34, quantity: 1 },
]);

export async function benchStorePosPattern(
  sizes: readonly number[],
  iterations: number,
): Promise<StorePosRow[]> {
  const SQL = await initSqlJs({
    locateFile: (file) => join(dirname(require.resolve('sql.js')), file),
  });
  const out: StorePosRow[] = [];
  for (const rows of sizes) {
    const tmp = tempDir('pos-bench-storepos-');
    const till = await openBenchTill(rows);
    try {
      // Ours as a shop runs it: receipts older than keepPrintedDays already removed.
      await till.core.internals.print.pruneOld();
      const file = join(tmp.dir, 'store-pos.db');
      const db = new SQL.Database();
      db.exec(SCHEMA);
      db.exec('BEGIN');
      const fill = db.prepare(INSERT);
      for (let i = 0; i < rows; i += 1)
        fill.run([
          `R${i}`,
          12.34,
          12.34,
          20,
          7.66,
          ITEMS,
          new Date(1_780_000_000_000 + i * 30_000).toISOString(),
        ]);
      fill.free();
      db.exec('COMMIT');
      const sale = () => {
        db.run(INSERT, ['R', 12.34, 12.34, 20, 7.66, ITEMS, new Date().toISOString()]);
        writeFileSync(file, Buffer.from(db.export()));
      };
      // Their write leaves the whole file dirty in the page cache; the kernel
      // writes it out later, and our next fsync would wait for that too (on
      // ext4 a commit flushes other files' data). Flushed here, untimed, so
      // each side is timed on a clean page cache.
      const flushTheirs = () => {
        const fd = openSync(file, 'r');
        fsyncSync(fd);
        closeSync(fd);
      };
      const theirs: bigint[] = [];
      const ours: bigint[] = [];
      for (let i = 0; i < 5; i += 1) {
        sale();
        flushTheirs();
        await cashSale.run(till);
        await cashSale.settle?.(till);
      }
      // In blocks of ten, each side in turn: a machine that gets busier slows both
      // alike, and neither's garbage or dirty pages land inside the other's block.
      for (let done = 0; done < iterations; done += 10) {
        for (let i = 0; i < 10; i += 1) theirs.push(await time(sale));
        flushTheirs();
        for (let i = 0; i < 10; i += 1) {
          ours.push(await time(() => cashSale.run(till)));
          await cashSale.settle?.(till);
        }
      }
      const fileMiB = db.export().length / 1024 / 1024;
      db.close();
      out.push({ rows, theirs: latencyStats(theirs), ours: latencyStats(ours), fileMiB });
    } finally {
      await till.close();
      tmp.remove();
    }
  }
  return out;
}
