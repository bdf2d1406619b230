import { Buffer } from 'node:buffer';

/**
 * ESC/POS real-time status (DLE EOT n), per the Epson ESC/POS reference:
 *
 *   n = 1 printer status   bit 2 drawer kick connector pin 3 HIGH, bit 3 offline,
 *                          bit 5 waiting for online recovery, bit 6 paper feed button pressed
 *   n = 2 offline cause    bit 2 cover open, bit 3 paper being fed by the feed button,
 *                          bit 5 printing stopped by paper end, bit 6 an error occurred
 *   n = 3 error cause      bit 2 recoverable (mechanical) error, bit 3 autocutter error,
 *                          bit 5 unrecoverable error, bit 6 automatically recoverable error
 *   n = 4 paper roll       bits 2–3 near-end sensor (both set: near end),
 *                          bits 5–6 end sensor (both set: no paper)
 *
 * Every answer is one byte with bits 0 and 7 clear and bits 1 and 4 set (0x12 under mask 0x93),
 * which is how an answer is told apart from other bytes a printer may send (ASB, XON/XOFF).
 * Everything here is pure; the transports send the queries and collect the bytes.
 */
export type StatusRequest = 1 | 2 | 3 | 4;

export const STATUS_REQUESTS: readonly StatusRequest[] = [1, 2, 3, 4];

const DLE = 0x10;
const EOT = 0x04;

export function statusQuery(n: StatusRequest): Buffer {
  return Buffer.from([DLE, EOT, n]);
}

/** All four queries, in the order queryStatus sends them. */
export const ALL_STATUS_QUERIES: Buffer = Buffer.concat(STATUS_REQUESTS.map(statusQuery));

const FIXED_MASK = 0x93;
const FIXED_BITS = 0x12;

export function isStatusByte(byte: number): boolean {
  return (byte & FIXED_MASK) === FIXED_BITS;
}

const bit = (byte: number, n: number): boolean => ((byte >> n) & 1) === 1;

function checked(byte: number, what: string): number {
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff || !isStatusByte(byte)) {
    throw new RangeError(`not a DLE EOT ${what} status byte: ${String(byte)}`);
  }
  return byte;
}

export interface PrinterStatusByte {
  /** Drawer kick connector pin 3 is HIGH (what that means depends on the drawer's switch). */
  drawerPin3High: boolean;
  offline: boolean;
  waitingForOnlineRecovery: boolean;
  feedButtonPressed: boolean;
}

export interface OfflineCauseByte {
  coverOpen: boolean;
  feedingByButton: boolean;
  stoppedByPaperEnd: boolean;
  errorOccurred: boolean;
}

