import { createRepositories, openDatabase, type Repositories } from '../db';
import { createNumberGuard, MARKS_FILE } from '../db/number-marks';
import { fileKeyStore, openSecretBox } from '../secrets/secret-box';
import { openSettings } from '../settings/store';
import { join } from 'node:path';
import type { PosCoreOptions } from './core-types';
import type { OrderPayments } from '../services/checkout/order-payments';
import type { OrderUndoService } from '../services/checkout/order-undo-service';
import type { ReversalService } from '../services/cards/reversal-service';
import { loadDemoCatalogue } from '../services/catalogue/demo-catalogue';
import type { PrintService } from '../services/printing/print-service';
import type { QrService } from '../services/qr/qr-service';
import type { QrRefundService } from '../services/refunds/qr-refund-service';
import type { ReturnService } from '../services/returns/return-service';
import { isTraining } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import type { Clock } from './clock';
import { errorFields, type Logger } from './logger';

/**
 * Opens the data directory: the parameters, the database with its numbers'
 * high-water file, and the data key — never silently replaced over sealed data.
 */
export function openData(opts: PosCoreOptions, clock: Clock, logger: Logger) {
  const settings = openSettings(opts.settings, () => new Date(clock.now()));
  if (settings.problem)
    logger.error('terminal parameters file was unreadable', { ...settings.problem });

  const db = openDatabase(join(opts.dataDir, 'pos.sqlite'));
  // The numbers' high-water file beside the database, kept ahead of every number handed out.
  const repos = createRepositories(db, createNumberGuard(join(opts.dataDir, MARKS_FILE), db));
  // The data key is never silently replaced over sealed data (issue 16).
  const keyStore = opts.keyStore ?? fileKeyStore(join(opts.dataDir, 'secret.key'));
  const probe = repos.secrets.probe();
  const secretBox = openSecretBox(keyStore, { sealedDataExists: probe !== null, probe });
  if (secretBox.problem())
    logger.error('the data key does not open the sealed data: not replaced, waiting for 99', {
      problem: secretBox.problem(),
      store: keyStore.describe,
    });
  return { settings, db, repos, secretBox };
}

/**
 * What a start does before the till serves (split from build-core.ts: this
 * changes when recovery does, not when a service's wiring does): calls a stop
 * cut short marked, every queue and half-done exchange found and set to go on.
 * Returns the abandons a stop cut short, which resumeInBackground carries on.
 */
export function recoverAtStart(c: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  print: Pick<PrintService, 'recoverAtStart'>;
  reversals: Pick<ReversalService, 'recoverAtStart'>;
  qr: Pick<QrService, 'recoverAtStart'>;
  qrRefund: Pick<QrRefundService, 'recoverAtStart'>;
  returns: Pick<ReturnService, 'recoverAtStart'>;
  orderPayments: Pick<OrderPayments, 'recoverReceipts'>;
  orderUndo: Pick<OrderUndoService, 'unfinished'>;
}): { abandoned: number[] } {
  const { repos, settings, clock, logger, print, reversals, qr, qrRefund, returns } = c;
  const { orderPayments, orderUndo } = c;
  // State-changing calls a stop cut short are marked (app:outcome answers 'interrupted').
  const interrupted = repos.requests.recoverAtStart(clock.now());
  if (interrupted > 0) logger.warn('calls cut short by the last stop', { count: interrupted });
  // Training mode starts with a demo catalogue to scan and search (README lists its codes).
  if (isTraining(settings.get()) && repos.catalogue.isEmpty()) {
    const demo = loadDemoCatalogue(repos, clock.now());
    logger.info('demo catalogue loaded (training mode)', demo);
  }
  print.recoverAtStart();
  reversals.recoverAtStart();
  // A card 退货 a stop cut short before its answer: it may have reached the host, and a refund
  // is never reversed (PRODUCT.md §4), so it waits as uncertain for the supervisor to settle.
  const cutRefunds = repos.transactions.pendingCard().filter((tx) => tx.type === 'refund');
  for (const tx of cutRefunds)
    repos.inTransaction(() =>
      repos.transactions.transition(
        tx.id,
        'pending',
        'uncertain',
        clock.now(),
        null,
        'cut short by a restart',
      ),
    );
  if (cutRefunds.length > 0)
    logger.warn('card refunds cut short by the last stop are uncertain', {
      count: cutRefunds.length,
    });
  qr.recoverAtStart();
  qrRefund.recoverAtStart();
  // Return steps a crash left between 'started' and their answer.
  const returnSteps = returns.recoverAtStart();
  if (returnSteps > 0) logger.warn('return steps checked after a restart', { count: returnSteps });
  // Receipts of orders paid in the last week that a crash kept from being queued.
  orderPayments.recoverReceipts(clock.now() - 7 * 24 * 3600_000);
  // An abandon a stop cut short: its host and gateway steps are carried on by
  // resumeInBackground once the outbox runs; a card read again or cash waits for the screen.
  const abandoned = orderUndo.unfinished();
  if (abandoned.length > 0) logger.warn('orders being abandoned after a restart', { abandoned });
  return { abandoned };
}

/**
 * Abandons a stop cut short, carried on once the outbox runs (their card voids
 * and QR refunds; see OrderUndoService.resumeAtStart). Settles, never fails:
 * close() waits for it before the database goes.
 */
export function resumeInBackground(
  c: { orderUndo: Pick<OrderUndoService, 'resumeAtStart'>; clock: Clock; logger: Logger },
  abandoned: number[],
): Promise<void> {
  const { orderUndo, clock, logger } = c;
  return abandoned.length === 0
    ? Promise.resolve()
    : orderUndo
        .resumeAtStart(clock.now())
        .then(
          (tried) => logger.info('abandoned orders carried on after a restart', { tried }),
          (err: unknown) => logger.error('carrying on abandoned orders failed', errorFields(err)),
        )
        // Nothing to do when the log itself can't be written (its directory gone).
        .catch(() => undefined);
}
