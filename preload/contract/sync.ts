import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput, Timestamp } from './common';

/**
 * HTTPS, or plain HTTP to this machine only (a loopback receiver for tests and
 * demos): the bearer token must never cross a network in clear.
 */
const BACK_OFFICE_URL =
  /^$|^https:\/\/[^\s]+$|^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^\s]*)?$/;

/** The back office as the administrator sets it up; the token is write-only (sealed at rest). */
export const BackOfficeSettings = z.object({
  baseUrl: z
    .string()
    .trim()
    .max(200, { message: 'backOfficeUrl' })
    .regex(BACK_OFFICE_URL, { message: 'backOfficeUrl' }),
  timeoutSec: z
    .number({ message: 'backOfficeTimeout' })
    .int({ message: 'backOfficeTimeout' })
    .min(1, { message: 'backOfficeTimeout' })
    .max(120, { message: 'backOfficeTimeout' }),
});

const BackOfficeView = BackOfficeSettings.extend({ tokenSet: z.boolean() });

/**
 * pending: not tried yet (e.g. no back office configured) · uploading: under
 * way or retrying · done · conflict: the back office holds different content
 * for this batch (nothing was overwritten; a person must look) ·
 * unauthorized: the token was refused (a manager must fix it; then it resumes).
 */
export const SyncBatchState = z.enum(['pending', 'uploading', 'done', 'conflict', 'unauthorized']);

export const SyncBatch = z.object({
  batchNo: z.string().regex(/^\d{6}$/),
  state: SyncBatchState,
  txCount: z.number().int().nonnegative(),
  /** Parts of up to 1,000 transactions the back office acknowledged. */
  partsDone: z.number().int().nonnegative(),
  partsTotal: z.number().int().nonnegative(),
  /** Technical detail of the last failure, for the technician (e.g. "part 3: http-5xx 503"). */
  lastError: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SyncBatch = z.infer<typeof SyncBatch>;

export const SyncStatus = z.object({
  /** Both an address and a token are set; otherwise uploads wait. */
  configured: z.boolean(),
  /** Newest first: every batch not done yet, and the latest done ones. */
  batches: z.array(SyncBatch),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const sync = {
  /** Supervisor (00) and administrator (99): each settled batch's upload progress. */
  status: channel(NoInput, SyncStatus),
  /** Administrator (99): where the back office is; whether a token is stored (never the token). */
  getSettings: channel(NoInput, BackOfficeView),
  /** Administrator (99): a new token replaces the stored one; omit it to keep it. */
  saveSettings: command(
    BackOfficeSettings.extend({
      token: z
        .string()
        .trim()
        .min(8, { message: 'backOfficeToken' })
        .max(512, { message: 'backOfficeToken' })
        .optional(),
    }).strict(),
    BackOfficeView,
  ),
  /** Supervisor and administrator: try every waiting upload now; answers at once with the status. */
  retry: channel(NoInput, SyncStatus),
};
