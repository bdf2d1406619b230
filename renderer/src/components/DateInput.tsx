import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD, or null. */
function validDay(text: string): string | null {
  const m = FULL.exec(text);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]) ? text : null;
}

/** Digits as typed, with the dashes put in: 20261204 → 2026-12-04. */
function withDashes(raw: string): string {
  if (/[^\d-]/.test(raw)) return raw.slice(0, 10);
  const d = raw.replace(/-/g, '').slice(0, 8);
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
}: {
  value: string;
  onChange(value: string): void;
  testId?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  // A new value from outside (a reset, a default) replaces what is shown.
  useEffect(() => {
    setText((shown) =>
      validDay(shown) === value || (shown === '' && value === '') ? shown : value,
    );
  }, [value]);
  const bad = text !== '' && validDay(text) === null;
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
      {bad && (
        <small className="field-error" data-testid={testId && `${testId}-error`}>
          {t('common.dateFormat')}
        </small>
      )}
    </>
  );
}
