import { Buffer } from 'node:buffer';
import { timingSafeEqual } from 'node:crypto';
import { desEcbDecrypt, desEcbEncrypt } from './ciphers';
import { CryptoError } from './errors';

const BLOCK = 8;

function xor8(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

/**
 * ANSI X9.19 retail MAC (ISO 9797-1 MAC algorithm 3, padding method 1):
 * zero-pad to a multiple of 8 (empty data = one zero block), single-DES CBC
 * under K1 over every block, then decrypt with K2 and encrypt with K1.
 * Built from ECB blocks so that no CBC cipher joins CIPHERS_USED.
 */
export function x919Mac(mak16: Buffer, data: Buffer): Buffer {
  if (!Buffer.isBuffer(mak16) || mak16.length !== 16) {
    throw new CryptoError(
      'CRYPTO_BAD_INPUT',
      `X9.19 MAC: key must be 16 bytes, got ${Buffer.isBuffer(mak16) ? mak16.length : typeof mak16}`,
    );
  }
  if (!Buffer.isBuffer(data)) {
    throw new CryptoError(
      'CRYPTO_BAD_INPUT',
      `X9.19 MAC: data must be a Buffer, got ${typeof data}`,
    );
  }
  const k1 = mak16.subarray(0, BLOCK);
  const k2 = mak16.subarray(BLOCK);
  const blocks = Math.max(1, Math.ceil(data.length / BLOCK));
  const padded = Buffer.alloc(blocks * BLOCK);
  data.copy(padded);
  let chain: Buffer = Buffer.alloc(BLOCK);
  for (let i = 0; i < blocks; i++) {
    chain = desEcbEncrypt(k1, xor8(chain, padded.subarray(i * BLOCK, (i + 1) * BLOCK)));
  }
  return desEcbEncrypt(k1, desEcbDecrypt(k2, chain));
}

/** Compares a received MAC with the computed one in constant time. */
export function verifyX919Mac(mak16: Buffer, data: Buffer, mac: Buffer): boolean {
  const expected = x919Mac(mak16, data);
  return Buffer.isBuffer(mac) && mac.length === BLOCK && timingSafeEqual(expected, mac);
}
