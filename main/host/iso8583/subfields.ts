import { IsoCodecError } from './errors';

/**
 * Sub-field layouts carried inside fields 60, 61 and 48, as digit strings
 * (60 and 61 are n fields, 48 is ans holding digits). Values are strings of
 * fixed width rather than numbers for batch/trace/date so that leading zeros
 * survive and match what goes on the wire and the receipt.
 */

function bad(field: number, message: string): IsoCodecError {
  return new IsoCodecError('ISO_BAD_SUBFIELD', `field ${field}: ${message}`, { field });
}

function requireDigits(field: number, name: string, value: string, width: number): string {
  if (typeof value !== 'string' || value.length !== width || !/^[0-9]*$/.test(value)) {
    throw bad(field, `${name} must be ${width} digits, got ${JSON.stringify(value)}`);
  }
  return value;
}

function requireRest(field: number, rest: string | undefined, maxDigits: number): string {
  if (rest === undefined) return '';
  if (typeof rest !== 'string' || !/^[0-9]*$/.test(rest) || rest.length > maxDigits) {
    throw bad(
      field,
      `trailing sub-fields must be at most ${maxDigits} digits, got ${JSON.stringify(rest)}`,
    );
  }
  return rest;
}

// --- field 60 ---------------------------------------------------------------

/** Field 60: 60.1 message type n2, 60.2 batch n6, 60.3 network management code n3. */
export interface Field60 {
  readonly messageType: string;
  readonly batch: string;
  /** Absent only when parsing a host's 60 that stops after 60.2. */
  readonly networkCode?: string;
  /** Digits after 60.3 (60.4…, undefined by our spec), kept so a reply round-trips. */
  readonly rest?: string;
}

const F60_MAX = 17;

export function buildField60(f: Field60): string {
  const head =
    requireDigits(60, '60.1 message type', f.messageType, 2) +
    requireDigits(60, '60.2 batch', f.batch, 6);
  if (f.networkCode === undefined) {
    if (f.rest) throw bad(60, 'sub-fields after 60.3 need 60.3');
    return head;
  }
  return (
    head +
    requireDigits(60, '60.3 network management code', f.networkCode, 3) +
    requireRest(60, f.rest, F60_MAX - 11)
  );
}

/** Accepts 8 digits (60.1–60.2), 11 (to 60.3) or up to 17 (more, kept in `rest`). */
export function parseField60(digits: string): Field60 {
  if (!/^[0-9]*$/.test(digits) || digits.length > F60_MAX) {
    throw bad(60, `expected up to ${F60_MAX} digits, got ${JSON.stringify(digits)}`);
  }
  if (digits.length !== 8 && digits.length < 11) {
    throw bad(
      60,
      `expected 8 or at least 11 digits (60.1 n2, 60.2 n6, 60.3 n3), got ${digits.length}`,
    );
  }
  const base = { messageType: digits.slice(0, 2), batch: digits.slice(2, 8) };
  if (digits.length === 8) return base;
  const networkCode = digits.slice(8, 11);
  return digits.length > 11
    ? { ...base, networkCode, rest: digits.slice(11) }
    : { ...base, networkCode };
}

// --- field 61 ---------------------------------------------------------------

/**
 * Field 61: original batch n6, original trace n6, original date MMDD n4. Each
 * may be left off at the end only (a refund that knows just the date sends
 * batch and trace as 000000, the UnionPay habit).
 */
export interface Field61 {
  readonly originalBatch?: string;
  readonly originalTrace?: string;
  readonly originalDate?: string;
  readonly rest?: string;
}

const F61_MAX = 29;
const F61_PARTS = [
  ['originalBatch', '61.1 original batch', 6],
  ['originalTrace', '61.2 original trace', 6],
  ['originalDate', '61.3 original date', 4],
] as const;

export function buildField61(f: Field61): string {
  let out = '';
  let missing: string | undefined;
  for (const [key, name, width] of F61_PARTS) {
    const value = f[key];
    if (value === undefined) {
      missing ??= name;
      continue;
    }
    if (missing)
      throw bad(61, `${name} given but ${missing} is not (only trailing parts may be left off)`);
    out += requireDigits(61, name, value, width);
  }
  if (f.rest) {
    if (missing) throw bad(61, `trailing sub-fields given but ${missing} is not`);
    out += requireRest(61, f.rest, F61_MAX - 16);
  }
  if (out === '') throw bad(61, 'needs at least 61.1 original batch');
  return out;
}

