import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyPragmas, openDatabase } from '../../../../main/db/connection';
import { DatabaseFromFutureError, migrate, type Migration } from '../../../../main/db/migrate';
import { MIGRATIONS } from '../../../../main/db/migrations';
import { tempDir } from '../../../support/core';
import { join } from 'node:path';

const version = (db: Database.Database) => db.pragma('user_version', { simple: true });

describe('migrations', () => {
  it('brings a new database to the latest version with WAL, FULL sync and foreign keys', () => {
    const tmp = tempDir();
    const db = openDatabase(join(tmp.dir, 'pos.sqlite'));
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    tmp.remove();
  });

  it('refuses a database written by a newer version of the app', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(DatabaseFromFutureError);
  });

  it('refuses migrations out of order', () => {
    const db = new Database(':memory:');
    const bad: Migration[] = [
      { version: 1, name: 'a', up: () => undefined },
      { version: 3, name: 'c', up: () => undefined },
    ];
    expect(() => migrate(db, bad)).toThrow(/expected 2/);
  });

  it('leaves the database untouched when a migration fails half-way', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    const failing: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x INTEGER)') },
      {
        version: 2,
        name: 'breaks',
        up: (d) => {
          d.exec('CREATE TABLE b (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('boom');
    expect(version(db)).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([]);
  });

  it('runs only the pending migrations on an older database', () => {
    const db = new Database(':memory:');
    const ran: string[] = [];
    const list: Migration[] = [
      { version: 1, name: 'one', up: () => ran.push('one') },
      { version: 2, name: 'two', up: () => ran.push('two') },
    ];
    migrate(db, list.slice(0, 1));
    migrate(db, list);
    expect(ran).toEqual(['one', 'two']);
    expect(version(db)).toBe(2);
  });

  it('keeps the audit log append-only', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, MIGRATIONS);
    db.prepare(
      "INSERT INTO audit_log (at, operator_no, action, detail) VALUES (1, '99', 'x', '{}')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });

  it('allows at most one open batch', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, MIGRATIONS);
    db.prepare(
      "INSERT INTO batches (batch_no, state, opened_at) VALUES ('000001', 'open', 1)",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO batches (batch_no, state, opened_at) VALUES ('000002', 'open', 2)")
        .run(),
    ).toThrow(/UNIQUE/);
  });
});

describe('migration 2 (cards) on a terminal that already has sales', () => {
  it('keeps every row and reference while rebuilding transactions and the outbox', () => {
    const db = new Database(':memory:');
    applyPragmas(db);
    migrate(db, MIGRATIONS.slice(0, 1));
    db.exec(`
      INSERT INTO operators (operator_no, role, name, password_hash, must_change_password, created_at)
        VALUES ('01', 'cashier', 'c', 'h', 0, 1);
      INSERT INTO batches (batch_no, state, opened_at) VALUES ('000001', 'open', 1);
      INSERT INTO transactions (id, type, tender, state, amount_fen, tendered_fen, change_fen, operator_no,
          batch_no, trace_no, training, created_at, updated_at)
        VALUES (7, 'sale', 'cash', 'approved', 1234, 2000, 766, '01', '000001', '000001', 1, 5, 5);
      INSERT INTO transaction_items VALUES (7, 1, '水', 2, 617, 1234);
      INSERT INTO print_jobs (tx_id, kind, copy, state, target, paper_width, bytes, created_at)
        VALUES (7, 'receipt', 'customer', 'done', 'virtual', 80, x'1b40', 5);
      INSERT INTO outbox (kind, dedupe_key, payload, state, next_attempt_at, created_at)
        VALUES ('cash-sale', 'k1', '{"txId":7}', 'pending', 5, 5);
    `);
    migrate(db, MIGRATIONS);
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(
      db.prepare('SELECT id, amount_fen, change_fen, pan_masked FROM transactions').all(),
    ).toEqual([{ id: 7, amount_fen: 1234, change_fen: 766, pan_masked: null }]);
    expect(db.prepare('SELECT dedupe_key, state FROM outbox').all()).toEqual([
      { dedupe_key: 'k1', state: 'pending' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // references still bind to the rebuilt table
    expect(() =>
      db.prepare("INSERT INTO transaction_items VALUES (8, 1, 'x', 1, 1, 1)").run(),
    ).toThrow(/FOREIGN KEY/);
    // and the new constraints hold
    expect(() =>
      db.prepare("UPDATE transactions SET pan_masked = '6222021234567890123' WHERE id = 7").run(),
    ).not.toThrow();
    expect(() =>
      db.prepare("UPDATE transactions SET pan_masked = 'abc' WHERE id = 7").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE outbox SET state = 'held'").run()).not.toThrow();
  });
});
