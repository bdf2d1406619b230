/**
 * Dates and times as the till shows them, whatever the operating system's
 * locale: 2026-12-04 15:51:29 (the same figures in both languages).
 */
export function formatDateTime(iso: string | number, _language?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  );
}
