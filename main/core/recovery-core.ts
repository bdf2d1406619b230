import { join } from 'node:path';
import { z } from 'zod';
import type { PosError, RecoveryState, Result } from '../../preload/contract';
import { contract } from '../../preload/contract';
import { checkDatabaseFile, migrateStagedCopy, removeDatabaseFiles, stageCopy } from '../db/backup';
import { openDatabase } from '../db/connection';
import { readMarksFile, type NumberMarks } from '../db/number-marks';
import { readHashFile, replaceDatabase, technicianHashInFile } from '../db/recovery-files';
import { carryIntoStaged } from '../db/restore-diff';
import { PosFailure } from '../domain/errors';
import type { BackupService } from '../services/data-care/backup-service';
import type { PasswordHasher } from '../services/staff/password-hasher';
import type { SettingsStore } from '../settings/store';
import { isTraining } from '../settings/schema';
import { iso, type Clock } from './clock';
import type { Logger } from './logger';

/** Wrong technician passwords before recovery locks for LOCK_MS (as a sign-in does). */
const MAX_ATTEMPTS = 5;
const LOCK_MS = 15 * 60_000;

export interface RecoveryDeps {
  dataDir: string;
  state: RecoveryState;
  version: string;
  settings: SettingsStore;
  backups: BackupService;
  hasher: PasswordHasher;
  clock: Clock;
  logger: Logger;
  /** Where the technician's password hash is kept beside the database. */
  hashFile: string;
  marksFile: string;
  /** The database is in place again: build the services over it (and, after a new start, adopt the password). */
  recovered(how: { kind: 'restore' | 'startOver'; technicianHash: string }): Promise<void>;
}

/**
 * The till when its database is missing, empty or damaged (issue 16): it
 * does not trade and opens nothing that would create a fresh database. It
 * answers app:info (saying why) and the recovery channels, each checked
 * against the technician's password as last known — kept beside the
 * database (copied there at every start and password change), else the one
 * in the newest backup; the factory password is never accepted. Wrong
 * passwords are counted before the slow hash check, 5 lock for 15 minutes.
 */
