import { Buffer } from 'node:buffer';
import { bcdByteLength, decodeBcd, encodeBcd } from './bcd';
import { IsoCodecError, fieldLabel } from './errors';
import type { FieldSpec } from './fields';

/** One field's value: text for n/z/an/ans, bytes for b. */
export type FieldValue = string | Buffer;

const CHARSET: Record<'n' | 'z' | 'an' | 'ans', { test: RegExp; says: string }> = {
  n: { test: /^[0-9]*$/, says: 'digits 0-9' },
  z: { test: /^[0-9=]*$/, says: "digits 0-9 and '='" },
  an: { test: /^[A-Za-z0-9 ]*$/, says: 'letters, digits and space' },
  ans: { test: /^[\x20-\x7e]*$/, says: 'printable ASCII (0x20-0x7E)' },
};

function invalid(spec: FieldSpec, detail: string): IsoCodecError {
  return new IsoCodecError(
    'ISO_INVALID_VALUE',
    `${fieldLabel(spec.id)} (${spec.name}, ${describe(spec)}): ${detail}`,
    { field: spec.id },
  );
}

/** "LLVAR n..19", "an12": the spec's own notation, for messages. */
export function describe(spec: FieldSpec): string {
  return spec.length === 'fixed'
    ? `${spec.format}${spec.max}`
    : `${spec.length} ${spec.format}..${spec.max}`;
}

function prefixDigits(spec: FieldSpec): number {
  return spec.length === 'LLVAR' ? 2 : 3;
}

/** Validates `value` against `spec` and returns its wire bytes, length prefix included. */
export function encodeField(spec: FieldSpec, value: unknown): Buffer {
  // `unknown` because messages are built by callers whose types can lie (a
  // Map filled from parsed JSON); the check here is the real one.
  const got = Buffer.isBuffer(value) ? 'a Buffer' : typeof value;
  if (spec.format === 'b') {
    if (!Buffer.isBuffer(value)) throw invalid(spec, `expected a Buffer, got ${got}`);
    return withPrefix(spec, value.length, Buffer.from(value));
  }
  if (typeof value !== 'string') throw invalid(spec, `expected a string, got ${got}`);
  const charset = CHARSET[spec.format];
  if (!charset.test.test(value)) {
    const bad = [...value].find((c) => !charset.test.test(c)) ?? '';
    throw invalid(
      spec,
      `character ${JSON.stringify(bad)} not allowed (${charset.says}) in ${JSON.stringify(value)}`,
    );
  }
  if (spec.format === 'n' || spec.format === 'z') {
    if (spec.length === 'fixed' && value.length !== spec.max) {
      throw invalid(spec, `expected exactly ${spec.max} digits, got ${value.length}`);
    }
    const align = spec.length === 'fixed' ? 'right' : 'left';
    return withPrefix(spec, value.length, encodeBcd(value, align, spec.format === 'z'));
  }
  // an / ans: ASCII, fixed ones padded with spaces on the right.
  const text = spec.length === 'fixed' ? value.padEnd(spec.max, ' ') : value;
  return withPrefix(spec, value.length, Buffer.from(text, 'latin1'));
}

function withPrefix(spec: FieldSpec, count: number, data: Buffer): Buffer {
  if (spec.length === 'fixed') {
    if (count > spec.max) throw invalid(spec, `expected at most ${spec.max}, got ${count}`);
    if (spec.format === 'b' && count !== spec.max) {
      throw invalid(spec, `expected exactly ${spec.max} bytes, got ${count}`);
    }
    return data;
  }
  if (count > spec.max) throw invalid(spec, `length ${count} is over the maximum ${spec.max}`);
  const prefix = encodeBcd(String(count).padStart(prefixDigits(spec), '0'), 'right');
  return Buffer.concat([prefix, data]);
}

/** Bytes a field's data occupies on the wire for a length `count` (digits or bytes). */
function dataBytes(spec: FieldSpec, count: number): number {
  return spec.format === 'n' || spec.format === 'z' ? bcdByteLength(count) : count;
}

/**
 * Decodes one field at `offset`. Text formats come back exactly as on the wire
 * (fixed an/ans keep their padding); an/ans are decoded byte-for-char (latin1)
 * without a charset check, so that a host's non-ASCII text (a GBK issuer name
 * in 63) is carried rather than refused — pack is where charsets are enforced.
 */
export function decodeField(
  spec: FieldSpec,
  buf: Buffer,
  offset: number,
): { value: FieldValue; end: number } {
  const ctx = { field: spec.id, offset };
  const label = `${fieldLabel(spec.id)} (${describe(spec)})`;
  let at = offset;
  let count = spec.max;
  if (spec.length !== 'fixed') {
    const digits = prefixDigits(spec);
    const prefixBytes = bcdByteLength(digits);
    if (at + prefixBytes > buf.length) {
      throw new IsoCodecError(
        'ISO_TRUNCATED',
        `${label}: length prefix needs ${prefixBytes} byte(s) at offset ${at}, only ${buf.length - at} left`,
        ctx,
      );
    }
    count = Number(decodeBcd(buf, at, digits, 'right', `${label} length prefix`, ctx));
    if (count > spec.max) {
      throw new IsoCodecError(
        'ISO_BAD_LENGTH',
        `${label}: declared length ${count} at offset ${at} is over the maximum ${spec.max}`,
        ctx,
      );
    }
    at += prefixBytes;
  }
  const size = dataBytes(spec, count);
  if (at + size > buf.length) {
    throw new IsoCodecError(
      'ISO_TRUNCATED',
      `${label}: needs ${size} byte(s) at offset ${at}, only ${buf.length - at} left`,
      { field: spec.id, offset: at },
    );
  }
  const end = at + size;
  const dataCtx = { field: spec.id, offset: at };
  switch (spec.format) {
    case 'b':
      return { value: Buffer.from(buf.subarray(at, end)), end };
    case 'an':
    case 'ans':
      return { value: buf.toString('latin1', at, end), end };
    case 'n':
    case 'z':
      return {
        value: decodeBcd(
          buf,
          at,
          count,
          spec.length === 'fixed' ? 'right' : 'left',
          label,
          dataCtx,
          spec.format === 'z',
        ),
        end,
      };
  }
}
