import { z } from 'zod';
import {
  HostSettings as HostSettingsInput,
  MerchantName,
  MerchantNumber,
  PaperWidth,
  Peripherals,
  PrinterSetting,
  TerminalNumber,
} from '../../preload/contract';
import { SCALE_TEMPLATES_MAX, ScaleTemplate } from '../../preload/contract/catalogue';
import { BUILT_IN_SCALE_TEMPLATES } from '../domain/catalogue/scale-barcodes';

/**
 * The one schema of the terminal's parameters file (PRODUCT.md §1). The same
 * schema validates what the wizard sends, what is read back from disk in
 * Electron (electron-store) and under Node (conf), and config imports.
 * Fee rates are in hundredths of a percent (0.60 % = 60) so they stay integers.
 */
const HostSettings = z.object({
  /** host:port of the acquirer; empty = no real host = training mode. */
  address: HostSettingsInput.shape.address.default(''),
  tls: z.boolean().default(false),
  timeoutSec: z.number().int().min(1).max(300).default(60),
  /** Tries for a pending reversal before the fault slip; also the connection retries. */
  retries: z.number().int().min(0).max(9).default(3),
  tpdu: z
    .string()
    .regex(/^[0-9A-F]{10}$/)
    .default('6000030000'),
  header: z
    .string()
    .regex(/^[0-9A-F]{12}$/)
    .default('603100000000'),
  /** PEM of the CA to trust for TLS to the acquirer; '' = the system CAs. */
  caCertificate: HostSettingsInput.shape.caCertificate,
});

/** The QR payment gateway (HOST-PROTOCOL.md part B); its token is kept sealed, not here. */
const QrGatewaySettings = z.object({
  /** e.g. https://qr.example.com/v1; empty in training mode (the training gateway answers). */
  baseUrl: z
    .string()
    .trim()
    .max(200)
    .regex(/^$|^https?:\/\/[^\s]+$/)
    .default(''),
  /** Per call; an unanswered pay is queried, never repeated. */
  timeoutSec: z.number().int().min(1).max(60).default(10),
});

/**
 * The merchant's back office (HOST-PROTOCOL.md part C), where settled batches
 * are uploaded; its bearer token is kept sealed, not here. Empty = not
 * configured: uploads wait. HTTPS, except plain HTTP to this machine (a
 * loopback receiver for tests and demos), so the token never crosses a
 * network in clear.
 */
const BackOfficeSettings = z.object({
  baseUrl: z
    .string()
    .trim()
    .max(200)
    .regex(
      /^$|^https:\/\/[^\s]+$|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/,
    )
    .default(''),
  /** Per call (one part of up to 1,000 transactions): a stalled call is retried, never waited on. */
  timeoutSec: z.number().int().min(1).max(120).default(15),
});

const ReceiptSettings = z.object({
  paperWidth: PaperWidth.default(80),
  /** Copies of each card receipt (merchant + cardholder). Cash prints one customer copy. */
  copies: z.number().int().min(1).max(3).default(2),
  header: z.string().max(200).default(''),
  footer: z.string().max(200).default('谢谢惠顾 THANK YOU'),
  /**
   * Days a printed job (and its ESC/POS bytes) stays in the print queue. Older
   * ones are removed: a reprint builds the receipt again from its transaction,
   * which is kept for good.
   */
  keepPrintedDays: z.number().int().min(1).max(3650).default(30),
});

/**
 * The checkout's rules (PRODUCT.md §12): rounding-off (抹零, off by default),
 * what a cashier may discount without the supervisor (a share of the order's
 * gross in basis points and an amount in fen, both), and when deleting a line
 * needs the supervisor (never, always, or once it has been on the order for
 * some seconds — a line scanned by mistake can go at once).
 */
const CheckoutSettings = z.object({
  rounding: z.enum(['none', 'jiao', 'yuan']).default('none'),
  discountLimit: z
    .object({
      percentBp: z.number().int().min(0).max(10_000).default(1000),
      amountFen: z.number().int().min(0).max(99_999_999).default(2000),
    })
    .default({ percentBp: 1000, amountFen: 2000 }),
  lineDelete: z
    .object({
      mode: z.enum(['never', 'after', 'always']).default('after'),
      seconds: z.number().int().min(1).max(86_400).default(120),
    })
    .default({ mode: 'after', seconds: 120 }),
});

export const TerminalParameters = z.object({
  schemaVersion: z.literal(1).default(1),
  configured: z.boolean().default(false),
  merchantNumber: MerchantNumber.optional(),
  terminalNumber: TerminalNumber.optional(),
  merchantName: MerchantName.optional(),
  host: HostSettings.default(HostSettings.parse({})),
  qr: QrGatewaySettings.default(QrGatewaySettings.parse({})),
  backOffice: BackOfficeSettings.default(BackOfficeSettings.parse({})),
  enabled: z
    .object({
      refund: z.boolean().default(true),
      void: z.boolean().default(true),
      preAuth: z.boolean().default(true),
      maxRefundFen: z.number().int().min(1).default(5_000_000),
    })
    .default({ refund: true, void: true, preAuth: true, maxRefundFen: 5_000_000 }),
  fees: z
    .object({
      cardRate: z.number().int().min(0).max(1000).default(60),
      cardLargeRate: z.number().int().min(0).max(1000).default(55),
      largeAmountThresholdFen: z.number().int().min(1).default(1_000_000),
      qrRate: z.number().int().min(0).max(1000).default(38),
    })
    .default({ cardRate: 60, cardLargeRate: 55, largeAmountThresholdFen: 1_000_000, qrRate: 38 }),
  settlement: z
    .object({
      cycle: z.enum(['T+1', 'D+0']).default('T+1'),
      account: z.string().max(40).default(''),
    })
    .default({ cycle: 'T+1', account: '' }),
  receipt: ReceiptSettings.default(ReceiptSettings.parse({})),
  printer: PrinterSetting.default({ kind: 'virtual' }),
  peripherals: Peripherals.default(Peripherals.parse({})),
  passwordExpiryDays: z.number().int().min(0).max(3650).default(90),
  /** Scale-barcode templates (条码秤), tried in order; the common Chinese ones by default. */
  scaleBarcodes: z
    .array(ScaleTemplate)
    .max(SCALE_TEMPLATES_MAX)
    .default(() => BUILT_IN_SCALE_TEMPLATES.map((t) => ({ ...t }))),
  checkout: CheckoutSettings.default(CheckoutSettings.parse({})),
  /** Returns by line (issue 15): a return without the original order is off unless the shop allows it. */
  returns: z
    .object({ withoutOriginal: z.boolean().default(false) })
    .default({ withoutOriginal: false }),
  /**
   * 钱箱 (issue 15): a cashier enters the opening float (备用金, ¥0.00 allowed)
   * before the first payment of a shift, unless the shop doesn't keep floats.
   */
  cash: z.object({ floatRequired: z.boolean().default(true) }).default({ floatRequired: true }),
});
export type TerminalParameters = z.infer<typeof TerminalParameters>;

export const DEFAULT_PARAMETERS: TerminalParameters = TerminalParameters.parse({});

/** Training mode: no real acquirer host configured. */
export function isTraining(params: TerminalParameters): boolean {
  return params.host.address.trim() === '';
}
