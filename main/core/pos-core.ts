import { join } from 'node:path';
import { MARKS_FILE } from '../db/number-marks';
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
  inner = await buildCore(withDefaults, shared);
  if (opts.backupSchedule) backups.startSchedule(systemScheduler());

  return {
    dispatch: (channel, input, call) =>
      inner
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
