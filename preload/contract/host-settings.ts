import { z } from 'zod';

const HexBytes = (bytes: number, rule: string) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[0-9A-F]{${bytes * 2}}$`), { message: rule }));

/** Acquirer host connection (PRODUCT.md §1). An empty address means training mode. */
export const HostSettings = z.object({
  address: z
    .string()
    .trim()
    .regex(/^$|^[A-Za-z0-9.-]{1,253}:\d{1,5}$/, { message: 'hostAddress' })
    .refine((a) => a === '' || (Number(a.split(':')[1]) >= 1 && Number(a.split(':')[1]) <= 65535), {
      message: 'hostAddress',
    }),
  tls: z.boolean(),
  timeoutSec: z
    .number({ message: 'hostTimeout' })
    .int({ message: 'hostTimeout' })
    .min(1, { message: 'hostTimeout' })
    .max(300, { message: 'hostTimeout' }),
  retries: z
    .number({ message: 'hostRetries' })
    .int({ message: 'hostRetries' })
    .min(0, { message: 'hostRetries' })
    .max(9, { message: 'hostRetries' }),
  tpdu: HexBytes(5, 'tpdu'),
  header: HexBytes(6, 'messageHeader'),
});
export type HostSettings = z.infer<typeof HostSettings>;