export interface ErrorCauseByte {
  recoverableError: boolean;
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export interface PaperSensorByte {
  paperNearEnd: boolean;
  paperOut: boolean;
}

export function parsePrinterStatusByte(byte: number): PrinterStatusByte {
  const b = checked(byte, 'printer');
  return {
    drawerPin3High: bit(b, 2),
    offline: bit(b, 3),
    waitingForOnlineRecovery: bit(b, 5),
    feedButtonPressed: bit(b, 6),
  };
}

export function parseOfflineCauseByte(byte: number): OfflineCauseByte {
  const b = checked(byte, 'offline cause');
  return {
    coverOpen: bit(b, 2),
    feedingByButton: bit(b, 3),
    stoppedByPaperEnd: bit(b, 5),
    errorOccurred: bit(b, 6),
  };
}

export function parseErrorCauseByte(byte: number): ErrorCauseByte {
  const b = checked(byte, 'error cause');
  return {
    recoverableError: bit(b, 2),
    autocutterError: bit(b, 3),
    unrecoverableError: bit(b, 5),
    autoRecoverableError: bit(b, 6),
  };
}

// The reference sets both bits of a sensor pair together; some clones set only one, so either
// counts (a false "near end" costs a glance, a missed "out" costs a receipt).
export function parsePaperSensorByte(byte: number): PaperSensorByte {
  const b = checked(byte, 'paper sensor');
  return {
    paperNearEnd: (b & 0x0c) !== 0,
    paperOut: (b & 0x60) !== 0,
  };
}

/** The four answer bytes, as received for DLE EOT 1, 2, 3 and 4. */
export interface StatusBytes {
  printer: number;
  offlineCause: number;
  errorCause: number;
  paperSensor: number;
}

export type DrawerOpenLevel = 'high' | 'low';

export interface PrinterStatus {
  /** The printer accepts and prints data (DLE EOT 1 bit 3 clear). */
  online: boolean;
  coverOpen: boolean;
  paperNearEnd: boolean;
  /** No paper: the end sensor says so, or printing stopped at paper end. */
  paperOut: boolean;
  drawerOpen: boolean;
  /** Any error: the offline cause's error bit or any error cause. */
  error: boolean;
  recoverableError: boolean;
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
  feedButtonPressed: boolean;
  waitingForOnlineRecovery: boolean;
  /** The bytes as received, for the log and the technician screen. */
  raw: StatusBytes;
}

export interface CombineOptions {
  /**
   * Which level of drawer connector pin 3 means "open". Drawers differ (the switch closes either
   * when the drawer shuts or when it opens); 'high' is the common wiring, the technician can flip it.
   */
  drawerOpenLevel?: DrawerOpenLevel;
}

export function combineStatus(raw: StatusBytes, opts: CombineOptions = {}): PrinterStatus {
  const printer = parsePrinterStatusByte(raw.printer);
  const offline = parseOfflineCauseByte(raw.offlineCause);
  const errors = parseErrorCauseByte(raw.errorCause);
  const paper = parsePaperSensorByte(raw.paperSensor);
  const openLevelHigh = (opts.drawerOpenLevel ?? 'high') === 'high';
  return {
    online: !printer.offline,
    coverOpen: offline.coverOpen,
    paperNearEnd: paper.paperNearEnd,
    paperOut: paper.paperOut || offline.stoppedByPaperEnd,
    drawerOpen: printer.drawerPin3High === openLevelHigh,
    error:
      offline.errorOccurred ||
      errors.recoverableError ||
      errors.autocutterError ||
      errors.unrecoverableError ||
      errors.autoRecoverableError,
    recoverableError: errors.recoverableError,
    autocutterError: errors.autocutterError,
    unrecoverableError: errors.unrecoverableError,
    autoRecoverableError: errors.autoRecoverableError,
    feedButtonPressed: printer.feedButtonPressed,
    waitingForOnlineRecovery: printer.waitingForOnlineRecovery,
    raw: { ...raw },
  };
}

/** What stops or threatens printing, most serious first: for the cashier's message and the log. */
export type PrinterProblem =
  | 'UNRECOVERABLE_ERROR'
  | 'COVER_OPEN'
  | 'PAPER_OUT'
  | 'AUTOCUTTER_ERROR'
  | 'RECOVERABLE_ERROR'
  | 'AUTO_RECOVERABLE_ERROR'
  | 'ERROR'
  | 'OFFLINE'
  | 'PAPER_NEAR_END';

export function printerProblems(status: PrinterStatus): PrinterProblem[] {
  const out: PrinterProblem[] = [];
  if (status.unrecoverableError) out.push('UNRECOVERABLE_ERROR');
  if (status.coverOpen) out.push('COVER_OPEN');
  if (status.paperOut) out.push('PAPER_OUT');
  if (status.autocutterError) out.push('AUTOCUTTER_ERROR');
  if (status.recoverableError) out.push('RECOVERABLE_ERROR');
  if (status.autoRecoverableError) out.push('AUTO_RECOVERABLE_ERROR');
  const named = out.length > 0;
  if (status.error && !named) out.push('ERROR');
  // Offline is the consequence of the causes above; alone it still needs saying.
  if (!status.online && !named) out.push('OFFLINE');
  if (status.paperNearEnd) out.push('PAPER_NEAR_END');
  return out;
}

/** Ready to print: online with paper and no error (near-end still prints). */
export function isReady(status: PrinterStatus): boolean {
  return status.online && !status.paperOut && !status.coverOpen && !status.error;
}

/** The state a simulated printer is in; encodeStatusBytes gives its answers. */
export interface SimulatedPrinterState {
  coverOpen?: boolean;
  paperNearEnd?: boolean;
  paperOut?: boolean;
  /** Offline with no other cause (e.g. taken offline on its panel). */
  offline?: boolean;
  /** Drawer connector pin 3 HIGH. */
  drawerPin3High?: boolean;
  error?: 'recoverable' | 'autocutter' | 'unrecoverable' | 'auto-recoverable';
}

/**
 * The bytes a printer in `state` answers to DLE EOT 1–4, the way a real one reports it: a cover
 * open, no paper or an error also take it offline.
 */
export function encodeStatusBytes(state: SimulatedPrinterState): StatusBytes {
  const set = (on: boolean | undefined, mask: number): number => (on ? mask : 0);
  const error = state.error;
  const offline =
    state.offline === true ||
    state.coverOpen === true ||
    state.paperOut === true ||
    error !== undefined;
  return {
    printer:
      FIXED_BITS |
      set(state.drawerPin3High, 0x04) |
      set(offline, 0x08) |
      // Waiting for recovery: an error the printer clears by itself once its cause is gone.
      set(error === 'auto-recoverable', 0x20),
    offlineCause:
      FIXED_BITS |
      set(state.coverOpen, 0x04) |
      set(state.paperOut, 0x20) |
      set(error !== undefined, 0x40),
    errorCause:
      FIXED_BITS |
      set(error === 'recoverable', 0x04) |
      set(error === 'autocutter', 0x08) |
      set(error === 'unrecoverable', 0x20) |
      set(error === 'auto-recoverable', 0x40),
    paperSensor:
      FIXED_BITS |
      set(state.paperNearEnd === true || state.paperOut === true, 0x0c) |
      set(state.paperOut, 0x60),
  };
}

export function statusByteFor(bytes: StatusBytes, n: StatusRequest): number {
  switch (n) {
    case 1:
      return bytes.printer;
    case 2:
      return bytes.offlineCause;
    case 3:
      return bytes.errorCause;
    case 4:
      return bytes.paperSensor;
  }
}

/**
 * Splits a printer's input into print data and DLE EOT queries, the way a printer's real-time
 * command handling does: queries are answered as they arrive and never printed. Keeps the tail of
 * a query cut across two chunks.
 */
export class StatusQueryScanner {
  private carry: number[] = [];

  /** Returns the print data in `chunk` and the queries (in order) found in it. */
  push(chunk: Uint8Array): { data: Buffer; queries: StatusRequest[] } {
    const bytes = this.carry.length > 0 ? Buffer.concat([Buffer.from(this.carry), chunk]) : chunk;
    this.carry = [];
    const data: number[] = [];
    const queries: StatusRequest[] = [];
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i] as number;
      if (b === DLE) {
        if (i + 1 >= bytes.length) {
          this.carry = [b];
          break;
        }
        if (bytes[i + 1] === EOT) {
          if (i + 2 >= bytes.length) {
            this.carry = [DLE, EOT];
            break;
          }
          const n = bytes[i + 2] as number;
          if (n >= 1 && n <= 4) {
            queries.push(n as StatusRequest);
            i += 3;
            continue;
          }
        }
      }
      data.push(b);
      i += 1;
    }
    return { data: Buffer.from(data), queries };
  }

  /** Bytes held back at the end of the input (a lone DLE is print data after all). */
  flush(): Buffer {
    const rest = Buffer.from(this.carry);
    this.carry = [];
    return rest;
  }
}
