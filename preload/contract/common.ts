import { z } from 'zod';
import { hasCardData, type CardDataOptions } from './card-data';

/** Operator numbers: 00 supervisor, 99 administrator/technician, 01–98 cashiers. */
export const OperatorNo = z.string().regex(/^\d{2}$/, { message: 'operatorNo' });
export type OperatorNo = z.infer<typeof OperatorNo>;

export const Role = z.enum(['cashier', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

/** ISO-8601 timestamp with offset, as produced by the main side's one clock. */
export const Timestamp = z.string().min(10).max(40);

export const Session = z.object({
  operatorNo: OperatorNo,
  role: Role,
  name: z.string(),
  signedInAt: Timestamp,
});
export type Session = z.infer<typeof Session>;

/** Inputs with no fields still send an object, so every channel is validated the same way. */
export const NoInput = z.object({}).strict();

/**
 * Characters no typed text (a name, a reason, a note) may carry: C0/C1
 * controls and DEL — a line break in an item name prints as a receipt line of
 * its own (a forged 合计 line), an ESC starts a printer command — and the
 * Unicode marks that change how text reads without changing what is stored:
 * the text-direction marks, embeddings, overrides and isolates (U+202E turns
 * "退款 0.01" round on the audit screen), the line and paragraph separators
 * and the byte-order mark. Also half a character (a lone UTF-16 surrogate, which
 * JSON carries as \ud800): SQLite stores it as U+FFFD, so the name kept is
 * not the one confirmed and the audit entry (JSON) disagrees with the row.
 */
export const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds none of UNSAFE_TEXT. */
export const isPlainText = (s: string): boolean => !UNSAFE_TEXT.test(s);

/**
 * A card number or swiped track data where only text belongs (card-data.ts):
 * refused under `rules.cardData` — 「商品名称」里像是银行卡号 — and alone (the
 * check aborts the rest, so a swiped track is not also called too long or not
 * a code, and the refusal never echoes the number). Put it first in a chain.
 */
export const noCardData =
  (opts: CardDataOptions = {}) =>
  (s: string): boolean =>
    !hasCardData(s, opts);
export const CARD_DATA_REFUSAL = { message: 'cardData', abort: true } as const;

/**
 * Typed text: trimmed, refused under `rules.cardData` when it carries card
 * data, `min`–`max` characters under `lengthRule`, and refused under
 * `rules.textChars` when it carries a character of UNSAFE_TEXT.
 */
export function PlainText(min: number, max: number, lengthRule: string) {
  const sized = z
    .string()
    .trim()
    .refine(noCardData(), CARD_DATA_REFUSAL)
    .max(max, { message: lengthRule });
  return (min > 0 ? sized.min(min, { message: lengthRule }) : sized).refine(isPlainText, {
    message: 'textChars',
  });
}
