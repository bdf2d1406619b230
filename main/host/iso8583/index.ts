export { IsoCodecError, type IsoErrorCode, type IsoErrorContext } from './errors';
export {
  FIELDS,
  FIELD_NUMBERS,
  MAC_FIELD,
  MAC_LENGTH,
  fieldSpec,
  type FieldFormat,
  type FieldSpec,
  type LengthKind,
} from './fields';
export type { FieldValue } from './field-codec';
export { BODY_HEADER_BYTES, macData, packBody, unpackBody, type IsoMessage } from './message';
export {
  DEFAULT_HEADER_HEX,
  DEFAULT_MAX_FRAME_LENGTH,
  DEFAULT_TPDU_HEX,
  FrameReader,
  HEADER_BYTES,
  LENGTH_BYTES,
  MIN_DECLARED_LENGTH,
  TPDU_BYTES,
  defaultHeader,
  defaultTpdu,
  frame,
  swapTpdu,
  unframe,
  type Frame,
} from './frame';
export {
  SETTLEMENT_RESULT,
  buildField60,
  buildField61,
  buildSettlementTotals,
  parseField60,
  parseField61,
  parseSettlementTotals,
  type Field60,
  type Field61,
  type SettlementSide,
  type SettlementTotals,
} from './subfields';
