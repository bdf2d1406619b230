/**
 * A customer display (客显): the two-line pole display (VFD) facing the customer, showing the
 * amount due and the change. Only text: what to show is decided by the app, the driver only
 * makes it appear.
 */
export type DisplayLines = readonly [string, string];

export interface CustomerDisplay {
  readonly kind: 'serial' | 'simulated';
  /** Replaces both lines (each cut or padded to the display's width). */
  show(lines: DisplayLines): Promise<void>;
  /** Blanks the display. */
  clear(): Promise<void>;
  /** Stops using the display (closes its port). Safe to call twice. */
  close(): Promise<void>;
}

export type DisplayErrorCode =
  /** The port failed or went away (unplugged, closed). */
  | 'DISPLAY_PORT_ERROR'
  /** A write did not complete in time (flow control holding it, a hung adapter). */
  | 'DISPLAY_TIMEOUT'
  /** The display was closed. */
  | 'DISPLAY_CLOSED';

export class DisplayError extends Error {
  constructor(
    readonly code: DisplayErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DisplayError';
  }
}
