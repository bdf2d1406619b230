import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, or null. */
function validDay(text: string): string | null {
  const m = FULL.exec(text);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? text : null;
}

/**
 * Digits as typed, with the dashes put in: 20261204 → 2026-12-04. Anything
 * else (a letter, a slash of a pasted 2026/12/04) does not go in.
 */
function withDashes(raw: string): string {
  const d = raw.replace(/\D/g, '').slice(0, 8);
  return d.length > 6
    ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`
    : d.length > 4
      ? `${d.slice(0, 4)}-${d.slice(4)}`
      : d;
}

function shift(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(y, m - 1, d + days);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${next.getFullYear()}-${p(next.getMonth() + 1)}-${p(next.getDate())}`;
}

/** What is wrong with a date as typed: nothing, not finished, or no such day (2026-02-30). */
function problem(text: string): 'format' | 'noSuchDate' | null {
  if (text === '' || validDay(text)) return null;
  return FULL.test(text) ? 'noSuchDate' : 'format';
}

/**
 * For a form with date fields: `watch(name)` goes to each field's
 * `onValidity`; `blocked` is true while any of them shows a date that is not
 * one, so the form can refuse to query (its last good day is not what the
 * cashier sees) until it is put right.
 */
export function useDateGuard() {
  const [bad, setBad] = useState<Record<string, boolean>>({});
  const watch = useCallback(
    (name: string) => (valid: boolean) =>
      setBad((old) => (old[name] === !valid ? old : { ...old, [name]: !valid })),
    [],
  );
  const reset = useCallback(() => setBad({}), []);
  return { watch, reset, blocked: Object.values(bad).some(Boolean) };
}

/**
 * For a screen without a guard's state: true (and the cursor put on it) when a
 * date field inside `within` shows a day that is not one, so the caller
 * refuses to act on the last good day the field handed on. Read off the page,
 * so a field a tab switch removed cannot block anything.
 */
export function refuseBadDate(within: HTMLElement | null): boolean {
  const bad = within?.querySelector<HTMLInputElement>('input.date-input[aria-invalid="true"]');
  bad?.focus();
  return Boolean(bad);
}

/** Puts the cursor on the first date field that is not a date (when a query was refused). */
export function focusBadDate(within: HTMLElement | null): void {
  within?.querySelector<HTMLInputElement>('input.date-input[aria-invalid="true"]')?.focus();
}

/**
 * A day, written 2026-12-04 in both languages. Not `<input type="date">`: the
 * browser draws that one in the operating system's locale (mm/dd/yyyy on an
 * en-US PC) whatever language the till is in. Digits only (the dashes come by
 * themselves), ↑/↓ a day later/earlier; the value handed on is YYYY-MM-DD or
 * '' as from a date input, so callers need not change.
 */
export function DateInput({
  value,
  onChange,
  testId,
  autoFocus,
  onValidity,
}: {
  value: string;
  onChange(value: string): void;
  testId?: string;
  autoFocus?: boolean;
  /** Told (as the cashier types) whether the field holds a date or is empty. */
  onValidity?(valid: boolean): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  // A new value from outside (a reset, a default) replaces what is shown.
  useEffect(() => {
    setText((shown) =>
      validDay(shown) === value || (shown === '' && value === '') ? shown : value,
    );
  }, [value]);
  const wrong = problem(text);
  const bad = wrong !== null;
  // Told from here rather than from set(): a value from outside can end it too.
  useEffect(() => onValidity?.(!bad), [bad, onValidity]);
  const set = (next: string) => {
    setText(next);
    if (next === '') onChange('');
    else if (validDay(next)) onChange(next);
  };
  return (
    <>
      <input
        className="date-input"
        data-testid={testId}
        inputMode="numeric"
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder={t('common.datePlaceholder')}
        aria-invalid={bad}
        maxLength={10}
        value={text}
        onChange={(e) => set(withDashes(e.target.value))}
        onKeyDown={(e) => {
          const day = validDay(text);
          if (!day || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
          e.preventDefault();
          set(shift(day, e.key === 'ArrowUp' ? 1 : -1));
        }}
      />
      {wrong && (
        <small className="field-error" role="alert" data-testid={testId && `${testId}-error`}>
          {wrong === 'noSuchDate' ? t('common.noSuchDate', { date: text }) : t('common.dateFormat')}
        </small>
      )}
    </>
  );
}
