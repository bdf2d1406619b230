import { join } from 'node:path';
import { createCustomerDisplayService } from '../services/checkout/customer-display-service';
import { createHandlers } from '../api/handlers';
import { createApiRouter } from '../api/router';
import { createIdempotency } from '../api/idempotency';
import { screenScopedPinPad } from './screen-scope';
import { RECOVERY_FILE, technicianHashOf, writeHashFile } from '../db/recovery-files';
import { createOutboxWorker } from '../outbox/worker';
import { createAuthService } from '../services/staff/auth-service';
import { createCardService } from '../services/cards/card-service';
import { createCardActivity } from '../services/cards/card-activity';
import { createHostService } from '../services/cards/host-service';
import { hostSignInOutcome } from '../services/cards/host-sign-in-outcome';
import { createCashRefundService } from '../services/refunds/cash-refund-service';
import { createCashDrawerService } from '../services/staff/cash-drawer-service';
import { createHistoryService } from '../services/reports/history-service';
import { createReportService } from '../services/reports/report-service';
import { createSalesReportService } from '../services/reports/sales-report-service';
import { createKeyService } from '../services/cards/key-service';
import { createScryptHasher } from '../services/staff/password-hasher';
import { createPrintService } from '../services/printing/print-service';
import { createQrRefundService } from '../services/refunds/qr-refund-service';
import { createQrService } from '../services/qr/qr-service';
import { createReversalService, REVERSAL } from '../services/cards/reversal-service';
import { buildCheckout } from './checkout-parts';
import { createSessionState } from '../services/staff/session';
import { createSettlementService } from '../services/settlement/settlement-service';
import { createSetupService } from '../services/terminal/setup-service';
import { createSyncService } from '../sync/sync-service';
import { createVoidService } from '../services/refunds/void-service';
import { createOrderUndoService } from '../services/checkout/order-undo-service';
import { createReturnService } from '../services/returns/return-service';
import { createCardRefundService } from '../services/refunds/card-refund-service';
import { createPreauthService } from '../services/cards/preauth-service';
import { createCatalogueService } from '../services/catalogue/catalogue-service';
import { systemClock } from './clock';
import { createHostEndpoints } from './host-endpoint';
import { createQrEndpoints } from './qr-endpoint';
import { createLogger, errorFields } from './logger';
import { ensurePrivateDir } from './private-files';
import { openData, recoverAtStart, resumeInBackground } from './start-up';
import { auditRefusal } from './refusal-audit';
import { adminServices } from './admin-services';
import { openDevices, printerFor } from './devices';

import type { PosCore, PosCoreOptions, SharedParts } from './core-types';

/** Calls after which the technician's kept password hash may have changed. */
const PASSWORD_CHANNELS = new Set(['auth:changePassword', 'operators:resetPassword']);

/**
 * The composition root's body: builds every service once over one database
 * connection, with its collaborators passed in (no module singletons). A
 * restore from a backup closes it and builds it again (see createPosCore).
 */
