import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { MARKS_FILE } from '../db/number-marks';
import {
  checkLiveDatabase,
  RECOVERY_FILE,
  setTechnicianHash,
  type DatabaseProblem,
} from '../db/recovery-files';
import { createScryptHasher } from '../services/staff/password-hasher';
import { openSettings } from '../settings/store';
import { createRecoveryCore, type RecoveryCore } from './recovery-core';
import { systemScheduler } from '../qr/scheduler';
import { createBackupService } from '../services/data-care/backup-service';
import { buildCore } from './build-core';
import { systemClock } from './clock';
import type { PosCore, PosCoreOptions, SharedParts } from './core-types';
import { createEventBus, type EventListener } from './events';
import { createLogger } from './logger';
import { ensurePrivateDir, privatize } from './private-files';

export type { PosCore, PosCoreOptions, SharedParts } from './core-types';

/** What the app keeps in its data folder: database (and copies), parameters, keys, logs, backups. */
const OWN_ENTRIES = /^(pos\.sqlite|terminal\b.*\.json$|secret\.key|numbers\b|logs$|backups$)/;

/**
 * The composition root shared by the Electron shell and the web shell. The
 * services over the database are built by buildCore; a restore from a backup
 * closes them, swaps the database file and builds them again on the same data
 * folder (everyone signs in again), while the shells keep the same core object
 * and event subscriptions.
 */
export async function createPosCore(opts: PosCoreOptions): Promise<PosCore> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger({ file: join(opts.dataDir, 'logs', 'pos.log') });
  const withDefaults = { ...opts, clock, logger };
  // Data folder 0700, our files in it 0600, whatever the umask (issue 16). In
  // Electron the folder is userData, shared with Chromium's own files: only
  // ours are walked.
  ensurePrivateDir(opts.dataDir);
  privatize(opts.dataDir, (name) => OWN_ENTRIES.test(name));
  const events = createEventBus();
  let inner: PosCore | null = null;
  const live = () => {
    if (!inner) throw new Error('the core is restarting');
    return inner;
  };
  const backups = createBackupService({
    db: () => live().internals.db,
    repos: () => live().internals.repos,
    dbFile: join(opts.dataDir, 'pos.sqlite'),
    marksFile: join(opts.dataDir, MARKS_FILE),
    dir: join(opts.dataDir, 'backups'),
    clock,
    logger,
    async restart(swap) {
      const old = live();
      inner = null;
      await old.close();
      try {
        swap();
      } finally {
        inner = await buildCore(withDefaults, shared);
      }
    },
  });
  const shared: SharedParts = { events, backups };

  // A configured terminal whose database is missing, empty or damaged does not start on a
  // fresh one (factory passwords, numbering from 1): it waits in recovery mode (issue 16).
  let recovery: RecoveryCore | null = null;
  const enterRecovery = (state: DatabaseProblem) => {
    logger.error('database needs recovery: the till does not trade', { ...state });
    recovery = createRecoveryCore({
      dataDir: opts.dataDir,
      state,
      version: opts.version,
      settings: openSettings(opts.settings, () => new Date(clock.now())),
      backups,
      hasher: createScryptHasher(opts.scryptCost),
      clock,
      logger,
      hashFile: join(opts.dataDir, RECOVERY_FILE),
      marksFile: join(opts.dataDir, MARKS_FILE),
      async recovered(how) {
        inner = await buildCore(withDefaults, shared);
        recovery = null;
        const { db, repos } = inner.internals;
        if (how.kind === 'startOver') setTechnicianHash(db, how.technicianHash);
        repos.audit.append(
          {
            operatorNo: '99',
            action: how.kind === 'startOver' ? 'recovery.startedOver' : 'recovery.restored',
            detail: { ...state },
          },
          clock.now(),
        );
      },
    });
  };
  const dbFile = join(opts.dataDir, 'pos.sqlite');
  const problem = checkLiveDatabase(dbFile);
  const configured =
    existsSync(join(opts.dataDir, MARKS_FILE)) ||
    openSettings(opts.settings, () => new Date(clock.now())).get().configured;
  if (problem && (problem.reason === 'damaged' || configured)) enterRecovery(problem);
  else {
    try {
      inner = await buildCore(withDefaults, shared);
    } catch (err) {
      // Damage quick_check did not see (an index page read only now): recovery, never a crash loop.
      if ((err as { code?: string }).code?.startsWith('SQLITE_CORRUPT') !== true) throw err;
      enterRecovery({ reason: 'damaged', detail: String((err as Error).message).slice(0, 500) });
    }
  }
  // Damage met while trading (a page first read now): stop trading, as at start. The
  // services close behind the answer; the next call — the screen asking app:info — finds
  // recovery mode, whose technician restores a backup or starts over.
  shared.onDatabaseDamage = (detail) => {
    if (recovery || !inner) return;
    const old = inner;
    inner = null;
    enterRecovery({ reason: 'damaged', detail });
    old
      .close()
      .catch((err: unknown) =>
        logger.error('closing the services after damage failed', { error: String(err) }),
      );
  };
  if (opts.backupSchedule && inner) backups.startSchedule(systemScheduler());

  return {
    dispatch: (channel, input, call) =>
      recovery
        ? recovery.dispatch(channel, input)
        : inner
          ? inner.dispatch(channel, input, call)
          : Promise.resolve({ ok: false, error: { code: 'BACKUP_BUSY' } }),
    onEvent: (listener: EventListener) => events.on(listener),
    async close() {
      await backups.stop();
      await inner?.close();
      inner = null;
    },
    get internals() {
      return live().internals;
    },
  };
}
