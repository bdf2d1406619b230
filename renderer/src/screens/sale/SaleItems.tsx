import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuanToFen, type SaleItemInput } from '../../../../preload/contract';

/** Item lines of a sale: name, quantity, unit price; the total is their sum in fen. */
export function SaleItems({
  items,
  onChange,
}: {
  items: SaleItemInput[];
  onChange(items: SaleItemInput[]): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [rule, setRule] = useState<string | null>(null);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const qty = /^\d{1,4}$/.test(quantity.trim()) ? Number(quantity) : 0;
    const unitPriceFen = parseYuanToFen(price);
    if (!name.trim() || name.trim().length > 40) return setRule('itemName');
    if (qty < 1) return setRule('quantity');
    if (unitPriceFen === null || unitPriceFen < 1) return setRule('unitPrice');
    setRule(null);
    onChange([...items, { name: name.trim(), quantity: qty, unitPriceFen }]);
    setName('');
    setQuantity('1');
    setPrice('');
  };

  return (
    <section className="items panel" data-testid="sale-items">
      <h2>{t('sale.items')}</h2>
      {items.length === 0 ? (
        <p className="hint">{t('sale.noItems')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('sale.itemName')}</th>
              <th>{t('sale.quantity')}</th>
              <th>{t('sale.unitPrice')}</th>
              <th>{t('sale.lineAmount')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <tr key={i} data-testid="item-row">
                <td>{item.name}</td>
                <td>{item.quantity}</td>
                <td>{formatFen(item.unitPriceFen)}</td>
                <td>{formatFen(item.quantity * item.unitPriceFen)}</td>
                <td>
                  <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                    {t('sale.removeItem')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="row" onSubmit={add}>
        <input
          aria-label={t('sale.itemName')}
          placeholder={t('sale.itemName')}
          data-testid="item-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <input
          aria-label={t('sale.quantity')}
          className="short"
          inputMode="numeric"
          data-testid="item-quantity"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
        <input
          aria-label={t('sale.unitPrice')}
          placeholder="0.00"
          className="short"
          inputMode="decimal"
          data-testid="item-price"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
        />
        <button type="submit" data-testid="item-add">
          {t('sale.addItem')}
        </button>
      </form>
      {rule && (
        <span className="field-error" data-testid="item-error">
          {t(`rules.${rule}`)}
        </span>
      )}
    </section>
  );
}
