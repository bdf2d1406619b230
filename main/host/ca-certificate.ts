import { X509Certificate } from 'node:crypto';
import { pemCertificateBlocks } from '../../preload/contract/host-settings';

/**
 * The SHA-256 fingerprints of the certificates in a CA setting (PEM text the
 * contract has already checked for shape), or null if one of them is not a
 * certificate the TLS library can load. '' (the system CAs) has none.
 */
export function caFingerprints(pem: string): string[] | null {
  try {
    return pemCertificateBlocks(pem).map((b) => new X509Certificate(b).fingerprint256);
  } catch {
    return null;
  }
}
