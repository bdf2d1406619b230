import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Clock } from '../../core/clock';
import { ensurePrivateDir } from '../../core/private-files';
import { errorFields, type Logger } from '../../core/logger';
import type { Db, Repositories } from '../../db';
import {
  backupDatabase,
  checkDatabaseFile,
  migrateStagedCopy,
  removeDatabaseFiles,
  SCHEMA_VERSION,
  stageCopy,
  swapInRestoredDatabase,
  userVersionOf,
} from '../../db/backup';
import {
  backupFileName,
  lastDailyAt,
  nextDailyAt,
  parseBackupName,
  type BackupKind,
} from '../../domain/backup-names';
import { fail, PosFailure } from '../../domain/errors';
import { higherMarks, readMarksFile } from '../../db/number-marks';
import { auditSince, carryIntoStaged, diffForRestore, readOnly } from '../../db/restore-diff';
import { guardDrop, toPreview, type RestorePreview } from './restore-guard';
import type { Scheduler } from '../../qr';

/**
 * Backups and restore of the terminal's database (PRODUCT.md §8, issue 8).
 *
 * Backups are SQLite online backups (the till keeps selling while one runs)
 * into one folder, named `pos-<local yyyyMMdd-HHmmss-SSS>[-b<batch>]-v<schema>-<kind>.sqlite`,
 * made on demand and once a day; the newest `keep` regular backups (manual +
 * scheduled) are kept, and separately the newest `keep` safety copies.
 *
 * Restore never trusts the file it is given: a private copy is opened
 * read-only, must pass `PRAGMA integrity_check`, be a POS database and not
 * come from a newer build (an older one is migrated forward, in the copy,
 * before anything else happens). Only then does the composition root stop
 * the services and close the database, the current file becomes a safety
 * copy, the checked copy takes its place and everything starts again.
 *
 * ## How the composition root wires a restore (the `restart` hook)
 * The service lives OUTSIDE the services it restarts: it reaches the live
 * database through the `db()`/`repos()` getters, which return the new
 * connection after a restart. `restart(swap)` must, in order:
 *   1. stop taking calls and stop the services (card/qr cancel, sync stop,
 *      outbox and print close, scanner close) — exactly what `close()` does;
 *   2. close the database connection;
 *   3. call `swap()` (synchronous file work; see `swapInRestoredDatabase`);
 *      if it throws, the old file is untouched: reopen it as it was and
 *      rethrow (the service reports BACKUP_FAILED);
 *   4. open the database again (`openDatabase`, same path) and build the
 *      services over it as at start (recoverAtStart, outbox start, …), so
 *      `db()`/`repos()` now return the new ones; then resolve.
 * In pos-core this is: keep the built services in a `let inner`, have
 * `dispatch`/`onEvent`/`internals` delegate to it, and
 * `restart = async (swap) => { await inner.close(); try { swap() } finally { inner = await build() } }`,
 * with the session ending (everyone signs in again on the restored data).
 */

export interface BackupInfo {
  /** File name inside the backup folder. */
  file: string;
  path: string;
  kind: BackupKind;
  /** Bytes on disk. */
  size: number;
  /** When it was made (epoch ms, from its name). */
  at: number;
  /** The batch open when it was made, if any. */
  batchNo: string | null;
  /** PRAGMA user_version in the file (its schema version); null if unreadable. */
  userVersion: number | null;
}

export interface BackupProgressEvent {
  phase: 'backup' | 'check' | 'swap';
  totalPages: number;
  remainingPages: number;
  /** 0–100. */
  percent: number;
}
export type ProgressCallback = (p: BackupProgressEvent) => void;

export interface RestoreResult {
  /** The file that was restored, as given. */
  restored: string;
  /** Its schema version before the restore, and after the forward migration. */
  fromVersion: number;
  toVersion: number;
  /** The database as it was just before the restore. */
  safetyCopy: BackupInfo;
}

export interface BackupServiceDeps {
  /** The live connection: a getter, because it is a new one after a restore. */
  db(): Db;
  /** The live repositories (audit): a getter for the same reason. */
  repos(): Repositories;
  /** The database file (`<dataDir>/pos.sqlite`). */
  dbFile: string;
  /** The numbers' high-water file (`<dataDir>/numbers.json`, see db/number-marks). */
  marksFile: string;
  /** The backup folder (created when needed), e.g. `<dataDir>/backups`. */
  dir: string;
  clock: Clock;
  logger: Logger;
  /** How many regular backups (and, separately, safety copies) to keep; 7 by default. */
  keep?: number;
  /** Local time of the daily backup; 03:00 by default (made at start if the PC was off). */
  dailyAt?: { hour: number; minute: number };
  /** Pages copied per step of the online backup (the till runs between steps). */
  pagesPerStep?: number;
  /** After a failed scheduled backup, the next try; 15 minutes by default. */
  retryMs?: number;
  /** Stops the services, closes the database, runs `swap`, reopens and restarts (see above). */
  restart(swap: () => void): Promise<void>;
}

