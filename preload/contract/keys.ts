import { z } from 'zod';
import { channel, command } from './channel';
import { NoInput } from './common';

/** A TMK component as the technician types it: 32 hex digits (spaces allowed). */
const Component = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{32}$/, { message: 'keyComponent' }));

/**
 * The data key that seals the master key, tokens and card numbers is missing
 * or doesn't open them (issue 16): what can't be used, and the way out.
 */
export const SecretKeyProblem = z.object({
  problem: z.enum(['missing', 'wrong', 'unreadable']),
  /** Card transactions whose reversal needs a sealed card number: handled by hand once the key is replaced. */
  pendingReversals: z.array(
    z.object({
      batchNo: z.string(),
      traceNo: z.string(),
      amountFen: z.number().int(),
      panMasked: z.string(),
      at: z.string(),
    }),
  ),
  /** Sealed settings to enter again after the key is replaced (tmk, qr-gateway-token, back-office-token). */
  sealed: z.array(z.string()),
});
export type SecretKeyProblem = z.infer<typeof SecretKeyProblem>;

export const KeyStatus = z.object({
  /** injected by a technician, or the published training key (training mode only). */
  source: z.enum(['injected', 'training-default', 'none']),
  checkValue: z.string().nullable(),
  /** Present only when the data key has a problem. */
  secretKeyProblem: SecretKeyProblem.optional(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

export const keys = {
  status: channel(NoInput, KeyStatus),
  /** 2 or 3 components XORed into the terminal master key; only its check value comes back. */
  injectTmk: command(
    z
      .object({
        components: z
          .array(Component)
          .min(2, { message: 'keyComponentCount' })
          .max(3, { message: 'keyComponentCount' }),
        /**
         * With a data-key problem the injection makes a new data key, on
         * purpose: what was sealed under the old one stays unreadable.
         */
        replaceSecretKey: z.literal(true).optional(),
      })
      .strict(),
    KeyStatus,
  ),
};
