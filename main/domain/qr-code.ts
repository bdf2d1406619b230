/**
 * QR payment codes (付款码) of PRODUCT.md §4 (their rules live in the
 * contract's payment-code.ts, shared with the card-data detector, and are
 * re-exported here) and the order numbers of HOST-PROTOCOL.md part B. Pure
 * rules: nothing here touches the network.
 */

export {
  classifyPaymentCode,
  maskPaymentCode,
  type PaymentCode,
  type PaymentCodeClassification,
  type PaymentCodeRefusal,
  type Wallet,
} from '../../preload/contract/payment-code';

/** Local wall-clock parts; the caller reads them from its clock so this stays pure. */
export interface LocalTimeParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Reads the local-time parts of an instant (the process's time zone). */
export function localTimeParts(epochMs: number): LocalTimeParts {
  const d = new Date(epochMs);
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
}

const TERMINAL_RE = /^[0-9A-Z]{8}$/;
const TRACE_RE = /^[0-9]{6}$/;

function two(n: number, min: number, max: number, what: string): string {
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RangeError(`order number: ${what} out of range: ${n}`);
  }
  return String(n).padStart(2, '0');
}

/**
 * `{terminal}{yyMMddHHmmss}{trace}` (HOST-PROTOCOL.md B): 8 + 12 + 6 = 26
 * characters. The inputs come from validated terminal parameters and the
 * trace counter, so a malformed one is a programming error and throws.
 */
export function makeOrderNo(terminal: string, at: LocalTimeParts, trace: string): string {
  if (!TERMINAL_RE.test(terminal)) throw new RangeError(`order number: bad terminal ${terminal}`);
  if (!TRACE_RE.test(trace)) throw new RangeError(`order number: bad trace ${trace}`);
  if (!Number.isInteger(at.year) || at.year < 2000 || at.year > 2099) {
    throw new RangeError(`order number: year out of range: ${at.year}`);
  }
  const stamp =
    two(at.year % 100, 0, 99, 'year') +
    two(at.month, 1, 12, 'month') +
    two(at.day, 1, 31, 'day') +
    two(at.hour, 0, 23, 'hour') +
    two(at.minute, 0, 59, 'minute') +
    two(at.second, 0, 59, 'second');
  return `${terminal}${stamp}${trace}`;
}
