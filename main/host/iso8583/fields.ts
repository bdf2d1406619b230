/**
 * The field table of the acquirer profile (HOST-PROTOCOL.md part A). The codec
 * knows nothing about individual fields beyond this table, so a field's wire
 * format is changed here and only here.
 *
 * Formats (all lengths in `max` count what the length prefix counts):
 * - n   packed BCD. Fixed: right-aligned, a leading 0 nibble when odd.
 *       Variable: left-aligned, a trailing 0 nibble when odd; prefix counts digits.
 * - z   track 2 as BCD, '=' carried as nibble D; variable, left-aligned,
 *       trailing 0 nibble when odd; prefix counts characters (nibbles).
 * - an  ASCII letters, digits and space; fixed ones are space-padded right.
 * - ans ASCII printable (0x20–0x7E); fixed ones are space-padded right.
 * - b   raw bytes; prefix counts bytes.
 * LLVAR prefix = 1 byte BCD (00–99), LLLVAR prefix = 2 bytes BCD (0000–0999).
 *
 * Choices where the spec is silent (see also message.ts):
 * - 54 balance: LLLVAR an..20 (the UnionPay layout account type n2, amount
 *   type n2, currency n3, sign C/D, amount n12 is alphanumeric, 20 chars).
 * - 63 is ans on the wire in both directions; a host that sends GBK issuer
 *   names still decodes (unpack is byte-preserving, see message.ts).
 * - 12/13 are in the table although only replies carry them.
 */
export type FieldFormat = 'n' | 'z' | 'an' | 'ans' | 'b';
export type LengthKind = 'fixed' | 'LLVAR' | 'LLLVAR';

export interface FieldSpec {
  readonly id: number;
  readonly name: string;
  readonly format: FieldFormat;
  readonly length: LengthKind;
  /** Fixed: the exact length. Variable: the maximum. Digits for n/z, bytes otherwise. */
  readonly max: number;
}

function spec(
  id: number,
  name: string,
  format: FieldFormat,
  length: LengthKind,
  max: number,
): FieldSpec {
  return Object.freeze({ id, name, format, length, max });
}

const TABLE: readonly FieldSpec[] = [
  spec(2, 'primary account number', 'n', 'LLVAR', 19),
  spec(3, 'processing code', 'n', 'fixed', 6),
  spec(4, 'amount (fen)', 'n', 'fixed', 12),
  spec(11, 'trace number', 'n', 'fixed', 6),
  spec(12, 'local time hhmmss', 'n', 'fixed', 6),
  spec(13, 'local date MMDD', 'n', 'fixed', 4),
  spec(14, 'expiry YYMM', 'n', 'fixed', 4),
  spec(22, 'entry mode', 'n', 'fixed', 3),
  spec(25, 'condition code', 'n', 'fixed', 2),
  spec(35, 'track 2 equivalent', 'z', 'LLVAR', 37),
  spec(37, 'retrieval reference number', 'an', 'fixed', 12),
  spec(38, 'authorisation code', 'an', 'fixed', 6),
  spec(39, 'response code', 'an', 'fixed', 2),
  spec(41, 'terminal number', 'ans', 'fixed', 8),
  spec(42, 'merchant number', 'ans', 'fixed', 15),
  spec(48, 'settlement totals / batch-upload detail', 'ans', 'LLLVAR', 322),
  spec(49, 'currency', 'an', 'fixed', 3),
  spec(52, 'PIN block', 'b', 'fixed', 8),
  spec(54, 'balance', 'an', 'LLLVAR', 20),
  spec(60, 'reserved private: message type, batch, network code', 'n', 'LLLVAR', 17),
  spec(61, 'original batch, trace, date', 'n', 'LLLVAR', 29),
  spec(62, 'working keys', 'b', 'LLLVAR', 512),
  spec(63, 'operator / issuer name', 'ans', 'LLLVAR', 163),
  spec(64, 'MAC', 'b', 'fixed', 8),
];

/**
 * Field number → spec, for the fields this profile defines (2–64, primary
 * bitmap only). A frozen record rather than a Map so that nothing can add a
 * field at run time.
 */
export const FIELDS: Readonly<Record<number, FieldSpec>> = Object.freeze(
  Object.fromEntries(TABLE.map((f) => [f.id, f])),
);

/** The defined field numbers, ascending. */
export const FIELD_NUMBERS: readonly number[] = Object.freeze(TABLE.map((f) => f.id));

export function fieldSpec(id: number): FieldSpec | undefined {
  return Object.hasOwn(FIELDS, id) ? FIELDS[id] : undefined;
}

/** The field carrying the MAC; always last, since the MAC covers everything before it. */
export const MAC_FIELD = 64;
export const MAC_LENGTH = 8;
