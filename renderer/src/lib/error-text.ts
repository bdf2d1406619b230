import type { TFunction } from 'i18next';
import { formatFenPlain, type FieldIssue, type PosError } from '../../../preload/contract';

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The words for an error: its code's message with its values filled in. */
export function errorText(t: TFunction, error: PosError): string {
  const params: Record<string, string | number> = { ...error.params };
  if (typeof params.until === 'string') params.until = localTime(params.until);
  // A reason travels as a short key ('bad-length'); the words say it.
  if (typeof params.reason === 'string')
    params.reason = t(`reasons.${params.reason}`, { defaultValue: t('reasons.other') });
  // A transaction's state travels as its key ('approved'); the words say it.
  if (typeof params.txState === 'string')
    params.txState = t(`history.states.${params.txState}`, { defaultValue: params.txState });
  // Money travels in fen (xxxFen); the words show it as yuan (xxxYuan).
  for (const [key, value] of Object.entries(params))
    if (key.endsWith('Fen') && typeof value === 'number' && Number.isSafeInteger(value))
      params[`${key.slice(0, -3)}Yuan`] = formatFenPlain(value);
  return t(`errors.${error.code}`, params);
}

/**
 * A field's name in words: its whole path ('printer.host'), else its last
 * part ('peripherals.drawer.onMs' → onMs), else 此项 — never the path itself.
 */
export function fieldName(t: TFunction, path: string): string {
  // 'barcodes.0' is named by its list (条码), not by its index.
  const last = path.split('.').findLast((p) => !/^\d+$/.test(p)) ?? path;
  return (
    t(`fields.${path}`, { defaultValue: '' }) ||
    t(`fields.${last}`, { defaultValue: '' }) ||
    t(`details.keys.${last}`, { defaultValue: '' }) ||
    t('common.unnamedField')
  );
}

/** "商户号：必须是 15 位数字" — the field and the rule it broke. */
export function fieldIssueText(t: TFunction, issue: FieldIssue): string {
  const field = fieldName(t, issue.field);
  return `${field}: ${t(`rules.${issue.rule}`, { ...issue.params, defaultValue: t('rules.invalid') })}`;
}

/** Field issues keyed by field, for showing each under its input. */
export function issuesByField(error: PosError | null): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const issue of error?.fields ?? []) out[issue.field] ??= issue;
  return out;
}
