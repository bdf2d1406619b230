import type { z } from 'zod';
import { app } from './app';
import { auth } from './auth';
import { card, cardEvents, host, refunds } from './card';
import { keys } from './keys';
import { pinpad, pinpadEvents } from './pinpad';
import { preauth } from './preauth';
import type { ChannelSpec } from './channel';
import { channelName } from './channel-name';
import type { Result } from './errors';
import { print, printEvents } from './print';
import { qr, qrEvents } from './qr';
import { scanner, scannerEvents } from './scanner';
import { sale } from './sale';
import { setup } from './setup';
import { settlement } from './settlement';
import { sync } from './sync';
import { voids } from './voids';
import { operators } from './operators';
import { audit } from './audit';
import { data, dataEvents } from './data';
import { recovery } from './recovery';
import { diagnostics } from './diagnostics';
import { peripherals } from './peripherals';
import { transactions } from './transactions';
import { reports } from './reports';
import { catalogue } from './catalogue';
import { order } from './order';
import { cash } from './cash';
import { returns } from './returns';

/**
 * The one contract between the renderer and the main side. Each domain owns a
 * namespace; a channel's wire name is `<domain>:<method>`. Both shells (Electron
 * IPC and the web shell's WebSocket) carry exactly this, and main/api validates
 * every input with these schemas.
 */
export const contract = {
  app,
  setup,
  auth,
  sale,
  print,
  card,
  host,
  pinpad,
  keys,
  qr,
  transactions,
  scanner,
  settlement,
  sync,
  voids,
  refunds,
  preauth,
  operators,
  audit,
  data,
  diagnostics,
  peripherals,
  reports,
  catalogue,
  order,
  cash,
  returns,
  recovery,
} as const;
export type Contract = typeof contract;
export type Domain = keyof Contract;

export const events = {
  ...printEvents,
  ...cardEvents,
  ...pinpadEvents,
  ...qrEvents,
  ...scannerEvents,
  ...dataEvents,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export { channelName };

/** All channels as [wireName, spec], for the shells to register and the fuzzers to walk. */
export function listChannels(): Array<[string, ChannelSpec]> {
  const out: Array<[string, ChannelSpec]> = [];
  for (const [domain, methods] of Object.entries(contract)) {
    for (const [method, spec] of Object.entries(methods as Record<string, ChannelSpec>)) {
      out.push([channelName(domain, method), spec]);
    }
  }
  return out;
}

export type ChannelInput<D extends Domain, M extends keyof Contract[D]> =
  Contract[D][M] extends ChannelSpec<infer I, z.ZodType> ? z.input<I> : never;
export type ChannelOutput<D extends Domain, M extends keyof Contract[D]> =
  Contract[D][M] extends ChannelSpec<z.ZodType, infer O> ? z.infer<O> : never;

/** The API object the renderer sees as `window.pos`, namespaced by domain. */
export type PosApi = {
  [D in Domain]: {
    [M in keyof Contract[D]]: (input: ChannelInput<D, M>) => Promise<Result<ChannelOutput<D, M>>>;
  };
} & {
  events: {
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
};

export * from './errors';
export * from './common';
export * from './card-data';
export { hasValidGs1Check } from './gs1';
export * from './money';
export * from './terminal';
export * from './channel';
export { APPROVAL_ACTIONS, type ApprovalAction, isApprovalAction } from './approvals';
export { AppInfo, RequestOutcome, SettingsProblem } from './app';
export { SignInResult, HostSignInOutcome } from './auth';
export {
  CardFault,
  CardEnded,
  CardOutcome,
  CardPhase,
  CardRefundOutcome,
  HostStatus,
  ReversalOutcome,
  RunningCard,
} from './card';
export { PinPadPanel, PinPadKey } from './pinpad';
export { KeyStatus, SecretKeyProblem } from './keys';
export { QrOutcome, QrPhase, QrRefundOutcome, SupervisorApproval } from './qr';
export { TransactionEvent, TransactionFilter, QueryCursor } from './transactions';
export {
  ReportView,
  ChartData,
  ChartRequest,
  SalesReport,
  SalesRequest,
  SalesRow,
  DiscountRow,
  SalesCsvRequest,
} from './reports';
export { ScannerPanel, ScannerCode } from './scanner';
export { BatchTotals, SettlementResult, TenderTotals } from './settlement';
export {
  ReturnOrderView,
  ReturnQuote,
  ReturnRules,
  ReturnRun,
  ReturnStepView,
  ReturnView,
} from './returns';
export { VoidOutcome } from './voids';
export { BackOfficeSettings, SyncBatch, SyncBatchState, SyncStatus } from './sync';
export { HostSettings } from './host-settings';
export { TransactionPolicy } from './setup';
export { OperatorView } from './operators';
export { AuditEntryView } from './audit';
export { BackupView, ConfigPreview, RestorePreview } from './data';
export { RecoveryState } from './recovery';
export { DiagnosticCheck, DiagnosticResult } from './diagnostics';
export { Peripherals, PeripheralSettings, ReceiptLogo } from './peripherals';
export { ShiftSummary } from './shift';
export {
  CashCount,
  CashMovement,
  CashRules,
  CashStatus,
  CountInput,
  DENOMINATIONS_FEN,
  DenominationCount,
  DrawerFigures,
} from './cash';
export { PrintJob, PrintJobState, ReceiptPreview } from './print';
export {
  ProductView,
  ScanLookup,
  CategoryView,
  ProductCode,
  ScannedCode,
  ScaleTemplate,
  ProductInput,
  CatalogueFormat,
  ImportPreview,
  ImportSummary,
  ImportIssue,
  UPLOAD_CHUNK_CHARS,
  CATALOGUE_FILE_MAX_BYTES,
} from './catalogue';
export { CashSaleInput, SaleItemInput, TransactionState, TransactionView, Tender } from './sale';
export {
  CheckoutRules,
  Discount,
  HeldOrder,
  OrderId,
  OrderLineView,
  OrderState,
  OrderTotals,
  OrderUndoView,
  OrderView,
  Rounding,
  UndoStep,
  ScanOutcome,
  WeightG,
} from './order';