export function createRecoveryCore(deps: RecoveryDeps) {
  const { clock, logger, state } = deps;
  const dbFile = join(deps.dataDir, 'pos.sqlite');
  const staged = `${dbFile}.recover`;
  let failures = 0;
  let lockedUntil = 0;
  let busy = false;

  function credential(): string {
    const kept = readHashFile(deps.hashFile);
    if (kept) return kept;
    for (const b of deps.backups.list()) {
      const h = technicianHashInFile(b.path);
      if (h) return h;
    }
    throw new PosFailure({ code: 'RECOVERY_NO_CREDENTIAL' });
  }

  async function authorise(password: string): Promise<string> {
    const now = clock.now();
    if (lockedUntil > now)
      throw new PosFailure({ code: 'OPERATOR_LOCKED', params: { until: iso(lockedUntil) } });
    const hash = credential();
    // Counted before the slow check, so parallel guesses lock exactly as sequential ones.
    failures++;
    if (failures > MAX_ATTEMPTS) {
      lockedUntil = now + LOCK_MS;
      failures = 0;
      throw new PosFailure({ code: 'OPERATOR_LOCKED', params: { until: iso(lockedUntil) } });
    }
    if (!(await deps.hasher.verify(password, hash))) {
      logger.warn('recovery: wrong technician password', { attempts: failures });
      throw new PosFailure({
        code: 'WRONG_PASSWORD',
        params: { attemptsLeft: MAX_ATTEMPTS - failures },
      });
    }
    failures = 0;
    return hash;
  }

  /** The numbers the new database goes on after: the high-water file (no live database to ask). */
  function marks(): NumberMarks {
    return readMarksFile(deps.marksFile) ?? { trace: 0, order: 0, batch: 0 };
  }

  function install(kind: 'restore' | 'startOver', file: string) {
    const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
    const audit = { operatorNo: '99', file };
    const r = carryIntoStaged(staged, [], marks(), null, null, clock.now(), audit);
    const aside = `${dbFile}.${state.reason}-${stamp}`;
    replaceDatabase(dbFile, staged, aside);
    logger.warn(`recovery: ${kind}`, { file, reason: state.reason, aside, ...r });
    return aside;
  }

  async function restore(file: string, technicianHash: string) {
    const backup = deps.backups.list().find((b) => b.file === file);
    if (!backup) throw new PosFailure({ code: 'RESTORE_NOT_FOUND' });
    try {
      stageCopy(backup.path, staged);
      const checked = checkDatabaseFile(staged);
      if (!checked.ok)
        throw new PosFailure({
          code: checked.reason === 'not_pos' ? 'RESTORE_NOT_A_BACKUP' : 'RESTORE_CORRUPT',
        });
      migrateStagedCopy(staged);
      install('restore', file);
    } catch (err) {
      removeDatabaseFiles(staged);
      throw err;
    }
    await deps.recovered({ kind: 'restore', technicianHash });
  }

  async function startOver(technicianHash: string) {
    try {
      removeDatabaseFiles(staged);
      openDatabase(staged).close();
      install('startOver', '(new terminal)');
    } catch (err) {
      removeDatabaseFiles(staged);
      throw err;
    }
    await deps.recovered({ kind: 'startOver', technicianHash });
  }

  const params = <K extends keyof typeof contract.recovery>(k: K, input: unknown) =>
    contract.recovery[k].input.parse(input) as z.infer<(typeof contract.recovery)[K]['input']>;

  async function handle(channel: string, input: unknown): Promise<unknown> {
    switch (channel) {
      case 'app:info': {
        const p = deps.settings.get();
        return {
          version: deps.version,
          training: isTraining(p),
          configured: p.configured,
          settingsProblem: deps.settings.problem,
          secretKeyProblem: null,
          terminal: null,
          printer: { target: p.printer.kind, address: '' },
          paperWidth: p.receipt.paperWidth,
          now: iso(clock.now()),
          session: null,
          recovery: state,
        };
      }
      case 'recovery:backups': {
        await authorise(params('backups', input).password);
        return {
          backups: deps.backups.list().map((b) => ({
            file: b.file,
            kind: b.kind,
            size: b.size,
            at: iso(b.at),
            batchNo: b.batchNo,
            userVersion: b.userVersion,
          })),
        };
      }
      case 'recovery:restore':
      case 'recovery:startOver': {
        if (busy) throw new PosFailure({ code: 'BACKUP_BUSY' });
        busy = true;
        try {
          if (channel === 'recovery:restore') {
            const { password, file } = params('restore', input);
            await restore(file, await authorise(password));
            return { restored: file };
          }
          const { password } = params('startOver', input);
          await startOver(await authorise(password));
          return { started: true };
        } finally {
          busy = false;
        }
      }
      default:
        throw new PosFailure({ code: 'RECOVERY_NEEDED', params: { reason: state.reason } });
    }
  }

  return {
    async dispatch(channel: string, input: unknown): Promise<Result<unknown>> {
      try {
        return { ok: true, value: await handle(channel, input) };
      } catch (err) {
        if (err instanceof PosFailure) return { ok: false, error: err.error };
        if (err instanceof z.ZodError) {
          const error: PosError = {
            code: 'INVALID_INPUT',
            fields: err.issues.map((i) => ({
              field: i.path.join('.'),
              rule: i.message.length < 40 ? i.message : 'invalid',
            })),
          };
          return { ok: false, error };
        }
        logger.error('recovery call failed', { channel, error: String(err) });
        return { ok: false, error: { code: 'INTERNAL' } };
      }
    },
  };
}
export type RecoveryCore = ReturnType<typeof createRecoveryCore>;
