// Kept apart from printer.ts so the transport can throw these without an import cycle.

export type PrinterErrorCode = 'PRINTER_UNREACHABLE' | 'PRINTER_TIMEOUT' | 'PRINTER_DISCONNECTED';

/**
 * A print that did not reach the printer. `code` is what the cashier is told (through i18n);
 * `message` and `cause` are for the log only.
 */
export class PrinterError extends Error {
  readonly code: PrinterErrorCode;
  readonly address: string;

  constructor(code: PrinterErrorCode, address: string, message: string, options?: ErrorOptions) {
    super(`${code} ${address}: ${message}`, options);
    this.name = 'PrinterError';
    this.code = code;
    this.address = address;
  }
}
