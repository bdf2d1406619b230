import { Buffer } from 'node:buffer';
import { IsoCodecError, type IsoErrorContext } from './errors';

/**
 * Packed BCD, two digits a byte, high nibble first. Odd digit counts get one
 * pad nibble: on the left for right-aligned (fixed n) values, on the right
 * for left-aligned (variable n, track 2) ones. The pad nibble must be 0 on
 * the wire: accepting anything else would give two encodings for one value.
 */
export type Align = 'left' | 'right';

const EQUALS_NIBBLE = 0xd;

/** Nibble value of a digit, or of '=' when `track2`; -1 otherwise. */
function nibbleOf(ch: number, track2: boolean): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  if (track2 && ch === 0x3d) return EQUALS_NIBBLE;
  return -1;
}

/** Callers validate first, to name the field; the check here only stops garbage bytes. */
export function encodeBcd(text: string, align: Align, track2 = false): Buffer {
  const odd = text.length % 2 === 1;
  const nibbles: number[] = [];
  if (odd && align === 'right') nibbles.push(0);
  for (let i = 0; i < text.length; i++) {
    const nibble = nibbleOf(text.charCodeAt(i), track2);
    if (nibble < 0) {
      throw new IsoCodecError(
        'ISO_INVALID_VALUE',
        `BCD: character ${JSON.stringify(text[i])} at position ${i} of ${JSON.stringify(text)} is not a digit`,
      );
    }
    nibbles.push(nibble);
  }
  if (odd && align === 'left') nibbles.push(0);
  const out = Buffer.alloc(nibbles.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = ((nibbles[2 * i] ?? 0) << 4) | (nibbles[2 * i + 1] ?? 0);
  }
  return out;
}

/** Bytes needed for `digits` digits of BCD. */
export function bcdByteLength(digits: number): number {
  return Math.ceil(digits / 2);
}

/**
 * Reads `digits` digits of BCD from `buf` at `offset` (the caller has checked
 * that the bytes are there). `context.offset` is overwritten with the byte
 * offset of the bad nibble.
 */
export function decodeBcd(
  buf: Buffer,
  offset: number,
  digits: number,
  align: Align,
  what: string,
  context: IsoErrorContext,
  track2 = false,
): string {
  const bytes = bcdByteLength(digits);
  const padFirst = digits % 2 === 1 && align === 'right';
  const padLast = digits % 2 === 1 && align === 'left';
  let text = '';
  for (let i = 0; i < bytes * 2; i++) {
    const byteAt = offset + (i >> 1);
    const byte = buf[byteAt] ?? 0;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    const isPad = (padFirst && i === 0) || (padLast && i === bytes * 2 - 1);
    if (isPad) {
      if (nibble !== 0) {
        throw new IsoCodecError(
          'ISO_BAD_BCD',
          `${what}: pad nibble at offset ${byteAt} is ${hexNibble(nibble)}, expected 0`,
          { ...context, offset: byteAt },
        );
      }
      continue;
    }
    if (nibble <= 9) text += String.fromCharCode(0x30 + nibble);
    else if (track2 && nibble === EQUALS_NIBBLE) text += '=';
    else {
      throw new IsoCodecError(
        'ISO_BAD_BCD',
        `${what}: nibble ${hexNibble(nibble)} at offset ${byteAt} is not a ${
          track2 ? "digit or 'D' (=)" : 'digit'
        }`,
        { ...context, offset: byteAt },
      );
    }
  }
  return text;
}

function hexNibble(n: number): string {
  return n.toString(16).toUpperCase();
}
