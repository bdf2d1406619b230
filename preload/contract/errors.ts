import { z } from 'zod';

/**
 * Every error that can reach the cashier has a stable code here. The renderer
 * turns `errors.<code>` into words (zh-CN first, en second); a test checks that
 * both catalogues cover every code, so adding a code without words fails.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
  'CONNECTION_LOST',
  'OUTCOME_UNKNOWN',
  'REQUEST_INTERRUPTED',
  'NOT_CONFIGURED',
  'SETTINGS_CORRUPT',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'UNKNOWN_OPERATOR',
  'WRONG_PASSWORD',
  'OPERATOR_LOCKED',
  'OPERATOR_DISABLED',
  'ADMIN_ONLY_BEFORE_SETUP',
  'PASSWORD_CHANGE_REQUIRED',
  'TENDER_TOO_LOW',
  'TRANSACTION_NOT_FOUND',
  'PRINT_JOB_NOT_FOUND',
  'PRINTER_UNREACHABLE',
  'PRINTER_TIMEOUT',
  'PRINTER_DISCONNECTED',
  'HOST_SIGN_IN_REQUIRED',
  'HOST_UNREACHABLE',
  'HOST_TLS_FAILED',
  'HOST_TIMEOUT',
  'HOST_BAD_REPLY',
  'HOST_REFUSED',
  'TERMINAL_NOT_REGISTERED',
  'KEYS_INVALID',
  'TMK_MISSING',
  'REVERSAL_PENDING',
  'BATCH_FULL',
  'CARDS_BLOCKED',
  'CARD_BUSY',
  'PINPAD_CANCELLED',
  'PINPAD_SCREEN_CLOSED',
  'PINPAD_TIMEOUT',
  'PINPAD_NO_KEY',
  'PINPAD_FAULT',
  'PINPAD_NOT_SIMULATED',
  'PINPAD_NOT_CONFIGURED',
  'SECRET_KEY_PROBLEM',
  'SCANNER_NOT_SIMULATED',
  'QR_CODE_INVALID',
  'QR_BUSY',
  'QR_GATEWAY_NOT_CONFIGURED',
  'REFUND_NOT_ALLOWED',
  'REFUND_EXCEEDS',
  'SUPERVISOR_REQUIRED',
  'SETTLEMENT_IN_PROGRESS',
  'SETTLEMENT_BLOCKED',
  'SETTLEMENT_REFUNDS_UNCERTAIN',
  'SETTLEMENT_REFUSED',
  'NOTHING_TO_SETTLE',
  'VOID_NOT_FOUND',
  'VOID_NOT_ALLOWED',
  'REFUND_ORIGINAL_NOT_FOUND',
  'REFUND_CARD_MISMATCH',
  'REFUND_NOT_UNCERTAIN',
  'PREAUTH_NOT_FOUND',
  'PREAUTH_CLOSED',
  'PREAUTH_OVER_LIMIT',
  'PREAUTH_DISABLED',
  'OPERATOR_EXISTS',
  'OPERATOR_NOT_MANAGED',
  'OPERATOR_ON_SHIFT',
  'OPERATOR_HAS_TRANSACTIONS',
  'VOUCHER_NOT_FOUND',
  'BACKUP_FAILED',
  'BACKUP_BUSY',
  'RESTORE_NOT_FOUND',
  'RESTORE_CORRUPT',
  'RESTORE_NOT_A_BACKUP',
  'RESTORE_TOO_NEW',
  'RESTORE_DROPS_UNSETTLED',
  'RESTORE_PREVIEW_STALE',
  'RECOVERY_NEEDED',
  'RECOVERY_NOT_NEEDED',
  'RECOVERY_NO_CREDENTIAL',
  'EXPORT_FAILED',
  'EXPORT_RANGE_INVALID',
  'CONFIG_FILE_INVALID',
  'CONFIG_VERSION_UNSUPPORTED',
  'REPORT_NOT_FOUND',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_CODE_EXISTS',
  'BARCODE_TAKEN',
  'CATEGORY_EXISTS',
  'CATEGORY_NOT_FOUND',
  'CATALOGUE_FILE_INVALID',
  'CATALOGUE_FILE_TOO_LARGE',
  'CATALOGUE_IMPORT_HAS_ERRORS',
  'CATALOGUE_DEMO_TRAINING_ONLY',
  'ORDER_NOT_FOUND',
  'ORDER_NOT_EDITABLE',
  'ORDER_AT_COUNTER',
  'ORDER_EMPTY',
  'ORDER_LINE_NOT_FOUND',
  'ORDER_TOO_LARGE',
  'ORDER_PAYMENT_UNDECIDED',
  'ORDER_PARTLY_PAID',
  'ORDER_ABANDONING',
  'TENDER_EXCEEDS_DUE',
  'UNDO_DECLINED',
  'UNDO_NO_ANSWER',
  'DISCOUNT_EXCEEDS',
  'APPROVAL_REQUIRED',
  'CASH_FLOAT_SET',
  'CASH_COUNTED',
  'FLOAT_REQUIRED',
  'CASH_COUNT_REQUIRED',
  'RETURN_ORDER_NOT_FOUND',
  'RETURN_ORDER_NOT_PAID',
  'RETURN_LINE_NOT_ON_ORDER',
  'RETURN_EXCEEDS',
  'RETURN_PAYMENTS_SHORT',
  'RETURN_CARD_PARTIAL',
  'RETURN_OPEN_EXISTS',
  'RETURN_NOT_FOUND',
  'RETURN_NOT_OPEN',
  'RETURN_STEP_UNDECIDED',
  'RETURN_STEP_DECLINED',
  'RETURN_CANNOT_CANCEL',
  'RETURN_WITHOUT_ORIGINAL_OFF',
  'SIGN_OFF_BUSY',
  'SETTLEMENT_BUSY',
  'SIGN_IN_BUSY',
  'RESTORE_BUSY',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** Values interpolated into an error's words, e.g. {attemptsLeft: 3}. */
export const ErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * A field that broke a rule. `rule` is an i18n key under `rules.` (for example
 * `merchantNumber` → "商户号必须是 15 位数字"), so the screen names the rule.
 */
export const FieldIssue = z.object({
  field: z.string(),
  rule: z.string(),
  params: ErrorParams.optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

export const PosError = z.object({
  code: ErrorCode,
  params: ErrorParams.optional(),
  fields: z.array(FieldIssue).optional(),
});
export type PosError = z.infer<typeof PosError>;

/** Every reply crossing a process boundary is one of these two shapes. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: PosError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: PosError }),
  ]);
}
