import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoError } from './errors';

/**
 * The one module that creates node:crypto ciphers. The same code runs in
 * Electron (BoringSSL) and plain Node 22 (OpenSSL 3, no legacy provider), so
 * only cipher names that BOTH offer may appear here: BoringSSL lacks
 * `des-ede3-ecb` (and SM4), OpenSSL 3 refuses plain single-DES ECB unless its
 * legacy provider is loaded. Two-key 3DES ECB (`des-ede`)
 * is in both; single DES is `des-ede` with the key K‖K, because
 * E_K(D_K(E_K(x))) = E_K(x). A test pins this list.
 */
export const CIPHERS_USED: readonly string[] = Object.freeze(['des-ede']);

const TDES_ECB = 'des-ede';
const BLOCK = 8;

function checkInput(what: string, key: Buffer, keyBytes: number, data: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== keyBytes) {
    throw new CryptoError(
      'CRYPTO_BAD_INPUT',
      `${what}: key must be ${keyBytes} bytes, got ${Buffer.isBuffer(key) ? key.length : typeof key}`,
    );
  }
  if (!Buffer.isBuffer(data) || data.length % BLOCK !== 0) {
    throw new CryptoError(
      'CRYPTO_BAD_INPUT',
      `${what}: data must be a multiple of ${BLOCK} bytes, got ${Buffer.isBuffer(data) ? data.length : typeof data}`,
    );
  }
}

function run(encrypt: boolean, key16: Buffer, data: Buffer): Buffer {
  // ECB takes no IV; padding off because every caller supplies whole blocks.
  const c = encrypt
    ? createCipheriv(TDES_ECB, key16, null)
    : createDecipheriv(TDES_ECB, key16, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** Two-key 3DES (K1‖K2), ECB, no padding. */
export function tdesEcbEncrypt(key16: Buffer, data: Buffer): Buffer {
  checkInput('3DES encrypt', key16, 16, data);
  return run(true, key16, data);
}

export function tdesEcbDecrypt(key16: Buffer, data: Buffer): Buffer {
  checkInput('3DES decrypt', key16, 16, data);
  return run(false, key16, data);
}

/** Single DES, ECB, no padding — as 3DES with K‖K (see above). */
export function desEcbEncrypt(key8: Buffer, data: Buffer): Buffer {
  checkInput('DES encrypt', key8, 8, data);
  return run(true, Buffer.concat([key8, key8]), data);
}

export function desEcbDecrypt(key8: Buffer, data: Buffer): Buffer {
  checkInput('DES decrypt', key8, 8, data);
  return run(false, Buffer.concat([key8, key8]), data);
}
