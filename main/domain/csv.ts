/**
 * CSV as Excel in China opens it: UTF-8 with a BOM, CRLF line ends, every
 * field quoted when it holds a comma, quote or line break. A field starting
 * with = + - @ (or a tab / carriage return) is prefixed with an apostrophe so
 * a spreadsheet never runs it as a formula (CSV injection).
 */
export const CSV_BOM = '\uFEFF';

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(fields: ReadonlyArray<string | number | null | undefined>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