export function createBackupService(deps: BackupServiceDeps) {
  const { dbFile, dir, clock, logger } = deps;
  const keep = Math.max(1, deps.keep ?? 7);
  const dailyAt = deps.dailyAt ?? { hour: 3, minute: 0 };
  const retryMs = deps.retryMs ?? 15 * 60_000;
  const stagedFile = `${dbFile}.restore`;
  let busy: 'backup' | 'restore' | null = null;
  let schedule: { abort: AbortController; done: Promise<void> } | null = null;

  function audit(operatorNo: string | null, action: string, detail: Record<string, unknown>) {
    try {
      deps.repos().audit.append({ operatorNo, action, detail }, clock.now());
    } catch (err) {
      logger.error('backup audit entry could not be written', { action, ...errorFields(err) });
    }
  }

  function info(file: string): BackupInfo | null {
    const parsed = parseBackupName(file);
    if (!parsed) return null;
    const path = join(dir, file);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return null;
    }
    return {
      file,
      path,
      kind: parsed.kind,
      size,
      at: parsed.at,
      batchNo: parsed.batchNo,
      userVersion: userVersionOf(path),
    };
  }

  /** Newest first. */
  function list(): BackupInfo[] {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (err) {
      // No folder yet (or something else in its place): no backups to list.
      if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return [];
      throw err;
    }
    return names
      .map(info)
      .filter((b): b is BackupInfo => b !== null)
      .sort((a, b) => b.at - a.at || (b.file < a.file ? -1 : 1));
  }

  function freshName(kind: BackupKind, batchNo: string | null, version: number): string {
    // Two backups in the same millisecond (a manual clock in tests) get distinct names.
    for (let t = clock.now(); ; t++) {
      const name = backupFileName(t, batchNo, version, kind);
      if (!existsSync(join(dir, name))) return name;
    }
  }

  function prune(kinds: readonly BackupKind[]): string[] {
    const removed: string[] = [];
    for (const old of list()
      .filter((b) => kinds.includes(b.kind))
      .slice(keep)) {
      try {
        rmSync(old.path, { force: true });
        removed.push(old.file);
      } catch (err) {
        logger.warn('old backup could not be removed', { file: old.file, ...errorFields(err) });
      }
    }
    if (removed.length) logger.info('old backups removed', { removed });
    return removed;
  }

  async function make(
    kind: 'manual' | 'scheduled',
    operatorNo: string | null,
    onProgress?: ProgressCallback,
  ): Promise<BackupInfo> {
    if (busy) fail('BACKUP_BUSY');
    busy = 'backup';
    try {
      const batchNo = deps.repos().counters.peekBatch();
      const name = freshName(kind, batchNo, SCHEMA_VERSION);
      const started = clock.now();
      try {
        ensurePrivateDir(dir);
        await backupDatabase(deps.db(), join(dir, name), {
          ...(deps.pagesPerStep ? { pagesPerStep: deps.pagesPerStep } : {}),
          onProgress: (p) => onProgress?.(progressEvent('backup', p)),
        });
      } catch (err) {
        logger.error('backup failed', { file: name, ...errorFields(err) });
        audit(operatorNo, 'backup.failed', { file: name, kind });
        fail('BACKUP_FAILED');
      }
      const made = info(name);
      if (!made) fail('BACKUP_FAILED');
      audit(operatorNo, 'backup.created', {
        file: name,
        kind,
        size: made.size,
        userVersion: made.userVersion,
        batchNo,
      });
      logger.info('backup created', { file: name, kind, ms: clock.now() - started });
      prune(['manual', 'scheduled']);
      return made;
    } finally {
      busy = null;
    }
  }

  function lastRegularAt(): number | null {
    const newest = list().find((b) => b.kind !== 'safety');
    return newest ? newest.at : null;
  }

  function isDue(now = clock.now()): boolean {
    const last = lastRegularAt();
    return last === null || last < lastDailyAt(now, dailyAt);
  }

  /** Where a restore candidate is: a name from `list()`, or a path to a file elsewhere. */
  function candidatePath(file: string): string {
    return isAbsolute(file) ? file : join(dir, basename(file));
  }

  /** `operatorNo` null: a preview (a question, changing nothing): the refusal is logged, not audited. */
  function refuse(
    operatorNo: string | null,
    file: string,
    reason: string,
    failure: PosFailure,
    detail?: string,
  ): never {
    removeDatabaseFiles(stagedFile);
    if (operatorNo !== null)
      audit(operatorNo, 'backup.refused', {
        file,
        reason,
        ...(detail ? { detail: detail.slice(0, 200) } : {}),
      });
    logger.warn('restore refused', { file, reason, detail });
    throw failure;
  }

  /**
   * Run while every service is stopped and the live database closed: what
   * the restore drops is checked once more (nothing can change it now), then
   * the live audit entries since the backup and the live numbers go into the
   * staged copy (see carryIntoStaged).
   */
  function carryLiveInto(file: string, operatorNo: string, confirm: string | undefined): void {
    const { diff, carried } = readOnly(dbFile, (live) => {
      const d = diffForRestore(live, stagedFile);
      guardDrop(file, d, confirm);
      return { diff: d, carried: auditSince(live, stagedFile) };
    });
    const marks = higherMarks(diff.marks, readMarksFile(deps.marksFile) ?? diff.marks);
    const r = carryIntoStaged(
      stagedFile,
      carried,
      marks,
      diff.settledBatches,
      diff.openBatch,
      clock.now(),
      {
        operatorNo,
        file,
      },
    );
    logger.info('restore: audit carried, numbers raised', {
      auditEntries: carried.length,
      marks,
      closedBatches: r.closedBatches,
    });
  }

  /** A checked private copy of `file`, migrated forward; refused (and audited) otherwise. */
  function stageChecked(
    file: string,
    operatorNo: string | null,
    onProgress?: ProgressCallback,
  ): { fromVersion: number; toVersion: number } {
    const candidate = candidatePath(file);
    if (!existsSync(candidate) || !statSync(candidate).isFile()) {
      refuse(operatorNo, file, 'not_found', new PosFailure({ code: 'RESTORE_NOT_FOUND' }));
    }
    try {
      stageCopy(candidate, stagedFile);
    } catch (err) {
      refuse(
        operatorNo,
        file,
        'unreadable',
        new PosFailure({ code: 'RESTORE_CORRUPT' }),
        String(errorFields(err).error),
      );
    }
    onProgress?.({ phase: 'check', totalPages: 1, remainingPages: 1, percent: 0 });
    const checked = checkDatabaseFile(stagedFile);
    if (!checked.ok) {
      const code = checked.reason === 'not_pos' ? 'RESTORE_NOT_A_BACKUP' : 'RESTORE_CORRUPT';
      refuse(operatorNo, file, checked.reason, new PosFailure({ code }), checked.detail);
    }
    if (checked.userVersion > SCHEMA_VERSION) {
      refuse(
        operatorNo,
        file,
        'too_new',
        new PosFailure({
          code: 'RESTORE_TOO_NEW',
          params: { found: checked.userVersion, supported: SCHEMA_VERSION },
        }),
      );
    }
    let toVersion: number;
    try {
      toVersion = migrateStagedCopy(stagedFile);
    } catch (err) {
      refuse(
        operatorNo,
        file,
        'migration_failed',
        new PosFailure({ code: 'RESTORE_CORRUPT' }),
        String(errorFields(err).error),
      );
    }
    return { fromVersion: checked.userVersion, toVersion };
  }

  return {
    /**
     * What restoring `file` would drop, and whether it would be refused; the
     * returned `confirm` is what `restore` takes to go ahead with exactly this.
     */
    preview(file: string): RestorePreview {
      if (busy) fail('BACKUP_BUSY');
      try {
        stageChecked(file, null);
        return toPreview(file, diffForRestore(deps.db(), stagedFile));
      } finally {
        removeDatabaseFiles(stagedFile);
      }
    },

    /** The backup folder's backups, newest first, with size, time and schema version. */
    list,

    /** A backup now (the manager's button); the progress callback sees every step. */
    backupNow(operatorNo: string, onProgress?: ProgressCallback): Promise<BackupInfo> {
      return make('manual', operatorNo, onProgress);
    },

    /** True when no regular backup was made since the last daily time. */
    isDue,

    /** When the next daily backup falls due (epoch ms). */
    nextDueAt(now = clock.now()): number {
      return isDue(now) ? now : nextDailyAt(now, dailyAt);
    },

    /** The daily backup if it is due (scheduler step); null when not due. */
    async runDue(): Promise<BackupInfo | null> {
      if (!isDue()) return null;
      return make('scheduled', null);
    },

    /**
     * Runs the daily backup on `scheduler` until `stop()`: a backup at once if
     * one is due (the PC was off at the daily time), else a sleep until the
     * next daily time; a failed one is tried again after `retryMs`.
     */
    startSchedule(scheduler: Pick<Scheduler, 'sleep'>): void {
      if (schedule) return;
      const abort = new AbortController();
      const loop = async () => {
        while (!abort.signal.aborted) {
          let wait: number;
          try {
            if (isDue()) await make('scheduled', null);
            const now = clock.now();
            wait = nextDailyAt(now, dailyAt) - now;
          } catch (err) {
            logger.warn('scheduled backup failed; trying again later', errorFields(err));
            wait = retryMs;
          }
          await scheduler.sleep(wait, abort.signal);
        }
      };
      schedule = { abort, done: loop() };
    },

    /** Stops the daily schedule; waits for a backup that is running. */
    async stop(): Promise<void> {
      const s = schedule;
      schedule = null;
      if (!s) return;
      s.abort.abort();
      await s.done;
    },

    /**
     * Restores `file` (a name from `list()`, or an absolute path). Refused —
     * with nothing changed and `backup.refused` audited — when it is missing
     * (RESTORE_NOT_FOUND), unreadable or fails the integrity check
     * (RESTORE_CORRUPT), not a POS database (RESTORE_NOT_A_BACKUP) or made by
     * a newer build (RESTORE_TOO_NEW), when it would drop approved
     * transactions not settled and uploaded (RESTORE_DROPS_UNSETTLED), or when
     * `confirm` (the preview's token) no longer names the drop
     * (RESTORE_PREVIEW_STALE) — both checked again with the services stopped.
     * Otherwise the live audit entries since the backup and the live numbers
     * go into the checked copy, the current database becomes a safety copy,
     * the copy takes its place (migrated forward if older), the services
     * restart on it and `backup.restored` is audited there.
     */
    async restore(
      file: string,
      operatorNo: string,
      onProgress?: ProgressCallback,
      confirm?: string,
    ): Promise<RestoreResult> {
      if (busy) fail('BACKUP_BUSY');
      busy = 'restore';
      try {
        const { fromVersion, toVersion } = stageChecked(file, operatorNo, onProgress);
        const checked = { userVersion: fromVersion };
        // Refused at once when the drop is already known to be unacceptable (checked again below).
        try {
          guardDrop(file, diffForRestore(deps.db(), stagedFile), confirm);
        } catch (err) {
          if (err instanceof PosFailure) refuse(operatorNo, file, err.error.code, err);
          throw err;
        }
        onProgress?.({ phase: 'check', totalPages: 1, remainingPages: 0, percent: 100 });

        ensurePrivateDir(dir);
        const safetyName = freshName('safety', deps.repos().counters.peekBatch(), SCHEMA_VERSION);
        let swapError: unknown = null;
        onProgress?.({ phase: 'swap', totalPages: 1, remainingPages: 1, percent: 0 });
        try {
          await deps.restart(() => {
            try {
              carryLiveInto(file, operatorNo, confirm);
              swapInRestoredDatabase({
                dbFile,
                staged: stagedFile,
                safetyCopy: join(dir, safetyName),
              });
            } catch (err) {
              swapError = err;
              throw err;
            }
          });
        } catch (err) {
          if (swapError instanceof PosFailure) {
            // Refused on the closed database (a sale came in after the first check): nothing swapped.
            refuse(operatorNo, file, swapError.error.code, swapError);
          }
          if (swapError !== null) {
            // The swap stopped before the database file was touched: the old one runs again.
            logger.error('restore: safety copy or swap failed', errorFields(swapError));
            removeDatabaseFiles(stagedFile);
            audit(operatorNo, 'backup.refused', { file, reason: 'swap_failed' });
            fail('BACKUP_FAILED');
          }
          logger.error('restore: restart after the swap failed', errorFields(err));
          throw err;
        }
        onProgress?.({ phase: 'swap', totalPages: 1, remainingPages: 0, percent: 100 });
        const safetyCopy = info(safetyName);
        if (!safetyCopy) fail('BACKUP_FAILED');
        audit(operatorNo, 'backup.restored', {
          file,
          fromVersion: checked.userVersion,
          toVersion,
          safetyCopy: safetyName,
        });
        logger.info('database restored', { file, safetyCopy: safetyName });
        prune(['safety']);
        return { restored: file, fromVersion: checked.userVersion, toVersion, safetyCopy };
      } finally {
        busy = null;
      }
    },
  };
}
export type BackupService = ReturnType<typeof createBackupService>;

function progressEvent(
  phase: BackupProgressEvent['phase'],
  p: { totalPages: number; remainingPages: number },
): BackupProgressEvent {
  const percent =
    p.totalPages > 0 ? Math.floor(((p.totalPages - p.remainingPages) * 100) / p.totalPages) : 100;
  return { phase, totalPages: p.totalPages, remainingPages: p.remainingPages, percent };
}
