import { join } from 'node:path';
import type { Result } from '../../preload/contract';
import type { PinPad } from '../../native/pinpad';
import type { Scanner } from '../../native/scanner';
import type { CustomerDisplay } from '../../native/display';
import type { Db, Repositories } from '../db';
import type { OutboxWorker } from '../outbox/worker';
import type { Scheduler, TrainingGateway, TrainingLedgerOptions } from '../qr';
import { systemScheduler } from '../qr/scheduler';
import type { SecretBox } from '../secrets/secret-box';
import { createBackupService, type BackupService } from '../services/backup-service';
import type { HostService } from '../services/host-service';
import type { ScryptCost } from '../services/password-hasher';
import type { PrintService } from '../services/print-service';
import type { SettingsEngineFactory, SettingsStore } from '../settings/store';
import { buildCore } from './build-core';
import { systemClock, type Clock } from './clock';
import { createEventBus, type EventBus, type EventListener } from './events';
import type { createHostEndpoints } from './host-endpoint';
import { createLogger, type Logger } from './logger';

export interface PosCoreOptions {
  /** Where the database and logs live (Electron: userData; web shell: --data-dir). */
  dataDir: string;
  /** electron-store in Electron, conf elsewhere: same file, same schema. */
  settings: SettingsEngineFactory;
  /** safeStorage in Electron; a 0600 key file beside the database by default. */
  secretBox?: SecretBox;
  version: string;
  clock?: Clock;
  logger?: Logger;
  scryptCost?: ScryptCost;
  printRetryDelaysMs?: readonly number[];
  /** A PIN pad driver; the simulated one (training deck) by default. */
  pinpad?: PinPad;
  /** QR polling runs on real time by default; tests pass a manual scheduler. */
  qrScheduler?: Scheduler;
  /** The barcode scanner on the main side (serial); the simulated one by default. */
  scanner?: Scanner;
  /** Knobs of the in-process training QR gateway (tests shorten its waits). */
  qrTraining?: TrainingLedgerOptions;
  /** The customer display (serial); the simulated one by default. */
  display?: CustomerDisplay;
  /** Daily backups on real time (the shells); tests make theirs on demand. */
  backupSchedule?: boolean;
}

export interface PosCore {
  /** The contract's one entry point: both shells route every call here. */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
  /** For tests and benchmarks that look behind the contract. */
  readonly internals: {
    db: Db;
    repos: Repositories;
    settings: SettingsStore;
    print: PrintService;
    host: HostService;
    outbox: OutboxWorker;
    pinpad: PinPad;
    trainingHost: ReturnType<ReturnType<typeof createHostEndpoints>['trainingHost']>;
    trainingGateway(): Promise<TrainingGateway | null>;
  };
}

/** What outlives a restore: the event bus the shells listen on, and the backups. */
export interface SharedParts {
  events: EventBus;
  backups: BackupService;
}

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
