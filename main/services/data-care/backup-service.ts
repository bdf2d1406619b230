import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import { ensurePrivateDir } from '../../core/private-files';
import { errorFields, type Logger } from '../../core/logger';
import type { Db, Repositories } from '../../db';
import {
  backupDatabase,
  removeDatabaseFiles,
  SCHEMA_VERSION,
  swapInRestoredDatabase,
} from '../../db/backup';
import { lastDailyAt, nextDailyAt } from '../../domain/backup-names';
import { fail, PosFailure } from '../../domain/errors';
import { diffForRestore } from '../../db/restore-diff';
import { guardDrop, toPreview, type RestorePreview } from './restore-guard';
import type { Scheduler } from '../../qr';
import {
  createBackupFolder,
  progressEvent,
  type BackupInfo,
  type ProgressCallback,
} from './backup-folder';
import { createRestoreStaging } from './restore-staging';

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

export type { BackupInfo, BackupProgressEvent, ProgressCallback } from './backup-folder';

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
  const { info, list, freshName, prune, lastRegularAt } = createBackupFolder({
    dir,
    clock,
    logger,
    keep,
  });

  function audit(operatorNo: string | null, action: string, detail: Record<string, unknown>) {
    try {
      deps.repos().audit.append({ operatorNo, action, detail }, clock.now());
    } catch (err) {
      logger.error('backup audit entry could not be written', { action, ...errorFields(err) });
    }
  }

  const { refuse, carryLiveInto, stageChecked } = createRestoreStaging({
    dbFile,
    stagedFile,
    marksFile: deps.marksFile,
    dir,
    clock,
    logger,
    audit,
  });

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

  function isDue(now = clock.now()): boolean {
    const last = lastRegularAt();
    return last === null || last < lastDailyAt(now, dailyAt);
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
