import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type ReturnOrderView } from '../../../../preload/contract';

/**
 * The found order's lines with a quantity field each, for the keyboard: when
 * an order loads, the cursor goes to the first line that can still be
 * returned (or to `onNothingLeft`'s action when none can); Enter or ↓ goes
 * to the next such line, ↑ back; Enter on the last one calls `onLast` (the
 * screen moves on to the supervisor's password once the refund is quoted).
 *
 * A layout effect, keyed on the order, not a plain effect: it runs in the
 * same commit as the lines appear, so the focus is there before anything
 * else can type. A plain effect may run later under load and pull the
 * cursor out of a field the cashier (or a test) has already started typing
 * in.
 */
export function ReturnLines({
  order,
  qty,
  onQty,
  onLast,
  onNothingLeft,
}: {
  order: ReturnOrderView;
  qty: Record<number, string>;
  onQty(lineId: number, value: string): void;
  onLast(): void;
  onNothingLeft(): void;
}) {
  const { t } = useTranslation();
  const fields = useRef(new Map<number, HTMLInputElement>());
  const open = order.lines.filter((l) => l.leftQty > 0).map((l) => l.lineId);

  useLayoutEffect(() => {
    const first = order.lines.find((l) => l.leftQty > 0);
    const field = first && fields.current.get(first.lineId);
    if (field) {
      field.focus();
      field.select();
    } else onNothingLeft();
    // Only a newly loaded order moves the cursor; typing must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order]);

  const onKeyDown = (lineId: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    const at = open.indexOf(lineId);
    const to = (i: number) => {
      const field = fields.current.get(open[i]!);
      field?.focus();
      field?.select();
    };
    if (e.key === 'ArrowUp' && at > 0) {
      e.preventDefault();
      to(at - 1);
    } else if ((e.key === 'Enter' || e.key === 'ArrowDown') && at < open.length - 1) {
      e.preventDefault();
      to(at + 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onLast();
    }
  };

  return (
    <table>
      <thead>
        <tr>
          <th>{t('returns.line')}</th>
          <th>{t('returns.sold')}</th>
          <th>{t('returns.net')}</th>
          <th>{t('returns.returned')}</th>
          <th>{t('returns.left')}</th>
          <th>{t('returns.qty')}</th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((l) => (
          <tr key={l.lineId} data-testid={`return-line-${l.lineId}`}>
            <td>{l.name}</td>
            <td>{l.quantity}</td>
            <td>{formatFen(l.netFen)}</td>
            <td>{l.returnedQty}</td>
            <td>{l.leftQty}</td>
            <td>
              <input
                ref={(el) => {
                  if (el) fields.current.set(l.lineId, el);
                  else fields.current.delete(l.lineId);
                }}
                data-testid={`return-qty-${l.lineId}`}
                inputMode="numeric"
                disabled={l.leftQty === 0}
                value={qty[l.lineId] ?? ''}
                onChange={(e) => onQty(l.lineId, e.target.value)}
                onKeyDown={onKeyDown(l.lineId)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
