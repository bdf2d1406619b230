import { z } from 'zod';

const HexBytes = (bytes: number, rule: string) =>
  z
    .string()
    .transform((s) => s.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(new RegExp(`^[0-9A-F]{${bytes * 2}}$`), { message: rule }));

/** Largest CA certificate text accepted (a few PEM certificates fit easily). */
export const CA_CERTIFICATE_MAX_CHARS = 64 * 1024;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** The PEM certificate blocks in a text, in order. */
export function pemCertificateBlocks(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/**
 * Empty, or one or more PEM certificate blocks. Text around them (the
 * "subject=…" lines some tools print) is tolerated, any other PEM block is
 * not: a private key pasted by mistake must not end up in the settings file.
 */
function isPemCertificates(text: string): boolean {
  if (text === '') return true;
  if (text.length > CA_CERTIFICATE_MAX_CHARS) return false;
  return (
    pemCertificateBlocks(text).length > 0 &&
    !/-----(BEGIN|END) /.test(text.replace(PEM_CERTIFICATE, ''))
  );
}

/**
 * PEM text of the acquirer's CA (or its own certificate) to trust for TLS
 * instead of the system CAs; '' = the system CAs. Unused without TLS.
 */
export const CaCertificate = z
  .string()
  .trim()
  .refine(isPemCertificates, { message: 'caCertificate' });

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
  /** Optional for callers that predate it: absent = '' (the system CAs). */
  caCertificate: CaCertificate.default(''),
});
export type HostSettings = z.infer<typeof HostSettings>;
