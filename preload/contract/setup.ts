import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput } from './common';
import { AmountFen } from './money';
import { HostSettings } from './host-settings';
import { TerminalSetup, TerminalSummary } from './terminal';

/**
 * Which follow-up transactions this terminal allows, the largest single
 * refund, and how long a password lasts (PRODUCT.md §1 parameters).
 */
export const TransactionPolicy = z
  .object({
    refund: z.boolean(),
    void: z.boolean(),
    preAuth: z.boolean(),
    maxRefundFen: AmountFen,
    passwordExpiryDays: z
      .number({ message: 'expiryDays' })
      .int({ message: 'expiryDays' })
      .min(0, { message: 'expiryDays' })
      .max(3650, { message: 'expiryDays' }),
  })
  .strict();
export type TransactionPolicy = z.infer<typeof TransactionPolicy>;

export const setup = {
  /** The wizard's current values (null before the first setup). Administrator (99). */
  get: channel(NoInput, z.object({ setup: TerminalSetup.nullable() })),
  /** Validates every field, saves atomically, audits old → new. Administrator (99). */
  save: command(TerminalSetup, z.object({ terminal: TerminalSummary })),
  /** Acquirer host address, TLS, timeout, retries, TPDU and header. Administrator (99). */
  getHost: channel(NoInput, HostSettings),
  saveHost: command(HostSettings, HostSettings),
  /** Transaction switches, maximum refund, password expiry. Administrator (99). */
  getPolicy: channel(NoInput, TransactionPolicy),
  savePolicy: command(TransactionPolicy, TransactionPolicy),
};
