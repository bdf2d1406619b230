import { z } from 'zod';
import { channel } from './channel';
import { NoInput } from './common';

/** A TMK component as the technician types it: 32 hex digits (spaces allowed). */
const Component = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{32}$/, { message: 'keyComponent' }));

export const KeyStatus = z.object({
  /** injected by a technician, or the published training key (training mode only). */
  source: z.enum(['injected', 'training-default', 'none']),
  checkValue: z.string().nullable(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

export const keys = {
  status: channel(NoInput, KeyStatus),
  /** 2 or 3 components XORed into the terminal master key; only its check value comes back. */
  injectTmk: channel(
    z
      .object({
        components: z
          .array(Component)
          .min(2, { message: 'keyComponentCount' })
          .max(3, { message: 'keyComponentCount' }),
      })
      .strict(),
    KeyStatus,
  ),
};
