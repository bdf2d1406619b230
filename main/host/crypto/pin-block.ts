import { Buffer } from 'node:buffer';
import { tdesEcbDecrypt, tdesEcbEncrypt } from './ciphers';
import { CryptoError, PinBlockError } from './errors';

/**
 * ISO 9564-1 format 0 PIN block, enciphered with 3DES-ECB under the PIK:
 *   PIN field  0 L P P P P (P/F)… F   (L = PIN length, 4–12, as one hex nibble)
 *   PAN field  0 0 0 0 + the 12 rightmost PAN digits excluding the check digit
 *   block      3DES(PIK, PIN field XOR PAN field)
 */
const BLOCK = 8;

function requirePin(pin: string): void {
  if (typeof pin !== 'string' || !/^[0-9]{4,12}$/.test(pin)) {
    throw new CryptoError(
      'PIN_INVALID',
      `PIN must be 4 to 12 digits, got ${typeof pin === 'string' ? `${pin.length} character(s)${/^[0-9]*$/.test(pin) ? '' : ' with non-digits'}` : typeof pin}`,
    );
  }
}

/** The PAN field; the message names length and charset only, never the PAN. */
function panField(pan: string): Buffer {
  if (typeof pan !== 'string' || !/^[0-9]{13,19}$/.test(pan)) {
    throw new CryptoError(
      'PAN_INVALID',
      `PAN must be 13 to 19 digits, got ${typeof pan === 'string' ? `${pan.length} character(s)${/^[0-9]*$/.test(pan) ? '' : ' with non-digits'}` : typeof pan}`,
    );
  }
  return Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
}

function requirePik(pik: Buffer): void {
  if (!Buffer.isBuffer(pik) || pik.length !== 16) {
    throw new CryptoError(
      'CRYPTO_BAD_INPUT',
      `PIK must be 16 bytes, got ${Buffer.isBuffer(pik) ? pik.length : typeof pik}`,
    );
  }
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(BLOCK);
  for (let i = 0; i < BLOCK; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}

export function pinBlock(pin: string, pan: string, pik: Buffer): Buffer {
  requirePin(pin);
  const panPart = panField(pan);
  requirePik(pik);
  const pinPart = Buffer.from(`0${pin.length.toString(16)}${pin}`.padEnd(16, 'F'), 'hex');
  return tdesEcbEncrypt(pik, xor(pinPart, panPart));
}

/**
 * Recovers the PIN from a format 0 block (the training host's side). A block
 * that doesn't decode — wrong control nibble, length outside 4–12, a non-digit
 * PIN nibble, filler other than F — throws PinBlockError: usually the wrong
 * PIK or PAN.
 */
export function pinFromBlock(block: Buffer, pan: string, pik: Buffer): string {
  if (!Buffer.isBuffer(block) || block.length !== BLOCK) {
    throw new PinBlockError(
      `PIN block must be ${BLOCK} bytes, got ${Buffer.isBuffer(block) ? block.length : typeof block}`,
    );
  }
  const panPart = panField(pan);
  requirePik(pik);
  const nibbles = xor(tdesEcbDecrypt(pik, block), panPart).toString('hex').toUpperCase();
  if (nibbles[0] !== '0') {
    throw new PinBlockError(
      `PIN block control nibble is ${nibbles[0] ?? '?'}, expected 0 (format 0)`,
    );
  }
  const length = parseInt(nibbles[1] ?? '', 16);
  if (!(length >= 4 && length <= 12)) {
    throw new PinBlockError(`PIN block length nibble is ${nibbles[1] ?? '?'}, expected 4 to C`);
  }
  const pin = nibbles.slice(2, 2 + length);
  if (!/^[0-9]+$/.test(pin)) {
    throw new PinBlockError('PIN block holds a non-digit PIN nibble');
  }
  if (!/^F*$/.test(nibbles.slice(2 + length))) {
    throw new PinBlockError('PIN block filler after the PIN is not all F');
  }
  return pin;
}
