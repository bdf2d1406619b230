import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * An acceptance-side reading of HOST-PROTOCOL.md part A, written from the
 * spec's field table and NOT from main/host/iso8583: the product's encoder is
 * judged by this, so sharing its decoder would prove nothing. Strict: every
 * pad nibble, length prefix and trailing byte is checked, and any doubt throws.
 */
type Fmt = 'n' | 'z' | 'an' | 'ans' | 'b';
type Len = 'fixed' | 'LL' | 'LLL';
interface Spec {
  fmt: Fmt;
  len: Len;
  max: number;
}

// Straight from the table in HOST-PROTOCOL.md A "Field formats" (54 from the balance row).
export const SPEC_TABLE: Record<number, Spec> = {
  2: { fmt: 'n', len: 'LL', max: 19 },
  3: { fmt: 'n', len: 'fixed', max: 6 },
  4: { fmt: 'n', len: 'fixed', max: 12 },
  11: { fmt: 'n', len: 'fixed', max: 6 },
  12: { fmt: 'n', len: 'fixed', max: 6 },
  13: { fmt: 'n', len: 'fixed', max: 4 },
  14: { fmt: 'n', len: 'fixed', max: 4 },
  22: { fmt: 'n', len: 'fixed', max: 3 },
  25: { fmt: 'n', len: 'fixed', max: 2 },
  35: { fmt: 'z', len: 'LL', max: 37 },
  37: { fmt: 'an', len: 'fixed', max: 12 },
  38: { fmt: 'an', len: 'fixed', max: 6 },
  39: { fmt: 'an', len: 'fixed', max: 2 },
  41: { fmt: 'ans', len: 'fixed', max: 8 },
  42: { fmt: 'ans', len: 'fixed', max: 15 },
  48: { fmt: 'ans', len: 'LLL', max: 322 },
  49: { fmt: 'an', len: 'fixed', max: 3 },
  52: { fmt: 'b', len: 'fixed', max: 8 },
  54: { fmt: 'an', len: 'LLL', max: 999 },
  60: { fmt: 'n', len: 'LLL', max: 17 },
  61: { fmt: 'n', len: 'LLL', max: 29 },
  62: { fmt: 'b', len: 'LLL', max: 512 },
  63: { fmt: 'ans', len: 'LLL', max: 163 },
  64: { fmt: 'b', len: 'fixed', max: 8 },
};

export interface WireMessage {
  length: number;
  tpdu: string;
  header: string;
  mti: string;
  bitmap: string;
  /** Field number → text (n/z/an/ans) or hex (b). */
  fields: Record<number, string>;
  /** Raw bytes from the MTI to the end. */
  body: Buffer;
  /** Byte offset (within body) where field 64 starts, when present. */
  macOffset: number | null;
}

function nibbles(buf: Buffer, at: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const b = buf[at + (i >> 1)];
    if (b === undefined) throw new Error(`BCD runs past the end at byte ${at + (i >> 1)}`);
    out.push(i % 2 === 0 ? b >> 4 : b & 0x0f);
  }
  return out;
}

/** Packed BCD of `digits` digits; fixed = right-aligned (pad first), variable = left-aligned (pad last). */
function bcd(buf: Buffer, at: number, digits: number, rightAligned: boolean, z = false): string {
  const bytes = Math.ceil(digits / 2);
  const ns = nibbles(buf, at, bytes * 2);
  if (digits % 2 === 1) {
    const pad = rightAligned ? ns.shift() : ns.pop();
    if (pad !== 0) throw new Error(`pad nibble ${pad} at byte ${at}, must be 0`);
  }
  return ns
    .map((n) => {
      if (n <= 9) return String(n);
      if (z && n === 0xd) return '=';
      throw new Error(`nibble ${n.toString(16)} at byte ${at} is not a digit`);
    })
    .join('');
}

