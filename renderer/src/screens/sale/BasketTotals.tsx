import { useTranslation } from 'react-i18next';
import { formatFen, type OrderView } from '../../../../preload/contract';

/** 应付 big, with what makes it: items, gross, discounts, rounding-off, and what is paid. */
export function BasketTotals({ order }: { order: OrderView | null }) {
  const { t } = useTranslation();
  const totals = order?.totals;
  return (
    <div className="basket-totals">
      <dl className="big">
        <dt>{t('basket.due')}</dt>
        <dd className="money" data-testid="basket-due">
          {formatFen(order?.dueFen ?? 0)}
        </dd>
      </dl>
      <dl className="facts">
        <dt>{t('basket.items')}</dt>
        <dd className="num" data-testid="basket-items">
          {totals?.itemCount ?? 0}
        </dd>
        <dt>{t('basket.gross')}</dt>
        <dd className="money" data-testid="basket-gross">
          {formatFen(totals?.grossFen ?? 0)}
        </dd>
        {totals && totals.lineDiscountFen + totals.orderDiscountFen > 0 && (
          <>
            <dt>{t('basket.discounts')}</dt>
            <dd className="money" data-testid="basket-discounts">
              {formatFen(-(totals.lineDiscountFen + totals.orderDiscountFen))}
            </dd>
          </>
        )}
        {totals && totals.roundingFen > 0 && (
          <>
            <dt>{t('basket.rounding')}</dt>
            <dd className="money" data-testid="basket-rounding">
              {formatFen(-totals.roundingFen)}
            </dd>
          </>
        )}
        {order && order.paidFen > 0 && (
          <>
            <dt>{t('basket.paid')}</dt>
            <dd className="money" data-testid="basket-paid">
              {formatFen(order.paidFen)}
            </dd>
          </>
        )}
        <dt>{t('basket.total')}</dt>
        <dd className="money" data-testid="basket-total">
          {formatFen(totals?.totalFen ?? 0)}
        </dd>
      </dl>
    </div>
  );
}
