import type { Result } from '../../preload/contract';
import type { CallMeta } from '../api/router';
import type { PinPad } from '../../native/pinpad';
import type { Scanner } from '../../native/scanner';
import type { CustomerDisplay } from '../../native/display';
import type { Db, Repositories } from '../db';
import type { OutboxWorker } from '../outbox/worker';
import type { Scheduler, TrainingGateway, TrainingLedgerOptions } from '../qr';
import type { KeyStore } from '../secrets/secret-box';
import type { BackupService } from '../services/data-care/backup-service';
import type { HostService } from '../services/cards/host-service';
import type { ScryptCost } from '../services/staff/password-hasher';
import type { PrintService } from '../services/printing/print-service';
import type { SettingsEngineFactory, SettingsStore } from '../settings/store';
import type { Clock } from './clock';
import type { EventBus, EventListener } from './events';
import type { createHostEndpoints } from './host-endpoint';
import type { Logger } from './logger';

/*
 * The core's shapes, apart from the code that builds it: pos-core (what
 * outlives a restore) and build-core (the services over one database) both
 * depend on these and not on each other's types, so there is no import circle.
 */

export interface PosCoreOptions {
  /** Where the database and logs live (Electron: userData; web shell: --data-dir). */
  dataDir: string;
  /** electron-store in Electron, conf elsewhere: same file, same schema. */
  settings: SettingsEngineFactory;
  /** Where the data key lives: safeStorage in Electron; a 0600 key file beside the database by default. */
  keyStore?: KeyStore;
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
  /** The contract's one entry point: both shells route every call here (see ApiRouter). */
  dispatch(channel: string, input: unknown, call?: CallMeta): Promise<Result<unknown>>;
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
    /** What start-up carries on in the background (abandons a stop cut short); settles, never fails. */
    resumed: Promise<void>;
  };
}

/** What outlives a restore: the event bus the shells listen on, and the backups. */
export interface SharedParts {
  events: EventBus;
  backups: BackupService;
  /** A call met damage in the database file: the till stops trading and waits in recovery mode. */
  onDatabaseDamage?: (detail: string) => void;
}
