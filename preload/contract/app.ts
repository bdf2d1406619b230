import { z } from 'zod';
import { channel } from './channel';
import { NoInput, Session, Timestamp } from './common';
import { PaperWidth, TerminalSummary } from './terminal';

export const SettingsProblem = z.object({
  code: z.literal('SETTINGS_CORRUPT'),
  /** Where the unreadable file was moved, so a technician can look at it. */
  backupPath: z.string(),
  detail: z.string(),
});

export const AppInfo = z.object({
  version: z.string(),
  /** No real acquirer host configured → training mode (培训模式). */
  training: z.boolean(),
  configured: z.boolean(),
  settingsProblem: SettingsProblem.nullable(),
  /** The data key (secret.key) is missing or doesn't open the sealed data: the technician must act. */
  secretKeyProblem: z.enum(['missing', 'wrong', 'unreadable']).nullable(),
  terminal: TerminalSummary.nullable(),
  printer: z.object({ target: z.enum(['virtual', 'tcp', 'serial', 'usb']), address: z.string() }),
  paperWidth: PaperWidth,
  now: Timestamp,
  session: Session.nullable(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const app = {
  info: channel(NoInput, AppInfo),
};
