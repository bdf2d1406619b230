/**
 * Every failure of the ISO 8583 codec is one of these: a stable `code` for
 * callers to branch on, and a message naming the field, offset and what was
 * expected, for the log. Malformed bytes from the network must end here and
 * never as a TypeError/RangeError from deep inside Buffer.
 */
export type IsoErrorCode =
  /** pack: a value does not fit its field (type, charset, length, digits). */
  | 'ISO_INVALID_VALUE'
  /** a field number the profile's table does not define (pack or bitmap). */
  | 'ISO_UNKNOWN_FIELD'
  /** bitmap bit 1 set: the profile uses the primary bitmap only. */
  | 'ISO_SECONDARY_BITMAP'
  /** a BCD nibble that is not a digit (or '=' in track 2), or a non-zero pad nibble. */
  | 'ISO_BAD_BCD'
  /** a variable field's length prefix is above the field's maximum. */
  | 'ISO_BAD_LENGTH'
  /** the bytes end before the field or frame does. */
  | 'ISO_TRUNCATED'
  /** bytes left over after the last field. */
  | 'ISO_TRAILING_BYTES'
  /** frame shape: TPDU/header size, declared length versus actual. */
  | 'ISO_BAD_FRAME'
  /** a stream frame declares more bytes than the reader accepts. */
  | 'ISO_FRAME_TOO_LARGE'
  /** a sub-field layout (60, 61, 48) does not parse or build. */
  | 'ISO_BAD_SUBFIELD';

export interface IsoErrorContext {
  /** ISO field number (0 = MTI, 1 = bitmap) when the error is about one field. */
  readonly field?: number;
  /** byte offset in the buffer being decoded. */
  readonly offset?: number;
}

export class IsoCodecError extends Error {
  readonly field: number | undefined;
  readonly offset: number | undefined;

  constructor(
    readonly code: IsoErrorCode,
    message: string,
    context: IsoErrorContext = {},
  ) {
    super(message);
    this.name = 'IsoCodecError';
    this.field = context.field;
    this.offset = context.offset;
  }
}

/** "field 35" / "MTI" / "bitmap", for messages. */
export function fieldLabel(field: number): string {
  if (field === 0) return 'MTI';
  if (field === 1) return 'bitmap';
  return `field ${field}`;
}
