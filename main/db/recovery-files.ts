import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './connection';
import { removeDatabaseFiles } from './backup';
import { writeDurably } from './number-marks';

/**
 * The file work of recovery mode (issue 16): finding a database that is
 * missing, empty or damaged before anything opens it (opening would create a
 * fresh one, with the factory passwords), and the technician's password hash
 * kept beside the database so recovery never falls back to a factory one.
 */
/** The technician's password hash beside the database (matches pos-core's own-file pattern). */
export const RECOVERY_FILE = 'terminal-recovery.json';

export type DatabaseProblem = { reason: 'missing' | 'empty' | 'damaged'; detail: string };

/** Null when the file is there and `PRAGMA quick_check` says ok. */
export function checkLiveDatabase(file: string): DatabaseProblem | null {
  if (!existsSync(file)) return { reason: 'missing', detail: file };
  if (statSync(file).size === 0) return { reason: 'empty', detail: file };
  let db: Db | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const rows = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const verdict = rows.map((r) => r.quick_check);
    if (verdict.length !== 1 || verdict[0] !== 'ok')
      return { reason: 'damaged', detail: verdict.slice(0, 5).join('; ').slice(0, 500) };
    return null;
  } catch (err) {
    return { reason: 'damaged', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    db?.close();
  }
}

/** The technician's (99) own password hash in a database; null when none or still the factory one. */
export function technicianHashOf(db: Db): string | null {
  return (
    (db
      .prepare(
        "SELECT password_hash FROM operators WHERE operator_no = '99' AND must_change_password = 0",
      )
      .pluck()
      .get() as string | undefined) ?? null
  );
}

/** The same, read from a backup file without changing it; null when unreadable. */
export function technicianHashInFile(file: string): string | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return technicianHashOf(db);
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** A started-over database keeps the technician's password, not the factory one. */
export function setTechnicianHash(db: Db, hash: string): void {
  db.prepare(
    `UPDATE operators SET password_hash = ?, must_change_password = 0, password_reason = NULL
     WHERE operator_no = '99'`,
  ).run(hash);
}

export function readHashFile(file: string): string | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { technicianHash?: unknown };
    return typeof v.technicianHash === 'string' ? v.technicianHash : null;
  } catch {
    return null;
  }
}

export function writeHashFile(file: string, hash: string): void {
  if (readHashFile(file) === hash) return;
  writeDurably(file, JSON.stringify({ technicianHash: hash }));
}

/** The lost database (if any bytes are left) moved aside for support, then the new one put in place. */
export function replaceDatabase(dbFile: string, staged: string, aside: string): void {
  if (existsSync(dbFile)) {
    renameSync(dbFile, aside);
    for (const s of ['-wal', '-shm'] as const)
      if (existsSync(`${dbFile}${s}`)) renameSync(`${dbFile}${s}`, `${aside}${s}`);
  }
  removeDatabaseFiles(`${dbFile}-journal`);
  renameSync(staged, dbFile);
}
