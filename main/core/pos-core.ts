import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PrinterSetting, Result } from '../../preload/contract';
import {
  createTcpPrinter,
  createVirtualPrinter,
  type ReceiptPrinter,
} from '../../native/printer/printer';
import { createHandlers } from '../api/handlers';
import { createApiRouter } from '../api/router';
import { createRepositories, openDatabase, type Db, type Repositories } from '../db';
import { createAuthService } from '../services/auth-service';
import { createScryptHasher, type ScryptCost } from '../services/password-hasher';
import { createPrintService, type PrintService } from '../services/print-service';
import { createSaleService } from '../services/sale-service';
import { createSessionState } from '../services/session';
import { createSetupService } from '../services/setup-service';
import { openSettings, type SettingsEngineFactory, type SettingsStore } from '../settings/store';
import { systemClock, type Clock } from './clock';
import { createEventBus, type EventListener } from './events';
import { createLogger, type Logger } from './logger';

export interface PosCoreOptions {
  /** Where the database and logs live (Electron: userData; web shell: --data-dir). */
  dataDir: string;
  /** electron-store in Electron, conf elsewhere: same file, same schema. */
  settings: SettingsEngineFactory;
  version: string;
  clock?: Clock;
  logger?: Logger;
  scryptCost?: ScryptCost;
  printRetryDelaysMs?: readonly number[];
}

export interface PosCore {
  /** The contract's one entry point: both shells route every call here. */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
  /** For tests and benchmarks that look behind the contract. */
  readonly internals: { db: Db; repos: Repositories; settings: SettingsStore; print: PrintService };
}

function printerFor(setting: PrinterSetting): ReceiptPrinter {
  return setting.kind === 'tcp'
    ? createTcpPrinter({ host: setting.host, port: setting.port })
    : createVirtualPrinter();
}

/**
 * The composition root shared by the Electron shell and the web shell: builds
 * every service once with its collaborators passed in, no module singletons.
 */
export async function createPosCore(opts: PosCoreOptions): Promise<PosCore> {
  mkdirSync(opts.dataDir, { recursive: true });
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger({ file: join(opts.dataDir, 'logs', 'pos.log') });
  const settings = openSettings(opts.settings, () => new Date(clock.now()));
  if (settings.problem)
    logger.error('terminal parameters file was unreadable', { ...settings.problem });

  const db = openDatabase(join(opts.dataDir, 'pos.sqlite'));
  const repos = createRepositories(db);
  const events = createEventBus();
  const session = createSessionState();
  const hasher = createScryptHasher(opts.scryptCost);

  const print = createPrintService({
    repos,
    settings,
    clock,
    logger,
    events,
    printerFor,
    ...(opts.printRetryDelaysMs ? { retryDelaysMs: opts.printRetryDelaysMs } : {}),
  });
  const auth = createAuthService({ repos, hasher, clock, settings, session });
  // A new printer setting may be the fix for waiting jobs: try them at once.
  const setup = createSetupService({ repos, settings, clock, onSaved: () => print.kick() });
  const sale = createSaleService({ repos, settings, clock, print });

  await auth.ensureDefaultOperators();
  print.recoverAtStart();

  const router = createApiRouter({
    handlers: createHandlers({
      version: opts.version,
      clock,
      settings,
      session,
      auth,
      setup,
      sale,
      print,
      printerAddress: () => {
        const p = printerFor(settings.get().printer);
        return { target: p.target, address: p.address };
      },
    }),
    session: () => session.current(),
    logger,
  });

  print.kick();
  logger.info('pos core started', { dataDir: opts.dataDir, version: opts.version });

  return {
    dispatch: (channel, input) => router.dispatch(channel, input),
    onEvent: (listener) => events.on(listener),
    async close() {
      await print.close();
      db.close();
    },
    internals: { db, repos, settings, print },
  };
}
