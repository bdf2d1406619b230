import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Opens the terminal's database: WAL so readers never block the till,
 * synchronous=FULL because a sale the cashier saw as done must survive a power
 * cut, foreign keys on, and migrations applied before anything else runs.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    applyPragmas(db);
    migrate(db, MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function applyPragmas(db: Db): void {
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
  // 64 MiB of page cache (SQLite's default is 16): the index pages a sale
  // touches stay in memory on a till with a year of history.
  db.pragma('cache_size = -65536');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}