/** Accepts 6, 12, 16 or up to 29 digits (the part after 61.3 is kept in `rest`). */
export function parseField61(digits: string): Field61 {
  if (!/^[0-9]*$/.test(digits) || digits.length > F61_MAX) {
    throw bad(61, `expected up to ${F61_MAX} digits, got ${JSON.stringify(digits)}`);
  }
  if (digits.length !== 6 && digits.length !== 12 && digits.length < 16) {
    throw bad(61, `expected 6, 12 or at least 16 digits (n6, n6, n4), got ${digits.length}`);
  }
  const out: { -readonly [K in keyof Field61]: Field61[K] } = {};
  out.originalBatch = digits.slice(0, 6);
  if (digits.length >= 12) out.originalTrace = digits.slice(6, 12);
  if (digits.length >= 16) out.originalDate = digits.slice(12, 16);
  if (digits.length > 16) out.rest = digits.slice(16);
  return out;
}

// --- field 48: settlement totals -------------------------------------------

/** One card group's totals. Amounts in fen. */
export interface SettlementSide {
  /** Sales and completions. */
  readonly debitCount: number;
  readonly debitAmount: number;
  /** Voids and refunds. */
  readonly creditCount: number;
  readonly creditAmount: number;
  /** Request: 0. Reply: 1 balanced, 2 unbalanced (see SETTLEMENT_RESULT). */
  readonly result: number;
}

export interface SettlementTotals {
  readonly domestic: SettlementSide;
  readonly foreign: SettlementSide;
}

export const SETTLEMENT_RESULT = Object.freeze({ REQUEST: 0, BALANCED: 1, UNBALANCED: 2 });

/** count n3, amount n12, count n3, amount n12, result n1. */
const SIDE_DIGITS = 31;
const MAX_COUNT = 999;
const MAX_AMOUNT = 999_999_999_999;

function numberDigits(name: string, value: number, max: number, width: number): string {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw bad(48, `${name} must be an integer 0..${max}, got ${String(value)}`);
  }
  return String(value).padStart(width, '0');
}

function buildSide(label: string, s: SettlementSide): string {
  return (
    numberDigits(`${label} debit count`, s.debitCount, MAX_COUNT, 3) +
    numberDigits(`${label} debit amount`, s.debitAmount, MAX_AMOUNT, 12) +
    numberDigits(`${label} credit count`, s.creditCount, MAX_COUNT, 3) +
    numberDigits(`${label} credit amount`, s.creditAmount, MAX_AMOUNT, 12) +
    numberDigits(`${label} result`, s.result, 9, 1)
  );
}

/** The 62 digits of field 48 in a settlement request (or the host's reply). */
export function buildSettlementTotals(t: SettlementTotals): string {
  return buildSide('domestic', t.domestic) + buildSide('foreign', t.foreign);
}

function parseSide(d: string): SettlementSide {
  return {
    debitCount: Number(d.slice(0, 3)),
    debitAmount: Number(d.slice(3, 15)),
    creditCount: Number(d.slice(15, 18)),
    creditAmount: Number(d.slice(18, 30)),
    result: Number(d.slice(30, 31)),
  };
}

/**
 * Parses 48 of a settlement request or reply. The result digit is passed
 * through as is: anything but 1 (balanced) is for the caller to treat as
 * not balanced, the way 39 = 95 is.
 */
export function parseSettlementTotals(text: string): SettlementTotals {
  if (typeof text !== 'string' || text.length !== 2 * SIDE_DIGITS || !/^[0-9]*$/.test(text)) {
    throw bad(
      48,
      `settlement totals must be ${2 * SIDE_DIGITS} digits, got ${JSON.stringify(text)}`,
    );
  }
  return {
    domestic: parseSide(text.slice(0, SIDE_DIGITS)),
    foreign: parseSide(text.slice(SIDE_DIGITS)),
  };
}
