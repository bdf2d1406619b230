import { z } from 'zod';
import { channel, command } from './channel';
import { BackupView } from './data';

/**
 * 数据库恢复 (issue 16): when the terminal's database is missing, empty or
 * damaged, the till refuses to trade and these channels are all it answers
 * (besides app:info, which says why). There is no database, so no operator
 * to sign in: every call carries the technician's (99) password as it was
 * last known, kept beside the database (or, failing that, the one in the
 * newest backup). The factory passwords never open this.
 */
const Password = z.string().regex(/^\d{8}$/, { message: 'technicianPassword' });
const BackupFile = z
  .string()
  .regex(/^pos-[0-9A-Za-z._-]{1,100}\.sqlite$/, { message: 'backupFile' });

export const RecoveryState = z.object({
  reason: z.enum(['missing', 'empty', 'damaged']),
  /** What the check found (quick_check's first lines), for the technician. */
  detail: z.string(),
});
export type RecoveryState = z.infer<typeof RecoveryState>;

export const recovery = {
  /** The backups to restore from, newest first (the password opens the list). */
  backups: channel(
    z.object({ password: Password }).strict(),
    z.object({ backups: z.array(BackupView) }),
  ),
  /** Restores a listed backup; the numbers go on after the high-water marks; audited there. */
  restore: command(
    z.object({ password: Password, file: BackupFile }).strict(),
    z.object({ restored: z.string() }),
  ),
  /** Starts over as a new terminal on an empty database: typed confirmation, audited in it. */
  startOver: command(
    z.object({ password: Password, confirm: z.literal('START OVER') }).strict(),
    z.object({ started: z.literal(true) }),
  ),
};
