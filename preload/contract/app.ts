import { z } from 'zod';
import { channel, REQUEST_ID_PATTERN } from './channel';
import { NoInput, Session, Timestamp } from './common';
import { PaperWidth, TerminalSummary } from './terminal';
import { RecoveryState } from './recovery';

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
  /** The database is missing, empty or damaged: the till does not trade; the recovery screen shows. */
  recovery: RecoveryState.nullable().default(null),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * What became of a state-changing call whose answer was lost (issue 16):
 * its recorded reply (`done`), still `running` (ask again), cut short by a
 * restart (`interrupted`, with the vouchers of the transactions it made), or
 * `unknown` — it never reached the terminal or changed nothing there.
 */
export const RequestOutcome = z.discriminatedUnion('state', [
  z.object({ state: z.literal('done'), result: z.unknown() }),
  z.object({ state: z.literal('running') }),
  z.object({ state: z.literal('interrupted'), vouchers: z.array(z.string()) }),
  z.object({ state: z.literal('unknown') }),
]);
export type RequestOutcome = z.infer<typeof RequestOutcome>;

export const app = {
  info: channel(NoInput, AppInfo),
  /** The renderer's question after a lost answer; the request id is the capability. */
  outcome: channel(
    z
      .object({ requestId: z.string().regex(REQUEST_ID_PATTERN, { message: 'requestId' }) })
      .strict(),
    RequestOutcome,
  ),
};
