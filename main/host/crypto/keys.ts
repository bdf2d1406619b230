import { Buffer } from 'node:buffer';
import { tdesEcbDecrypt, tdesEcbEncrypt } from './ciphers';
import { CryptoError, KeyCheckError, KeyComponentError } from './errors';

const KEY_BYTES = 16;
const KCV_BYTES = 4;
/** Field 62: PIK(16) ‖ PIK KCV(4) ‖ MAK(16) ‖ MAK KCV(4). */
export const WORKING_KEYS_FIELD_BYTES = 2 * (KEY_BYTES + KCV_BYTES);

function requireKey(what: string, key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
    throw new CryptoError(
      'CRYPTO_BAD_INPUT',
      `${what} must be ${KEY_BYTES} bytes, got ${Buffer.isBuffer(key) ? key.length : typeof key}`,
    );
  }
}

function kcvBytes(key16: Buffer): Buffer {
  return tdesEcbEncrypt(key16, Buffer.alloc(8)).subarray(0, KCV_BYTES);
}

/** Key check value: the first 4 bytes of 3DES(key, 8 zero bytes), as 8 upper-case hex digits. */
export function checkValue(key16: Buffer): string {
  requireKey('key', key16);
  return kcvBytes(key16).toString('hex').toUpperCase();
}

/**
 * The TMK from the components the technician types: 2 or 3 of 32 hex digits
 * each (either case; spaces, which people type in groups, are ignored), XORed.
 * DES parity is not checked: the cipher ignores parity bits and technicians'
 * component sheets don't always keep it.
 */
export function combineComponents(components: readonly string[]): Buffer {
  if (!Array.isArray(components) || components.length < 2 || components.length > 3) {
    throw new KeyComponentError(
      `a TMK takes 2 or 3 components, got ${Array.isArray(components) ? components.length : typeof components}`,
    );
  }
  const key = Buffer.alloc(KEY_BYTES);
  components.forEach((raw, i) => {
    const n = i + 1;
    if (typeof raw !== 'string') {
      throw new KeyComponentError(`component ${n}: expected text, got ${typeof raw}`, n);
    }
    const hex = raw.replace(/ /g, '');
    const badAt = hex.search(/[^0-9A-Fa-f]/);
    if (badAt >= 0) {
      throw new KeyComponentError(
        `component ${n}: character ${JSON.stringify(hex[badAt])} at position ${badAt + 1} is not a hex digit`,
        n,
      );
    }
    if (hex.length !== 2 * KEY_BYTES) {
      throw new KeyComponentError(
        `component ${n}: expected ${2 * KEY_BYTES} hex digits, got ${hex.length}`,
        n,
      );
    }
    const part = Buffer.from(hex, 'hex');
    for (let b = 0; b < KEY_BYTES; b++) key[b] = (key[b] ?? 0) ^ (part[b] ?? 0);
  });
  if (key.every((b) => b === 0)) {
    // Equal components cancel out: almost surely one was typed twice.
    throw new KeyComponentError('the components XOR to an all-zero key (was one entered twice?)');
  }
  return key;
}

/**
 * Decrypts the sign-in reply's field 62 under the TMK and checks each key
 * against its KCV. Refuses (KeyCheckError, KEYS_INVALID) a field of the wrong
 * length or a key whose KCV doesn't match: keys that decrypt wrong would
 * otherwise only show up later as every MAC and PIN failing.
 */
export function parseWorkingKeys(field62: Buffer, tmk: Buffer): { pik: Buffer; mak: Buffer } {
  requireKey('TMK', tmk);
  if (!Buffer.isBuffer(field62) || field62.length !== WORKING_KEYS_FIELD_BYTES) {
    throw new KeyCheckError(
      'FIELD62',
      `field 62 must be ${WORKING_KEYS_FIELD_BYTES} bytes (PIK 16, KCV 4, MAK 16, KCV 4), got ${
        Buffer.isBuffer(field62) ? field62.length : typeof field62
      }`,
    );
  }
  const take = (name: 'PIK' | 'MAK', at: number): Buffer => {
    const clear = tdesEcbDecrypt(tmk, field62.subarray(at, at + KEY_BYTES));
    const sent = field62.subarray(at + KEY_BYTES, at + KEY_BYTES + KCV_BYTES);
    const actual = kcvBytes(clear);
    if (!actual.equals(sent)) {
      // Both check values are public by design, so naming them leaks nothing.
      throw new KeyCheckError(
        name,
        `${name} check value mismatch: field 62 says ${sent.toString('hex').toUpperCase()}, the key decrypted under the TMK gives ${actual.toString('hex').toUpperCase()}`,
      );
    }
    return clear;
  };
  return { pik: take('PIK', 0), mak: take('MAK', KEY_BYTES + KCV_BYTES) };
}

/** The inverse of parseWorkingKeys, for the training host's sign-in reply. */
export function buildWorkingKeysField(tmk: Buffer, pik: Buffer, mak: Buffer): Buffer {
  requireKey('TMK', tmk);
  requireKey('PIK', pik);
  requireKey('MAK', mak);
  return Buffer.concat([
    tdesEcbEncrypt(tmk, pik),
    kcvBytes(pik),
    tdesEcbEncrypt(tmk, mak),
    kcvBytes(mak),
  ]);
}
