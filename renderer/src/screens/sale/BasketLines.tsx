import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type OrderLineView } from '../../../../preload/contract';
import { formatBp, formatKg } from '../../lib/weight';

/** How much of a line: items, or the weight for goods sold by weight. */
export function lineQuantity(line: OrderLineView): string {
  if (line.weightG !== null) return `${formatKg(line.weightG)} kg`;
  return String(line.quantity);
}

/**
 * The basket's lines: name, quantity or weight, unit price, discount and net
 * amount (money right-aligned). The selected line (↑↓) is what the line keys
 * act on; the newest line is selected after every scan.
 */
export function BasketLines({
  lines,
  selected,
  onSelect,
}: {
  lines: OrderLineView[];
  selected: number | null;
  onSelect(lineId: number): void;
}) {
  const { t } = useTranslation();
  const row = useRef<HTMLTableRowElement>(null);
  // (Braces: newer Chromium's scrollIntoView returns a promise, which an effect must not.)
  useEffect(() => {
    void row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  if (lines.length === 0)
    return (
      <p className="basket-empty" data-testid="basket-empty">
        {t('basket.empty')}
      </p>
    );
  return (
    <table className="data-table basket-lines" data-testid="basket-lines">
      <thead>
        <tr>
          <th className="num">#</th>
          <th>{t('basket.item')}</th>
          <th className="num">{t('basket.quantity')}</th>
          <th className="num">{t('basket.unitPrice')}</th>
          <th className="num">{t('basket.discount')}</th>
          <th className="num">{t('basket.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const off = l.lineDiscountFen + l.orderDiscountFen;
          return (
            <tr
              key={l.id}
              ref={l.id === selected ? row : undefined}
              className={l.id === selected ? 'selected' : ''}
              aria-selected={l.id === selected}
              data-testid={`line-${i + 1}`}
              data-line-id={l.id}
              onClick={() => onSelect(l.id)}
            >
              <td className="num">{i + 1}</td>
              {/* Words, left as the 商品 heading: td.money is right-aligned figures. */}
              <td className="line-item">
                <span className="line-name">{l.name}</span>
                {l.spec && !l.name.includes(l.spec) && <span className="line-spec"> {l.spec}</span>}
                {l.priceOverridden && (
                  <span className="tag" data-testid="line-overridden">
                    {t('basket.overridden', { price: formatFen(l.listPriceFen) })}
                  </span>
                )}
                {l.discount && (
                  <span className="tag">
                    {l.discount.kind === 'percent'
                      ? t('basket.percentTag', { percent: formatBp(l.discount.value) })
                      : t('basket.amountTag', { amount: formatFen(l.discount.value) })}
                  </span>
                )}
              </td>
              <td className="num" data-testid="line-qty">
                {lineQuantity(l)}
              </td>
              <td className="num money">
                {l.fixedAmountFen !== null
                  ? '—'
                  : `${formatFen(l.unitPriceFen)}${l.weightG !== null ? '/kg' : ''}`}
              </td>
              <td className="num money">{off > 0 ? formatFen(-off) : ''}</td>
              <td className="num money" data-testid="line-net">
                {formatFen(l.netFen)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