/** Decodes one whole frame as captured from the socket (2-byte length included). */
export function decodeFrame(frame: Buffer): WireMessage {
  const length = frame.readUInt16BE(0);
  if (length !== frame.length - 2)
    throw new Error(`length prefix ${length}, but ${frame.length - 2} bytes follow`);
  const body = frame.subarray(13);
  const mti = bcd(body, 0, 4, true);
  const bitmap = body.subarray(2, 10);
  if ((bitmap[0]! & 0x80) !== 0) throw new Error('secondary bitmap bit set');
  const fields: Record<number, string> = {};
  let at = 10;
  let macOffset: number | null = null;
  for (let f = 2; f <= 64; f++) {
    if ((bitmap[(f - 1) >> 3]! & (0x80 >> ((f - 1) % 8))) === 0) continue;
    const s = SPEC_TABLE[f];
    if (!s) throw new Error(`bitmap announces field ${f}, not in the spec's table`);
    if (f === 64) macOffset = at;
    let count = s.max;
    if (s.len !== 'fixed') {
      const prefixDigits = s.len === 'LL' ? 2 : 3;
      count = Number(bcd(body, at, prefixDigits, true));
      at += Math.ceil(prefixDigits / 2);
      if (count > s.max) throw new Error(`field ${f}: length ${count} over max ${s.max}`);
    }
    const bytes = s.fmt === 'n' || s.fmt === 'z' ? Math.ceil(count / 2) : count;
    if (at + bytes > body.length) throw new Error(`field ${f} runs past the end`);
    if (s.fmt === 'b')
      fields[f] = body
        .subarray(at, at + bytes)
        .toString('hex')
        .toUpperCase();
    else if (s.fmt === 'n' || s.fmt === 'z')
      fields[f] = bcd(body, at, count, s.len === 'fixed', s.fmt === 'z');
    else {
      const raw = body.subarray(at, at + bytes);
      for (const c of raw)
        if (c < 0x20 || c > 0x7e) throw new Error(`field ${f}: byte ${c} is not printable ASCII`);
      if (s.fmt === 'an' && !/^[A-Za-z0-9 ]*$/.test(raw.toString('latin1')))
        throw new Error(`field ${f} (an): ${JSON.stringify(raw.toString('latin1'))}`);
      fields[f] = raw.toString('latin1');
    }
    at += bytes;
  }
  if (at !== body.length)
    throw new Error(`${body.length - at} trailing byte(s) after the last field`);
  return {
    length,
    tpdu: frame.subarray(2, 7).toString('hex').toUpperCase(),
    header: frame.subarray(7, 13).toString('hex').toUpperCase(),
    mti,
    bitmap: bitmap.toString('hex').toUpperCase(),
    fields,
    body: Buffer.from(body),
    macOffset,
  };
}

/** Which fields a message has, ascending. */
export const present = (m: WireMessage) => Object.keys(m.fields).map(Number);

// --- crypto, from OpenSSL's 3DES (single DES as K‖K‖K), independent of main/host/crypto ---

function ede3(key8or16: Buffer): Buffer {
  const k = key8or16.length === 8 ? key8or16 : key8or16.subarray(0, 16);
  return k.length === 8 ? Buffer.concat([k, k, k]) : Buffer.concat([k, k.subarray(0, 8)]);
}

export function tdesEcb(key: Buffer, data: Buffer, decrypt = false): Buffer {
  const c = decrypt
    ? createDecipheriv('des-ede3', ede3(key), null)
    : createCipheriv('des-ede3', ede3(key), null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** ANSI X9.19 retail MAC, zero padding. */
export function retailMac(key16: Buffer, data: Buffer): Buffer {
  const k1 = key16.subarray(0, 8);
  const k2 = key16.subarray(8, 16);
  const n = Math.max(1, Math.ceil(data.length / 8));
  const padded = Buffer.alloc(n * 8);
  data.copy(padded);
  let chain: Buffer = Buffer.alloc(8);
  for (let i = 0; i < n; i++) {
    const x = Buffer.alloc(8);
    for (let j = 0; j < 8; j++) x[j] = chain[j]! ^ padded[i * 8 + j]!;
    chain = tdesEcb(k1, x);
  }
  return tdesEcb(k1, tdesEcb(k2, chain, true));
}

export const kcv = (key: Buffer) =>
  tdesEcb(key, Buffer.alloc(8)).subarray(0, 4).toString('hex').toUpperCase();
