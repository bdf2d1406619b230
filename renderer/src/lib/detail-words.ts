import type { TFunction } from 'i18next';
import { formatFen, isApprovalAction } from '../../../preload/contract';
import { formatDateTime } from './date-time';
import { formatBp } from './weight';

/** One labelled fact of an audit entry or a diagnostic result, in words. */
export interface DetailWord {
  /** null when the key has no words: the value is shown alone, never the key. */
  label: string | null;
  value: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function labelOf(t: TFunction, key: string): string | null {
  const word =
    t(`details.keys.${key}`, { defaultValue: '' }) || t(`fields.${key}`, { defaultValue: '' });
  return word || null;
}

/** A terminal parameter's name ('enabled.refund' → 允许退货), never its path. */
function paramName(t: TFunction, path: string): string {
  const last = path.split('.').at(-1) ?? path;
  return (
    t(`details.params.${path}`, { defaultValue: '' }) ||
    t(`fields.${path}`, { defaultValue: '' }) ||
    t(`fields.${last}`, { defaultValue: '' }) ||
    t('common.unnamedField')
  );
}

/** 参数修改's item: "允许退货 是 → 否", money as money (maxRefundFen), not {field, from, to}. */
function changeWords(t: TFunction, value: unknown): string | null {
  const c = value as { field?: unknown; from?: unknown; to?: unknown };
  if (typeof c.field !== 'string' || !('from' in c) || !('to' in c)) return null;
  const last = c.field.split('.').at(-1) ?? c.field;
  return `${paramName(t, c.field)} ${valueOf(t, last, c.from)} → ${valueOf(t, last, c.to)}`;
}

function valueOf(t: TFunction, key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number')
    return key.endsWith('Fen') && Number.isSafeInteger(value) ? formatFen(value) : String(value);
  if (typeof value === 'string') {
    if (ISO.test(value)) return formatDateTime(value);
    // What a supervisor approved: 消费撤销, never `void` (an unknown name still shows as it is).
    if (key === 'action' && isApprovalAction(value))
      return t(`details.approvalActions.${value}`, { defaultValue: value });
    // Why the drawer opened: the event that opened it (cash.float → 备用金).
    if (key === 'reason' && value.includes('.'))
      return t(`audit.actions.${value}`, { defaultValue: value });
    if (key === 'field') return paramName(t, value);
    return t(`details.values.${value}`, { defaultValue: value });
  }
  // 、 and ， on the Chinese screen, ; and , on the English one.
  if (Array.isArray(value)) return value.map((v) => valueOf(t, key, v)).join(t('details.list'));
  const discount = discountWords(t, value) ?? changeWords(t, value);
  if (discount) return discount;
  return detailWords(t, value as Record<string, unknown>)
    .map((w) => (w.label ? `${w.label} ${w.value}` : w.value))
    .join(t('details.comma'));
}

/** A discount as the basket shows it (10% 折扣, 减 ¥5.00), not {kind, value}. */
function discountWords(t: TFunction, value: unknown): string | null {
  const d = value as { kind?: unknown; value?: unknown };
  if (typeof d.value !== 'number' || !Number.isSafeInteger(d.value)) return null;
  if (d.kind === 'percent') return t('basket.percentTag', { percent: formatBp(d.value) });
  if (d.kind === 'amount') return t('basket.amountTag', { amount: formatFen(d.value) });
  return null;
}

/**
 * An entry's details as labelled words ("打印机: 虚拟打印机 · 在线: 是"), not
 * the keys and JSON the main side keeps: keys without words are left out as
 * labels and only their values show.
 */
export function detailWords(t: TFunction, detail: Record<string, unknown> | null): DetailWord[] {
  if (!detail) return [];
  return Object.entries(detail)
    .filter(([, v]) => v !== undefined)
    .map(([key, v]) => ({ label: labelOf(t, key), value: valueOf(t, key, v) }));
}
