import { failFields } from './errors';

/**
 * [local midnight, next local midnight) of a YYYY-MM-DD day, or a field error
 * under `rules.localDate` naming `field` when there is no such day (2026-02-30):
 * a filter on a day that does not exist would otherwise answer an empty list.
 */
export function localDayRange(day: string, field: string): [number, number] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d)
    failFields([{ field, rule: 'localDate' }]);
  // The next day by calendar, not +24 h, so a clock change can't shift it.
  return [date.getTime(), new Date(y, m - 1, d + 1).getTime()];
}
