import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, Timestamp } from './common';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'localDate' });

export const BackupView = z.object({
  /** A name in the terminal's backup folder; restores take only these. */
  file: z.string(),
  kind: z.enum(['manual', 'scheduled', 'safety']),
  size: z.number().int().nonnegative(),
  at: Timestamp,
  batchNo: z.string().nullable(),
  userVersion: z.number().int().nullable(),
});
export type BackupView = z.infer<typeof BackupView>;

const BackupFile = z
  .string()
  .regex(/^pos-[0-9A-Za-z._-]{1,100}\.sqlite$/, { message: 'backupFile' });
const ConfirmToken = z.string().regex(/^[0-9a-f]{24}$/, { message: 'confirm' });

/** An approved card or QR transaction a restore would drop (card numbers 6/4 only). */
export const DroppedTransaction = z.object({
  id: z.number().int(),
  type: z.string(),
  tender: z.enum(['cash', 'card', 'qr']),
  state: z.string(),
  amountFen: z.number().int(),
  batchNo: z.string(),
  traceNo: z.string(),
  panMasked: z.string().nullable(),
  createdAt: Timestamp,
  settled: z.boolean(),
});

export const RestorePreview = z.object({
  file: z.string(),
  transactions: z.number().int(),
  settlements: z.number().int(),
  /** Made since the backup: carried into the restored database, never lost. */
  auditEntries: z.number().int(),
  approvedElectronic: z.array(DroppedTransaction),
  unsettledApproved: z.number().int(),
  refusal: z.enum(['RESTORE_DROPS_UNSETTLED']).nullable(),
  confirm: z.string(),
  /** The numbers the restored database goes on after. */
  numbers: z.object({ trace: z.number().int(), order: z.number().int(), batch: z.number().int() }),
});
export type RestorePreview = z.infer<typeof RestorePreview>;

export const ConfigPreview = z.object({
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  ignored: z.array(z.string()),
  formatVersion: z.number().int(),
});
export type ConfigPreview = z.infer<typeof ConfigPreview>;

/** A configuration file as text (JSON); the screen reads it from a file the user picks. */
const ConfigText = z
  .object({ text: z.string().max(500_000, { message: 'configTooLarge' }) })
  .strict();

/**
 * 数据维护: backups (daily and on demand, keep N), restore with checks and a
 * safety copy, CSV export of transactions, and configuration export/import so a
 * technician sets up many shops alike.
 */
export const data = {
  backups: channel(NoInput, z.object({ backups: z.array(BackupView), nextDueAt: Timestamp })),
  /** A backup now, with progress as `data:backupProgress` events. */
  backup: command(NoInput, BackupView),
  /** What restoring a backup would drop, and whether it would be refused (nothing changes). */
  previewRestore: channel(z.object({ file: BackupFile }).strict(), RestorePreview),
  /**
   * Checks the file, keeps the current database as a safety copy, carries the
   * audit entries and numbers since the backup into it, swaps, restarts the
   * services. `confirm` is the preview's: a restore goes ahead only with the
   * drop the technician saw.
   */
  restore: channel(
    z.object({ file: BackupFile, confirm: ConfirmToken }).strict(),
    z.object({
      restored: z.string(),
      fromVersion: z.number().int(),
      toVersion: z.number().int(),
      safetyCopy: BackupView,
    }),
  ),
  /** Transactions of a range of local days as CSV (UTF-8 with BOM). */
  exportTransactions: channel(
    z
      .object({
        from: LocalDate,
        to: LocalDate,
        language: z.enum(['zh-CN', 'en']).default('zh-CN'),
      })
      .strict(),
    z.object({ fileName: z.string(), csv: z.string(), rows: z.number().int() }),
  ),
  exportConfig: channel(
    z.object({ withMerchantNumber: z.boolean().default(false) }).strict(),
    z.object({ fileName: z.string(), json: z.string() }),
  ),
  /** What an import would change (old → new), nothing saved. */
  previewConfig: channel(ConfigText, ConfigPreview),
  importConfig: command(ConfigText, ConfigPreview),
};

export const dataEvents = {
  'data:backupProgress': z.object({
    phase: z.enum(['backup', 'check', 'swap']),
    percent: z.number().min(0).max(100),
  }),
};
