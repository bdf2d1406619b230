import type { TFunction } from 'i18next';

/** A host response code in words, with the next step for the cashier. */
export function responseCodeText(t: TFunction, code: string): { message: string; next: string } {
  const key = t(`responseCodes.${code}.message`, { defaultValue: '' }) ? code : 'other';
  return {
    message: t(`responseCodes.${key}.message`, { code }),
    next: t(`responseCodes.${key}.next`, { code }),
  };
}
