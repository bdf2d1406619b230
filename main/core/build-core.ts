import { join } from 'node:path';
import type { PrinterSetting } from '../../preload/contract';
import {
  createSimulatedPinPad,
  isSimulatedPinPad,
  trainingOnlyPinPad,
  type PinPad,
} from '../../native/pinpad';
import { createSimulatedScanner, type Scanner } from '../../native/scanner';
import { createSimulatedCustomerDisplay, type CustomerDisplay } from '../../native/display';
import { createDiagnosticsService } from '../services/terminal/diagnostics-service';
import { createPeripheralsService } from '../services/terminal/peripherals-service';
import { openConfiguredDevices } from './serial-devices';
import { createCustomerDisplayService } from '../services/checkout/customer-display-service';
import { createSerialPrinter } from '../../native/printer/transport-serial';
import { createUsbPrinter } from '../../native/printer/transport-usb';
import {
  createTcpPrinter,
  createVirtualPrinter,
  type ReceiptPrinter,
} from '../../native/printer/printer';
import { pinPadPanel } from '../api/handlers/pinpad';
import { createHandlers } from '../api/handlers';
import { createApiRouter } from '../api/router';
import { createIdempotency } from '../api/idempotency';
import { createRepositories, openDatabase } from '../db';
import { createNumberGuard, MARKS_FILE } from '../db/number-marks';
import { RECOVERY_FILE, technicianHashOf, writeHashFile } from '../db/recovery-files';
import { checkValue, pinBlock, tdesEcbDecrypt } from '../host/crypto';
import { createOutboxWorker } from '../outbox/worker';
import { fileKeyStore, openSecretBox } from '../secrets/secret-box';
import { createAuthService } from '../services/staff/auth-service';
import { createCardService } from '../services/cards/card-service';
import { createHostService } from '../services/cards/host-service';
import { createCashRefundService } from '../services/refunds/cash-refund-service';
import { createCashDrawerService } from '../services/staff/cash-drawer-service';
import { createAuditService } from '../services/staff/audit-service';
import { createExportService } from '../services/data-care/export-service';
import { createConfigTransferService } from '../services/data-care/config-transfer-service';
import { createOperatorsService } from '../services/staff/operators-service';
import { createHistoryService } from '../services/reports/history-service';
import { createReportService } from '../services/reports/report-service';
import { createSalesReportService } from '../services/reports/sales-report-service';
import { createKeyService } from '../services/cards/key-service';
import { createScryptHasher } from '../services/staff/password-hasher';
import { createPrintService } from '../services/printing/print-service';
import { createQrRefundService } from '../services/refunds/qr-refund-service';
import { createQrService } from '../services/qr/qr-service';
import { createQrSettingsService } from '../services/qr/qr-settings-service';
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
import { createCatalogueAdminService } from '../services/catalogue/catalogue-admin-service';
import { createCatalogueTransferService } from '../services/catalogue/catalogue-transfer-service';
import { createScaleTemplateService } from '../services/catalogue/scale-template-service';
import { loadDemoCatalogue } from '../services/catalogue/demo-catalogue';
import { isTraining } from '../settings/schema';
import { openSettings } from '../settings/store';
import { systemClock } from './clock';
import { createHostEndpoints } from './host-endpoint';
import { createQrEndpoints } from './qr-endpoint';
import { createLogger, errorFields } from './logger';
import { ensurePrivateDir } from './private-files';
import { PosFailure } from '../domain/errors';

import type { PosCore, PosCoreOptions, SharedParts } from './core-types';

/** Calls after which the technician's kept password hash may have changed. */
const PASSWORD_CHANNELS = new Set(['auth:changePassword', 'operators:resetPassword']);

/** The audit action of each kind of refused call. */
const REFUSAL_ACTIONS = {
  UNKNOWN_CHANNEL: 'access.unknownChannel',
  NOT_SIGNED_IN: 'access.notSignedIn',
  FORBIDDEN: 'access.forbidden',
} as const;

