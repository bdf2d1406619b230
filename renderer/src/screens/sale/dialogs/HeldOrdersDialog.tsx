import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type HeldOrder } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { formatDateTime } from '../../../lib/date-time';
import { pos } from '../../../lib/pos';

/** 取单: the held orders (number, time, lines, total); ↑↓ choose, Enter recalls. */
export function HeldOrdersDialog({
  onRecall,
  onClose,
}: {
  onRecall(orderId: number): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const [orders, setOrders] = useState<HeldOrder[] | null>(null);
  const [at, setAt] = useState(0);
  const list = useRef<HTMLTableElement>(null);
  // The list takes the keys (↑↓ Enter) as soon as it is there.
  useEffect(() => {
    if (orders?.length) list.current?.focus();
  }, [orders]);
  useEffect(() => {
    void pos()
      .order.listHeld({})
      .then((r) => setOrders(r.ok ? r.value.orders : []));
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!orders?.length) return;
    if (e.key === 'ArrowDown') setAt((i) => Math.min(orders.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setAt((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter') onRecall(orders[at]!.id);
    else return;
    e.preventDefault();
  };
  return (
    <Dialog title={t('basket.heldTitle')} testId="held-dialog" onClose={onClose}>
      {orders?.length === 0 && <p data-testid="held-none">{t('basket.heldNone')}</p>}
      {orders && orders.length > 0 && (
        <table
          ref={list}
          className="data-table"
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="held-list"
        >
          <thead>
            <tr>
              <th>{t('basket.orderNo')}</th>
              <th>{t('basket.heldAt')}</th>
              <th>{t('basket.operator')}</th>
              <th className="num">{t('basket.lines')}</th>
              <th className="num">{t('basket.total')}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o, i) => (
              <tr
                key={o.id}
                className={i === at ? 'selected' : ''}
                aria-selected={i === at}
                data-testid={`held-${o.number}`}
                onClick={() => onRecall(o.id)}
              >
                <td>{o.number}</td>
                <td>{formatDateTime(o.heldAt, i18n.language)}</td>
                <td>{o.operatorNo}</td>
                <td className="num">{o.lineCount}</td>
                <td className="num money">{formatFen(o.totalFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="hint">{t('basket.heldHint')}</p>
      <div className="row">
        <button type="button" onClick={onClose}>
          {t('basket.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
