import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../../preload/contract';
import { Dialog } from '../../../components/Dialog';
import { formatKg, parseKgToGrams } from '../../../lib/weight';

/**
 * 数量 / 重量: a whole number of items, or a weight in kilograms (three
 * decimals) for goods sold by weight. Enter confirms, Esc closes.
 */
export function QuantityDialog({
  name,
  weighed,
  initial,
  unitPriceFen,
  onConfirm,
  onClose,
}: {
  name: string;
  weighed: boolean;
  /** Items, or grams when weighed. */
  initial: number | null;
  unitPriceFen: number;
  onConfirm(value: { quantity: number } | { weightG: number }): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(
    initial === null ? '' : weighed ? formatKg(initial) : String(initial),
  );
  const [bad, setBad] = useState(false);
  const submit = () => {
    if (weighed) {
      const weightG = parseKgToGrams(text);
      if (weightG === null) return setBad(true);
      return onConfirm({ weightG });
    }
    const quantity = /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : 0;
    if (quantity < 1) return setBad(true);
    onConfirm({ quantity });
  };
  return (
    <Dialog
      title={t(weighed ? 'basket.weightTitle' : 'basket.quantityTitle', { name })}
      testId="quantity-dialog"
      onClose={onClose}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          {weighed ? t('basket.weightKg') : t('basket.quantity')}
          <input
            data-testid="quantity-input"
            inputMode="decimal"
            autoComplete="off"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setBad(false);
            }}
          />
        </label>
        <p className="hint">
          {weighed
            ? t('basket.weightHint', { price: formatFen(unitPriceFen) })
            : t('basket.quantityHint')}
        </p>
        {bad && (
          <p className="field-error" data-testid="quantity-error">
            {t(weighed ? 'rules.weight' : 'rules.quantity')}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('basket.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="quantity-submit">
            {t('basket.ok')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