export async function buildCore(opts: PosCoreOptions, shared: SharedParts): Promise<PosCore> {
  ensurePrivateDir(opts.dataDir);
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger({ file: join(opts.dataDir, 'logs', 'pos.log') });
  const { settings, db, repos, secretBox } = openData(opts, clock, logger);
  const { events } = shared;
  const session = createSessionState();
  const keys = createKeyService({ repos, secretBox, clock, settings });
  const { pinpad, scanner, display } = await openDevices({ opts, settings, keys, events, logger });

  const endpoints = createHostEndpoints({ settings, tmk: () => keys.tmk() });
  const print = createPrintService({
    repos,
    settings,
    clock,
    logger,
    events,
    printerFor,
    ...(opts.printRetryDelaysMs ? { retryDelaysMs: opts.printRetryDelaysMs } : {}),
  });

  let reversalCounts = () => ({ pending: 0, blocked: false });
  const host = createHostService({
    repos,
    settings,
    clock,
    keys,
    pinpad,
    events,
    logger,
    endpoint: () => endpoints.endpoint(),
    reversalCounts: () => reversalCounts(),
    // Pending reversals go as soon as there are keys, backoff or not (PRODUCT.md §4).
    onSignedIn: () => {
      outbox.flush(REVERSAL).catch((err: unknown) => {
        logger.error('reversal flush after sign-in failed', errorFields(err));
      });
    },
  });
  const reversals = createReversalService({
    repos,
    settings,
    clock,
    logger,
    secretBox,
    host,
    print,
  });
  reversalCounts = () => reversals.counts();
  const qrEndpoints = createQrEndpoints({
    settings,
    repos,
    secretBox,
    ...(opts.qrTraining ? { training: opts.qrTraining } : {}),
  });
  // These services put work in the outbox and the outbox calls their handlers:
  // they get a late-bound kick, the worker gets their handlers.
  const kickOutbox = { kick: () => outbox.kick() };
  const qr = createQrService({
    repos,
    settings,
    clock,
    logger,
    events,
    print,
    outbox: kickOutbox,
    endpoints: qrEndpoints,
    ...(opts.qrScheduler ? { scheduler: opts.qrScheduler } : {}),
  });
  const qrRefund = createQrRefundService({
    repos,
    settings,
    clock,
    logger,
    print,
    outbox: kickOutbox,
    endpoints: qrEndpoints,
    approve: (...args) => auth.approve(...args),
  });
  // Settled batches to the back office; the header carries the totals the settlement kept.
  const sync = createSyncService({
    repos,
    settings,
    secretBox,
    clock,
    logger,
    totals: (batchNo) => repos.settlements.get(batchNo)?.totals ?? {},
    outbox: { kick: () => outbox.kick(), flush: (kind) => outbox.flush(kind) },
  });
  const outbox = createOutboxWorker({
    repos,
    clock,
    logger,
    handlers: [reversals.handler, qr.cancelHandler, qrRefund.handler, sync.handler],
  });
  // The card and PIN waits of the services are held by the screen that asked
  // (screen-scope.ts): a screen that goes away cancels its own.
  const workPad = screenScopedPinPad(pinpad);
  // The card transaction running now (card:running), whichever service runs it.
  const cardActivity = createCardActivity(events);
  const card = createCardService({
    repos,
    settings,
    clock,
    logger,
    events,
    secretBox,
    pinpad: workPad,
    host,
    reversals,
    outbox,
    print,
    activity: cardActivity,
  });

  const hasher = createScryptHasher(opts.scryptCost);
  const auth = createAuthService({
    repos,
    hasher,
    clock,
    settings,
    session,
    onSignOff: (s) => orders.parkAtSignOff(s),
    hostSignIn: hostSignInOutcome(host, logger),
  });
  const setup = createSetupService({
    repos,
    settings,
    clock,
    // A new printer setting may be the fix for waiting jobs: try them at once.
    onSaved: () => print.kick(),
    onHostSaved: () => host.signOut(),
  });
  const catalogue = createCatalogueService({ repos, settings });
  const customerDisplay = createCustomerDisplayService({ display, logger });
  const { orders, orderPayments, sale, checkoutRules } = buildCheckout({
    repos,
    settings,
    clock,
    logger,
    print,
    card,
    qr,
    catalogue,
    approve: (...args) => auth.approve(...args),
    onCashPaid: (tendered, change) => customerDisplay.paid(tendered, change),
  });
  // What the follow-up card transactions (void, refund, pre-auth) share.
  const followUpDeps = {
    repos,
    settings,
    clock,
    logger,
    secretBox,
    host,
    pinpad: workPad,
    outbox,
    print,
    activity: cardActivity,
    pendingReversals: () => reversals.counts(),
    approve: (...args: Parameters<typeof auth.approve>) => auth.approve(...args),
  };
  const cardRefund = createCardRefundService(followUpDeps);
  const cashRefund = createCashRefundService(followUpDeps);
  const voids = createVoidService(followUpDeps);
  // 整单撤销 of a partly paid order: its payments given back through the services above.
  const orderUndo = createOrderUndoService({
    repos,
    clock,
    logger,
    approve: (...args) => auth.approve(...args),
    voids,
    cardRefund,
    cashRefund,
    qrRefund,
  });

  const reports = createReportService({ repos, settings, clock, print });
  const returns = createReturnService({ ...followUpDeps, voids, cardRefund, qrRefund });

  // State-changing calls answered once per request id; calls a stop cut short are marked.
  const idempotency = createIdempotency({ log: repos.requests, now: () => clock.now(), logger });

  await auth.ensureDefaultOperators();
  // The technician's password, kept beside the database for recovery mode (issue 16).
  const keepTechnicianHash = () => {
    const hash = technicianHashOf(db);
    if (hash) writeHashFile(join(opts.dataDir, RECOVERY_FILE), hash);
  };
  keepTechnicianHash();
  const { abandoned } = recoverAtStart({
    repos,
    settings,
    clock,
    logger,
    print,
    reversals,
    qr,
    qrRefund,
    returns,
    orderPayments,
    orderUndo,
  });

  const router = createApiRouter({
    handlers: createHandlers({
      version: opts.version,
      clock,
      settings,
      session,
      auth,
      setup,
      sale,
      orders,
      orderPayments,
      orderUndo,
      checkoutRules,
      print,
      card,
      host,
      keys,
      qr,
      qrRefund,
      history: createHistoryService({ repos, qrRefund, cardRefund, cashRefund }),
      reports,
      salesReports: createSalesReportService({ repos, clock, settings, print }),
      cashDrawer: createCashDrawerService({
        repos,
        settings,
        clock,
        print,
        approve: (...args) => auth.approve(...args),
        shift: () => auth.shift(),
        enqueueShiftReport: (session, now) =>
          reports.enqueueReport({ kind: 'shift' }, session, now, { lean: true }),
      }),
      sync,
      voids,
      returns,
      cardRefund,
      cashRefund,
      events,
      display,
      customerDisplay,
      preauth: createPreauthService(followUpDeps),
      catalogue,
      backups: shared.backups,
      // The technician's and the supervisor's screens (admin-services.ts).
      ...adminServices({
        repos,
        db,
        settings,
        clock,
        logger,
        secretBox,
        dataDir: opts.dataDir,
        version: opts.version,
        print,
        host,
        qrClient: () => qrEndpoints.client(),
        pinpad,
        scanner,
        display,
        hasher,
      }),
      settlement: createSettlementService({
        repos,
        settings,
        clock,
        logger,
        secretBox,
        host,
        outbox,
        print,
        pendingReversals: () => reversals.counts().pending,
        onSettled: (batchNo, now) => sync.enqueue(batchNo, now),
      }),
      pinpad,
      scanner,
      requests: idempotency,
      flushReversals: () => outbox.flush(REVERSAL),
      printerAddress: () => {
        const p = printerFor(settings.get().printer);
        return { target: p.target, address: p.address };
      },
    }),
    session: () => session.current(),
    logger,
    idempotency,
    // Every refused call is audited: who (if anyone) asked for what (issues 7, 16).
    onRefused: auditRefusal(repos, clock),
    onDatabaseDamage: (detail) => shared.onDatabaseDamage?.(detail),
  });

  print.kick();
  outbox.start();
  const resumed = resumeInBackground({ orderUndo, clock, logger }, abandoned);
  logger.info('pos core started', { dataDir: opts.dataDir, version: opts.version });

  return {
    async dispatch(channel, input, call) {
      const r = await router.dispatch(channel, input, call);
      if (r.ok && PASSWORD_CHANNELS.has(channel)) keepTechnicianHash();
      return r;
    },
    onEvent: (listener) => events.on(listener),
    async close() {
      await resumed;
      card.cancel();
      qr.cancel();
      sync.stop();
      await outbox.close();
      await print.close();
      await endpoints.close();
      await qrEndpoints.close();
      await scanner.close();
      customerDisplay.stop();
      await display.close();
      db.close();
    },
    get internals() {
      return {
        db,
        repos,
        settings,
        print,
        host,
        outbox,
        pinpad,
        trainingHost: endpoints.trainingHost(),
        trainingGateway: () => qrEndpoints.trainingGateway(),
        resumed,
      };
    },
  };
}
