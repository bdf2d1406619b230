import { join } from 'node:path';
import { systemScheduler } from '../qr/scheduler';
import { createBackupService } from '../services/data-care/backup-service';
import { buildCore } from './build-core';
import { systemClock } from './clock';
import type { PosCore, PosCoreOptions, SharedParts } from './core-types';
import { createEventBus, type EventListener } from './events';
import { createLogger } from './logger';

export type { PosCore, PosCoreOptions, SharedParts } from './core-types';

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
    dispatch: (channel, input) =>
      inner
        ? inner.dispatch(channel, input)
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
