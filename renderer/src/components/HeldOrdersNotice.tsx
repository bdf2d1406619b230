import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type HeldOrder } from '../../../preload/contract';
import { formatDateTime } from '../lib/date-time';
import { pos } from '../lib/pos';

/**
 * Held orders (挂单) still waiting at this till, shown at sign-off and
 * settlement so nobody forgets a customer's basket. It never blocks either:
 * a held order carries no money yet, and it stays recallable afterwards.
 */
export function HeldOrdersNotice() {
  const { t } = useTranslation();
  const [orders, setOrders] = useState<HeldOrder[]>([]);
  useEffect(() => {
    let live = true;
    void pos()
      .order.listHeld({})
      .then((r) => live && r.ok && setOrders(r.value.orders));
    return () => {
      live = false;
    };
  }, []);
  if (orders.length === 0) return null;
  const totalFen = orders.reduce((sum, o) => sum + o.totalFen, 0);
  return (
    <section className="panel held-orders-notice" data-testid="held-orders-notice">
      <p className="warning">
        {t('basket.heldNotice', { count: orders.length, total: formatFen(totalFen) })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('basket.orderNo')}</th>
            <th>{t('basket.heldAt')}</th>
            <th>{t('basket.operator')}</th>
            <th>{t('basket.lines')}</th>
            <th>{t('basket.total')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id} data-testid="held-orders-notice-row">
              <td>{o.number}</td>
              <td>{formatDateTime(o.heldAt)}</td>
              <td>{o.operatorNo}</td>
              <td>{o.lineCount}</td>
              <td className="money">{formatFen(o.totalFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
