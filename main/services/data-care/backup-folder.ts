import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../core/clock';
import { errorFields, type Logger } from '../../core/logger';
import { userVersionOf } from '../../db/backup';
import { backupFileName, parseBackupName, type BackupKind } from '../../domain/backup-names';

/**
 * The backup folder (issue 8): what is in it (the backups its names describe,
 * newest first), a fresh name for the next one, and pruning to the newest
 * `keep` of some kinds. Apart from the service, which decides when a backup
 * is made and how a restore goes, because the folder's rules change for
 * reasons of their own (naming, retention).
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

export function createBackupFolder(deps: {
  dir: string;
  clock: Clock;
  logger: Logger;
  /** How many of each group to keep (regular backups, safety copies). */
  keep: number;
}) {
  const { dir, clock, logger, keep } = deps;

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

  function lastRegularAt(): number | null {
    const newest = list().find((b) => b.kind !== 'safety');
    return newest ? newest.at : null;
  }

  return { info, list, freshName, prune, lastRegularAt };
}
export type BackupFolder = ReturnType<typeof createBackupFolder>;

/** An online backup's page progress as the screen's percent. */
export function progressEvent(
  phase: BackupProgressEvent['phase'],
  p: { totalPages: number; remainingPages: number },
): BackupProgressEvent {
  const percent =
    p.totalPages > 0 ? Math.floor(((p.totalPages - p.remainingPages) * 100) / p.totalPages) : 100;
  return { phase, totalPages: p.totalPages, remainingPages: p.remainingPages, percent };
}
