/**
 * A PIN pad (密码键盘) peripheral: it reads the card, takes the cardholder's PIN
 * and returns only the encrypted PIN block. The PIN never leaves the device in
 * clear; the app never sees it.
 */
export type EntryMode = '021' | '051' | '071' | '012'; // swipe, chip, contactless, manual (all + PIN)

export interface CardRead {
  pan: string;
  /** YYMM */
  expiry: string;
  entryMode: EntryMode;
  /** Track 2 equivalent ('=' separator), only for a swiped card; never stored or logged. */
  track2?: string;
}

export interface PinPad {
  /** 'none': no PIN pad at all (outside training mode with none configured): cards are refused. */
  readonly kind: 'simulated' | 'serial' | 'none';
  /** Loads the PIN key as received from the host (encrypted under the terminal master key). */
  loadPinKey(pikUnderTmk: Buffer, checkValue: string): Promise<void>;
  readCard(req: { amountFen: number; signal?: AbortSignal }): Promise<CardRead>;
  /** The ISO 9564 format-0 PIN block, 3DES-encrypted under the PIN key. */
  readPin(req: { pan: string; amountFen: number; signal?: AbortSignal }): Promise<Buffer>;
  display(lines: string[]): Promise<void>;
  cancel(): void;
}

export type PinPadErrorCode =
  | 'PINPAD_CANCELLED'
  /** The screen that asked went away (reloaded, closed): its wait was cancelled for it. */
  | 'PINPAD_SCREEN_CLOSED'
  | 'PINPAD_TIMEOUT'
  | 'PINPAD_NO_KEY'
  | 'PINPAD_FAULT'
  | 'PINPAD_NOT_CONFIGURED';

export class PinPadError extends Error {
  constructor(
    readonly code: PinPadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PinPadError';
  }
}
