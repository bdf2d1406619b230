import { Buffer } from 'node:buffer';
import { decodeBcd, encodeBcd } from './bcd';
import { IsoCodecError } from './errors';
import { decodeField, encodeField, type FieldValue } from './field-codec';
import { MAC_FIELD, MAC_LENGTH, fieldSpec, type FieldSpec } from './fields';

/**
 * An ISO 8583 message of this profile: MTI and the present fields. Text
 * (n, z, an, ans) as strings, b fields as Buffers. Unpacked fixed an/ans
 * values keep their space padding, exactly as on the wire.
 */
export interface IsoMessage {
  readonly mti: string;
  readonly fields: ReadonlyMap<number, FieldValue>;
}

const MTI_BYTES = 2;
const BITMAP_BYTES = 8;
/** MTI + primary bitmap: the smallest possible body. */
export const BODY_HEADER_BYTES = MTI_BYTES + BITMAP_BYTES;

function bitIsSet(bitmap: Buffer, field: number): boolean {
  const byte = bitmap[(field - 1) >> 3] ?? 0;
  return (byte & (0x80 >> ((field - 1) & 7))) !== 0;
}

/** MTI ‖ primary bitmap ‖ fields in ascending order. Validates every value. */
export function packBody(msg: IsoMessage): Buffer {
  if (typeof msg.mti !== 'string' || !/^[0-9]{4}$/.test(msg.mti)) {
    throw new IsoCodecError(
      'ISO_INVALID_VALUE',
      `MTI: expected 4 digits, got ${JSON.stringify(msg.mti)}`,
      { field: 0 },
    );
  }
  const bitmap = Buffer.alloc(BITMAP_BYTES);
  const parts: Buffer[] = [];
  const ids = [...msg.fields.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const spec = fieldSpec(id);
    if (!spec) {
      throw new IsoCodecError(
        'ISO_UNKNOWN_FIELD',
        `field ${String(id)} is not in the profile's field table`,
        { field: id },
      );
    }
    parts.push(encodeField(spec, msg.fields.get(id)));
    bitmap[(id - 1) >> 3] = (bitmap[(id - 1) >> 3] ?? 0) | (0x80 >> ((id - 1) & 7));
  }
  return Buffer.concat([encodeBcd(msg.mti, 'right'), bitmap, ...parts]);
}

/** Parses a body (MTI onwards); every byte must belong to a field. */
export function unpackBody(buf: Buffer): IsoMessage {
  if (buf.length < BODY_HEADER_BYTES) {
    throw new IsoCodecError(
      'ISO_TRUNCATED',
      `body is ${buf.length} byte(s), needs at least ${BODY_HEADER_BYTES} for MTI and bitmap`,
      { offset: buf.length },
    );
  }
  const mti = decodeBcd(buf, 0, 4, 'right', 'MTI', { field: 0, offset: 0 });
  const bitmap = buf.subarray(MTI_BYTES, BODY_HEADER_BYTES);
  if (bitIsSet(bitmap, 1)) {
    throw new IsoCodecError(
      'ISO_SECONDARY_BITMAP',
      `bitmap bit 1 is set (secondary bitmap) at offset ${MTI_BYTES}; this profile uses the primary bitmap only`,
      { field: 1, offset: MTI_BYTES },
    );
  }
  // The whole bitmap is checked before any field, so a bad bit is reported as
  // such rather than as whatever the misaligned bytes before it look like.
  const specs: FieldSpec[] = [];
  for (let id = 2; id <= 64; id++) {
    if (!bitIsSet(bitmap, id)) continue;
    const spec = fieldSpec(id);
    if (!spec) {
      throw new IsoCodecError(
        'ISO_UNKNOWN_FIELD',
        `bitmap announces field ${id}, which is not in the profile's field table`,
        { field: id, offset: MTI_BYTES + ((id - 1) >> 3) },
      );
    }
    specs.push(spec);
  }
  const fields = new Map<number, FieldValue>();
  let at = BODY_HEADER_BYTES;
  for (const spec of specs) {
    const id = spec.id;
    const { value, end } = decodeField(spec, buf, at);
    fields.set(id, value);
    at = end;
  }
  if (at !== buf.length) {
    throw new IsoCodecError(
      'ISO_TRAILING_BYTES',
      `${buf.length - at} byte(s) after the last field, from offset ${at}`,
      { offset: at },
    );
  }
  return { mti, fields };
}

/**
 * The bytes the MAC covers: from the MTI up to, not including, field 64.
 * Field 64 is fixed b8 and always last, so when the bitmap says it is present
 * that is the body less its last 8 bytes; otherwise the whole body.
 */
export function macData(body: Buffer): Buffer {
  if (body.length < BODY_HEADER_BYTES) {
    throw new IsoCodecError(
      'ISO_TRUNCATED',
      `body is ${body.length} byte(s), needs at least ${BODY_HEADER_BYTES} for MTI and bitmap`,
      { offset: body.length },
    );
  }
  if (!bitIsSet(body.subarray(MTI_BYTES, BODY_HEADER_BYTES), MAC_FIELD)) return body;
  if (body.length < BODY_HEADER_BYTES + MAC_LENGTH) {
    throw new IsoCodecError(
      'ISO_TRUNCATED',
      `bitmap announces field 64 but the body is only ${body.length} byte(s)`,
      { field: MAC_FIELD, offset: body.length },
    );
  }
  return body.subarray(0, body.length - MAC_LENGTH);
}
