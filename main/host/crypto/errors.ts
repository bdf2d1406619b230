/**
 * Typed failures of the key, MAC and PIN-block code. `code` is stable for
 * callers (and the cashier's error mapping); the message names what was wrong
 * for the log. Messages never contain key or PIN material.
 */
export type CryptoErrorCode =
  /** A primitive got a key or data of the wrong size. */
  | 'CRYPTO_BAD_INPUT'
  /** A TMK component typed by the technician is malformed, or the set is. */
  | 'KEY_COMPONENT_INVALID'
  /** Working keys (field 62) that don't decrypt to keys matching their KCVs. */
  | 'KEYS_INVALID'
  /** PIN not 4–12 digits. */
  | 'PIN_INVALID'
  /** PAN not 13–19 digits. */
  | 'PAN_INVALID'
  /** A PIN block that doesn't decode as ISO 9564 format 0. */
  | 'PIN_BLOCK_INVALID';

export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export class KeyComponentError extends CryptoError {
  /** 1-based index of the offending component; undefined when the set as a whole is wrong. */
  readonly component: number | undefined;

  constructor(message: string, component?: number) {
    super('KEY_COMPONENT_INVALID', message);
    this.name = 'KeyComponentError';
    this.component = component;
  }
}

/** Which key failed its check: a working key, or field 62 as a whole (its length). */
export type CheckedKey = 'PIK' | 'MAK' | 'FIELD62';

export class KeyCheckError extends CryptoError {
  declare readonly code: 'KEYS_INVALID';

  constructor(
    readonly key: CheckedKey,
    message: string,
  ) {
    super('KEYS_INVALID', message);
    this.name = 'KeyCheckError';
  }
}

export class PinBlockError extends CryptoError {
  declare readonly code: 'PIN_BLOCK_INVALID';

  constructor(message: string) {
    super('PIN_BLOCK_INVALID', message);
    this.name = 'PinBlockError';
  }
}
