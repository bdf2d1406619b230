import type { z } from 'zod';
import type { Contract, Domain, PrinterSetting } from '../../preload/contract';
import type { Clock } from '../core/clock';
import type { EventBus } from '../core/events';
import type { PinPad } from '../../native/pinpad';
import type { Scanner } from '../../native/scanner';
import type { AuthService } from '../services/staff/auth-service';
import type { CardService } from '../services/cards/card-service';
import type { CashRefundService } from '../services/refunds/cash-refund-service';
import type { CashDrawerService } from '../services/staff/cash-drawer-service';
import type { AuditService } from '../services/staff/audit-service';
import type { BackupService } from '../services/data-care/backup-service';
import type { DiagnosticsService } from '../services/terminal/diagnostics-service';
import type { PeripheralsService } from '../services/terminal/peripherals-service';
import type { CustomerDisplayService } from '../services/checkout/customer-display-service';
import type { CustomerDisplay } from '../../native/display';
import type { ExportService } from '../services/data-care/export-service';
import type { ConfigTransferService } from '../services/data-care/config-transfer-service';
import type { OperatorsService } from '../services/staff/operators-service';
import type { HistoryService } from '../services/reports/history-service';
import type { ReportService } from '../services/reports/report-service';
import type { SalesReportService } from '../services/reports/sales-report-service';
import type { HostService } from '../services/cards/host-service';
import type { KeyService } from '../services/cards/key-service';
import type { PrintService } from '../services/printing/print-service';
import type { QrRefundService } from '../services/refunds/qr-refund-service';
import type { QrService } from '../services/qr/qr-service';
import type { QrSettingsService } from '../services/qr/qr-settings-service';
import type { SaleService } from '../services/checkout/sale-service';
import type { OrderService } from '../services/checkout/order-service';
import type { OrderPayments } from '../services/checkout/order-payments';
import type { CheckoutRulesService } from '../services/checkout/checkout-rules';
import type { SessionState } from '../services/staff/session';
import type { SettlementService } from '../services/settlement/settlement-service';
import type { SetupService } from '../services/terminal/setup-service';
import type { SettingsStore } from '../settings/store';
import type { SyncService } from '../sync/sync-service';
import type { VoidService } from '../services/refunds/void-service';
import type { CardRefundService } from '../services/refunds/card-refund-service';
import type { ReturnService } from '../services/returns/return-service';
import type { PreauthService } from '../services/cards/preauth-service';
import type { CatalogueService } from '../services/catalogue/catalogue-service';
import type { CatalogueAdminService } from '../services/catalogue/catalogue-admin-service';
import type { CatalogueTransferService } from '../services/catalogue/catalogue-transfer-service';
import type { ScaleTemplateService } from '../services/catalogue/scale-template-service';
import type { OrderUndoService } from '../services/checkout/order-undo-service';
import type { CallContext } from './router';
import type { Idempotency } from './idempotency';

/** What the handlers call: services and the few facts they report. */
export interface ApiServices {
  version: string;
  clock: Clock;
  events: EventBus;
  settings: SettingsStore;
  session: SessionState;
  auth: AuthService;
  setup: SetupService;
  sale: SaleService;
  orders: OrderService;
  orderPayments: OrderPayments;
  orderUndo: OrderUndoService;
  checkoutRules: CheckoutRulesService;
  returns: ReturnService;
  print: PrintService;
  card: CardService;
  host: HostService;
  keys: KeyService;
  qr: QrService;
  qrRefund: QrRefundService;
  history: HistoryService;
  reports: ReportService;
  salesReports: SalesReportService;
  qrSettings: QrSettingsService;
  settlement: SettlementService;
  sync: SyncService;
  voids: VoidService;
  cardRefund: CardRefundService;
  cashRefund: CashRefundService;
  cashDrawer: CashDrawerService;
  operators: OperatorsService;
  audit: AuditService;
  backups: BackupService;
  exports: ExportService;
  configTransfer: ConfigTransferService;
  diagnostics: DiagnosticsService;
  peripherals: PeripheralsService;
  display: CustomerDisplay;
  customerDisplay: CustomerDisplayService;
  preauth: PreauthService;
  catalogue: CatalogueService;
  catalogueAdmin: CatalogueAdminService;
  catalogueTransfer: CatalogueTransferService;
  scaleTemplates: ScaleTemplateService;
  /** Puts the training catalogue in again (audited as the operator's). */
  loadDemoCatalogue(operatorNo: string): { added: number; restored: number };
  /** The PIN pad in use; its panel channels work only for the simulated one. */
  pinpad: PinPad;
  /** The barcode scanner in use; its panel channels work only for the simulated one. */
  scanner: Scanner;
  /** The outcomes of state-changing calls, for a renderer that lost an answer. */
  requests: Pick<Idempotency, 'outcome' | 'runningChannels'>;
  /** Tries pending reversals now (outbox flush). */
  flushReversals(): Promise<void>;
  /** Where receipts go, in words for the screen (e.g. "tcp 127.0.0.1:9100"). */
  printerAddress(): { target: PrinterSetting['kind']; address: string };
}

type Spec<D extends Domain, M extends keyof Contract[D]> = Contract[D][M] extends {
  input: infer I extends z.ZodType;
  output: infer O extends z.ZodType;
}
  ? { input: z.output<I>; output: z.input<O> }
  : never;

/** One handler per channel of a domain, typed from the contract. */
export type DomainHandlers<D extends Domain> = {
  [M in keyof Contract[D]]: (
    input: Spec<D, M>['input'],
    ctx: CallContext,
  ) => Spec<D, M>['output'] | Promise<Spec<D, M>['output']>;
};

/** The signed-in operator; the router has already refused calls without one. */
export function requireSession(ctx: CallContext) {
  if (!ctx.session) throw new Error('handler reached without a session (access table out of date)');
  return ctx.session;
}

/**
 * The operator about to take a payment (sale or order, any tender): refused
 * with FLOAT_REQUIRED while their shift has no opening float, before an order
 * or a number is made for it.
 */
export function payingSession(s: Pick<ApiServices, 'cashDrawer'>, ctx: CallContext) {
  const session = requireSession(ctx);
  s.cashDrawer.requireFloat(session);
  return session;
}
