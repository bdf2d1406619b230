import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile, makePrivate } from '../core/private-files';
import { openDatabase, type Db } from './connection';
import { MIGRATIONS } from './migrations';

/**
 * The file work behind backups and restores (PRODUCT.md §8): SQLite's online
 * backup API, checking a candidate file, and swapping the database file. The
 * backup service orchestrates; everything that speaks SQL is here.
 */

/** The schema version this build writes (migrations are keyed by PRAGMA user_version). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** SQLite's companions of a WAL database. */
export const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupResult {
  pages: number;
  bytes: number;
  userVersion: number;
}

/**
 * Copies the live database into `dest` with SQLite's online backup API, a few
 * pages per step: the till keeps selling between steps. Writes made through
 * the same connection while the copy runs are carried into it, so the result
 * is one consistent state (the state at the last step). The copy goes to
 * `dest.partial` first, is switched to a rollback journal (one self-contained
 * file, nothing beside it), flushed to disk, and only then renamed to `dest`:
 * a backup cut short never looks like a backup.
 */
export async function backupDatabase(
  db: Db,
  dest: string,
  opts: { pagesPerStep?: number; onProgress?: (p: BackupProgress) => void } = {},
): Promise<BackupResult> {
  const partial = `${dest}.partial`;
  removeDatabaseFiles(partial);
  const pagesPerStep = opts.pagesPerStep ?? 256;
  try {
    // SQLite fills the file it finds (and gives its journal the same mode): 0600 from the start.
    createPrivateFile(partial);
    const done = await db.backup(partial, {
      progress: (p) => {
        opts.onProgress?.({ totalPages: p.totalPages, remainingPages: p.remainingPages });
        return pagesPerStep;
      },
    });
    opts.onProgress?.({ totalPages: done.totalPages, remainingPages: 0 });
    const copy = new Database(partial, { fileMustExist: true });
    let userVersion: number;
    try {
      copy.pragma('journal_mode = DELETE');
      userVersion = copy.pragma('user_version', { simple: true }) as number;
    } finally {
      copy.close();
    }
    removeSideFiles(partial);
    fsyncFile(partial);
    renameSync(partial, dest);
    fsyncDir(dirname(dest));
    return { pages: done.totalPages, bytes: statSync(dest).size, userVersion };
  } catch (err) {
    removeDatabaseFiles(partial);
    throw err;
  }
}

export type DatabaseFileCheck =
  | { ok: true; userVersion: number; pages: number }
  | { ok: false; reason: 'not_found' | 'corrupt' | 'not_pos'; detail: string };

/**
 * Opens a candidate file read-only and checks it: SQLite can read it,
 * `PRAGMA integrity_check` says ok, and it is one of ours (a user_version of
 * at least 1 and the transactions table). Reading it changes nothing in it.
 */
export function checkDatabaseFile(file: string): DatabaseFileCheck {
  if (!existsSync(file) || !statSync(file).isFile()) {
    return { ok: false, reason: 'not_found', detail: file };
  }
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = db.pragma('integrity_check', { simple: false }) as Array<{
      integrity_check: string;
    }>;
    const verdict = problems.map((p) => p.integrity_check);
    if (verdict.length !== 1 || verdict[0] !== 'ok') {
      return { ok: false, reason: 'corrupt', detail: verdict.slice(0, 5).join('; ') };
    }
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const hasTransactions = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'transactions'")
      .pluck()
      .get();
    if (userVersion < 1 || !hasTransactions) {
      return { ok: false, reason: 'not_pos', detail: `user_version ${userVersion}` };
    }
    return { ok: true, userVersion, pages };
  } catch (err) {
    return {
      ok: false,
      reason: 'corrupt',
      detail: err instanceof Error ? err.message : String(err),
    };
  } finally {
    db?.close();
  }
}

/**
 * The schema version of a database file read from its header (PRAGMA
 * user_version is the big-endian integer at offset 60), without opening it
 * with SQLite: listing backups leaves them untouched. Null when the file is
 * not an SQLite database.
 */
export function userVersionOf(file: string): number | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return null;
    if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') return null;
    return header.readInt32BE(60);
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Brings a staged copy (already checked) up to this build's schema by opening
 * it the way the app does — migrations run forward in one transaction — and
 * closing it again (which checkpoints and removes its WAL). A copy that fails
 * to migrate throws here, before the live database is touched.
 */
export function migrateStagedCopy(file: string): number {
  const db = openDatabase(file);
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
    removeSideFiles(file);
    fsyncFile(file);
  }
}

/**
 * The restore's file swap, run by the composition root while the database is
 * CLOSED (every service stopped, the connection closed):
 * 1. the current file is kept as the safety copy `safetyCopy` (its WAL
 *    checkpointed into it first if closing left one, copied to
 *    `safetyCopy.partial`, flushed, renamed);
 * 2. the old -wal/-shm are removed — a WAL left beside the new file would be
 *    replayed into it and corrupt it;
 * 3. one rename (same folder, atomic) puts `staged` in place and the folder
 *    is flushed.
 * A failure in step 1 throws with the database untouched; a power cut at any
 * point leaves either the old database or the restored one, never a mix.
 */
export function swapInRestoredDatabase(files: {
  dbFile: string;
  staged: string;
  safetyCopy: string;
}): { safetyBytes: number } {
  const { dbFile, staged, safetyCopy } = files;
  const wal = `${dbFile}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    const db = new Database(dbFile, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
  const partial = `${safetyCopy}.partial`;
  try {
    copyFileSync(dbFile, partial);
    makePrivate(partial);
    fsyncFile(partial);
    renameSync(partial, safetyCopy);
    fsyncDir(dirname(safetyCopy));
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  removeSideFiles(dbFile);
  renameSync(staged, dbFile);
  fsyncDir(dirname(dbFile));
  return { safetyBytes: statSync(safetyCopy).size };
}

/** A private copy of a candidate file to check and migrate (the original stays untouched). */
export function stageCopy(candidate: string, staged: string): void {
  removeDatabaseFiles(staged);
  copyFileSync(candidate, staged);
  // A file brought in from elsewhere (a USB stick) may be readable by anyone: not once it is ours.
  makePrivate(staged);
}

/** A database file and its companions, gone (missing files are fine). */
export function removeDatabaseFiles(file: string): void {
  rmSync(file, { force: true });
  removeSideFiles(file);
}

function removeSideFiles(file: string): void {
  for (const suffix of SIDE_FILES) rmSync(`${file}${suffix}`, { force: true });
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
