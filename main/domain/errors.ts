import type { ErrorCode, FieldIssue, PosError } from '../../preload/contract';

/**
 * A failure meant for the cashier: a stable code plus values for the words.
 * Services throw it; main/api turns it into `{ok: false, error}`. Anything else
 * thrown is a bug and reaches the screen only as INTERNAL.
 */
export class PosFailure extends Error {
  constructor(readonly error: PosError) {
    super(error.code);
    this.name = 'PosFailure';
  }
}

export function fail(code: ErrorCode, params?: PosError['params']): never {
  throw new PosFailure(params ? { code, params } : { code });
}

export function failFields(fields: FieldIssue[]): never {
  throw new PosFailure({ code: 'INVALID_INPUT', fields });
}