/** The driver for the configured printer; built per job, so a settings change applies at once. */
function printerFor(setting: PrinterSetting): ReceiptPrinter {
  switch (setting.kind) {
    case 'tcp':
      return createTcpPrinter({ host: setting.host, port: setting.port });
    case 'serial':
      return createSerialPrinter({ path: setting.path, baudRate: setting.baudRate });
    case 'usb':
      return createUsbPrinter({ vendorId: setting.vendorId, productId: setting.productId });
    case 'virtual':
      return createVirtualPrinter();
  }
}

/**
 * The composition root's body: builds every service once over one database
 * connection, with its collaborators passed in (no module singletons). A
 * restore from a backup closes it and builds it again (see createPosCore).
 */
export async function buildCore(opts: PosCoreOptions, shared: SharedParts): Promise<PosCore> {
  ensurePrivateDir(opts.dataDir);
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger({ file: join(opts.dataDir, 'logs', 'pos.log') });
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
  const { events } = shared;
  const session = createSessionState();
  const keys = createKeyService({ repos, secretBox, clock, settings });

  // Serial devices set under 外设设置 (opened once per start; simulated ones otherwise).
  const serial = await openConfiguredDevices(settings.get().peripherals, logger);
  // The PIN pad: a shell's own device, else the serial one set under 外设设置, else the
  // simulated one — in training mode only; outside it there is no PIN pad (issue 16).
  const trainingPad = trainingOnlyPinPad(
    createSimulatedPinPad({
      // The PIN key arrives under the TMK; the simulated device unwraps and checks it.
      unwrapPinKey(pikUnderTmk, kcv) {
        const tmk = keys.tmk();
        if (!tmk) throw new Error('no terminal master key');
        const pik = tdesEcbDecrypt(tmk, pikUnderTmk);
        if (checkValue(pik) !== kcv.toUpperCase()) throw new Error('PIN key check value mismatch');
        return pik;
      },
      pinBlock,
    }),
    () => isTraining(settings.get()),
  );
  const pinpad: PinPad = opts.pinpad ?? serial.pinpad ?? trainingPad;
  if (pinpad === trainingPad)
    trainingPad.onChange(() => {
      if (isSimulatedPinPad(trainingPad)) events.emit('pinpad:changed', pinPadPanel(trainingPad));
    });

  // A serial or simulated scanner's codes go to the screen; the code itself is never logged.
  const scanner: Scanner =
    opts.scanner ??
    serial.scanner ??
    createSimulatedScanner({ onError: (e) => logger.warn('scanner error', errorFields(e)) });
  scanner.onScan((code) => events.emit('scanner:scanned', { code }));
  // The pole display facing the customer; simulated unless the shell passes a serial one.
  const display: CustomerDisplay =
    opts.display ?? serial.display ?? createSimulatedCustomerDisplay();

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
  const card = createCardService({
    repos,
    settings,
    clock,
    logger,
    events,
    secretBox,
    pinpad,
    host,
    reversals,
    outbox,
    print,
  });

  const hasher = createScryptHasher(opts.scryptCost);
  const auth = createAuthService({
    repos,
    hasher,
    clock,
    settings,
    session,
    onSignOff: (s) => orders.parkAtSignOff(s),
    async hostSignIn(operatorNo) {
      try {
        const r = await host.signIn(operatorNo);
        return { attempted: true, ok: true, hostTime: r.hostTime, error: null };
      } catch (err) {
        if (!(err instanceof PosFailure)) logger.error('host sign-in failed', errorFields(err));
        return {
          attempted: true,
          ok: false,
          hostTime: null,
          error: err instanceof PosFailure ? err.error : { code: 'INTERNAL' },
        };
      }
    },
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
    pinpad,
    outbox,
    print,
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
  const interrupted = repos.requests.recoverAtStart(clock.now());
  if (interrupted > 0) logger.warn('calls cut short by the last stop', { count: interrupted });

  await auth.ensureDefaultOperators();
  // The technician's password, kept beside the database for recovery mode (issue 16).
  const keepTechnicianHash = () => {
    const hash = technicianHashOf(db);
    if (hash) writeHashFile(join(opts.dataDir, RECOVERY_FILE), hash);
  };
  keepTechnicianHash();
  // Training mode starts with a demo catalogue to scan and search (README lists its codes).
  if (isTraining(settings.get()) && repos.catalogue.isEmpty()) {
    const demo = loadDemoCatalogue(repos, clock.now());
    logger.info('demo catalogue loaded (training mode)', demo);
  }
  print.recoverAtStart();
  reversals.recoverAtStart();
  qr.recoverAtStart();
  qrRefund.recoverAtStart();
  // Return steps a crash left between 'started' and their answer.
  const returnSteps = returns.recoverAtStart();
  if (returnSteps > 0) logger.warn('return steps checked after a restart', { count: returnSteps });
  // Receipts of orders paid in the last week that a crash kept from being queued.
  orderPayments.recoverReceipts(clock.now() - 7 * 24 * 3600_000);
  // An abandon a stop cut short: its host and gateway steps are carried on below, once the
  // outbox runs; a refund that reads the card or cash over the counter waits for the screen.
  const abandoned = orderUndo.unfinished();
  if (abandoned.length > 0) logger.warn('orders being abandoned after a restart', { abandoned });

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
      salesReports: createSalesReportService({ repos, clock }),
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
      diagnostics: createDiagnosticsService({
        repos,
        db,
        settings,
        clock,
        dataDir: opts.dataDir,
        print,
        printer: () => printerFor(settings.get().printer),
        host,
        qrClient: () => qrEndpoints.client(),
        pinpad,
        scanner,
        display,
      }),
      peripherals: createPeripheralsService({
        repos,
        settings,
        clock,
        logger,
        onSaved: () => print.kick(),
      }),
      backups: shared.backups,
      exports: createExportService({ repos, settings, clock, logger }),
      configTransfer: createConfigTransferService({
        repos,
        settings,
        clock,
        logger,
        version: opts.version,
        onSaved: () => print.kick(),
        onHostSaved: () => host.signOut(),
      }),
      operators: createOperatorsService({ repos, hasher, clock }),
      audit: createAuditService({ repos, clock }),
      preauth: createPreauthService(followUpDeps),
      catalogue,
      catalogueAdmin: createCatalogueAdminService({ repos, clock }),
      catalogueTransfer: createCatalogueTransferService({ repos, clock }),
      scaleTemplates: createScaleTemplateService({ repos, settings, clock }),
      loadDemoCatalogue: (operatorNo) =>
        repos.inTransaction(() => {
          const r = loadDemoCatalogue(repos, clock.now());
          repos.audit.append(
            { operatorNo, action: 'catalogue.demoLoaded', detail: { ...r } },
            clock.now(),
          );
          return r;
        }),
      qrSettings: createQrSettingsService({ repos, settings, secretBox, clock }),
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
    onRefused: (r) =>
      repos.audit.append(
        {
          operatorNo: r.session?.operatorNo ?? null,
          action: REFUSAL_ACTIONS[r.code],
          detail:
            r.code === 'FORBIDDEN'
              ? { channel: r.channel, role: r.session?.role ?? null }
              : { channel: r.channel },
        },
        clock.now(),
      ),
  });

  print.kick();
  outbox.start();
  const resumed =
    abandoned.length === 0
      ? Promise.resolve()
      : orderUndo
          .resumeAtStart(clock.now())
          .then(
            (tried) => logger.info('abandoned orders carried on after a restart', { tried }),
            (err: unknown) => logger.error('carrying on abandoned orders failed', errorFields(err)),
          )
          // Nothing to do when the log itself can't be written (its directory gone).
          .catch(() => undefined);
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
