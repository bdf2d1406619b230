import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import type { Clock } from '../../core/clock';
import { errorFields, type Logger } from '../../core/logger';
import {
  checkDatabaseFile,
  migrateStagedCopy,
  removeDatabaseFiles,
  SCHEMA_VERSION,
  stageCopy,
} from '../../db/backup';
import { higherMarks, readMarksFile } from '../../db/number-marks';
import { auditSince, carryIntoStaged, diffForRestore, readOnly } from '../../db/restore-diff';
import { PosFailure } from '../../domain/errors';
import type { ProgressCallback } from './backup-folder';
import { guardDrop } from './restore-guard';

/**
 * A restore's file work before and during the swap (issue 8): the candidate
 * copied privately, checked and migrated forward (refused and audited
 * otherwise), and, with the live database closed, the live audit entries and
 * numbers carried into it. Apart from the service, which sequences the
 * restore (busy flag, restart, safety copy), because what makes a file
 * acceptable changes for reasons of its own.
 */
export function createRestoreStaging(deps: {
  dbFile: string;
  /** Where the checked private copy is built (`<dbFile>.restore`). */
  stagedFile: string;
  marksFile: string;
  /** The backup folder: a bare name is looked up there. */
  dir: string;
  clock: Clock;
  logger: Logger;
  audit(operatorNo: string | null, action: string, detail: Record<string, unknown>): void;
}) {
  const { dbFile, dir, stagedFile, clock, logger, audit } = deps;

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

  return { refuse, carryLiveInto, stageChecked };
}
