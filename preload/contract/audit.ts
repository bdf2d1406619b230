import { z } from 'zod';
import { channel } from './channel';
import { OperatorNo, Timestamp } from './common';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'localDate' });

/** Filters of the audit log screen; every one optional. Dates are the terminal's local days. */
export const AuditFilter = z
  .object({
    from: LocalDate.optional(),
    to: LocalDate.optional(),
    operatorNo: OperatorNo.optional(),
    /** An action or its prefix: `operator.` matches every operator change. */
    action: z
      .string()
      .regex(/^[a-zA-Z.]{0,40}$/, { message: 'auditAction' })
      .optional(),
  })
  .strict();

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: Timestamp,
  operatorNo: z.string().nullable(),
  action: z.string(),
  /** What happened, as recorded (never a key, PIN or card number). */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** 审计日志 (00 and 99): append-only; read, filter and export here, never edited. */
export const audit = {
  list: channel(
    AuditFilter.extend({
      limit: z.number().int().min(1).max(200).default(100),
      beforeId: z.number().int().positive().optional(),
    }).strict(),
    z.object({ entries: z.array(AuditEntryView), hasMore: z.boolean() }),
  ),
  /** The filtered log as CSV (UTF-8 with BOM), for the screen to save. */
  exportCsv: channel(
    AuditFilter,
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  ),
};
