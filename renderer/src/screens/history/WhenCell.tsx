import { formatDateTime } from '../../lib/date-time';

/**
 * A list's time cell: the date and the clock each kept whole (a narrow
 * screen may put the clock under the date; "2026-12-" never ends a line).
 */
export function WhenCell({ at }: { at: string | number }) {
  const [date, time] = formatDateTime(at).split(' ');
  return (
    <td className="when">
      <span>{date}</span> <span>{time}</span>
    </td>
  );
}
