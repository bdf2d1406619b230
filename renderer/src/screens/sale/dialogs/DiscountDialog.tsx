import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Discount } from '../../../../../preload/contract';
import { AmountInput } from '../../../components/AmountInput';
import { Dialog } from '../../../components/Dialog';
import { formatBp, parsePercentToBp } from '../../../lib/weight';

/**
 * 折扣: by percent off (10 = 10 % off; 12.5 allowed) or by an amount (keypad,
 * fen), on a line or on the whole order; "no discount" takes it away. Beyond
 * the cashier's limit the main side asks for the supervisor.
 */
export function DiscountDialog({
  title,
  current,
  onConfirm,
  onClose,
}: {
  title: string;
  current: Discount | null;
  onConfirm(discount: Discount | null): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Discount['kind']>(current?.kind ?? 'percent');
  const [percent, setPercent] = useState(
    current?.kind === 'percent' ? formatBp(current.value) : '',
  );
  const [amountFen, setAmountFen] = useState(current?.kind === 'amount' ? current.value : 0);
  const [bad, setBad] = useState(false);
  const submit = () => {
    if (kind === 'percent') {
      const bp = parsePercentToBp(percent);
      if (bp === null) return setBad(true);
      return onConfirm({ kind: 'percent', value: bp });
    }
    if (amountFen < 1) return setBad(true);
    onConfirm({ kind: 'amount', value: amountFen });
  };
  return (
    <Dialog title={title} testId="discount-dialog" onClose={onClose}>
      <div className="row segmented" role="radiogroup" aria-label={t('basket.discountKind')}>
        <button
          type="button"
          role="radio"
          aria-checked={kind === 'percent'}
          data-testid="discount-percent"
          className={kind === 'percent' ? 'selected' : ''}
          onClick={() => setKind('percent')}
        >
          {t('basket.byPercent')}
        </button>
        <button
          type="button"
          role="radio"
          aria-checked={kind === 'amount'}
          data-testid="discount-amount"
          className={kind === 'amount' ? 'selected' : ''}
          onClick={() => setKind('amount')}
        >
          {t('basket.byAmount')}
        </button>
      </div>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {kind === 'percent' ? (
          <label>
            {t('basket.percentOff')}
            <input
              data-testid="discount-value"
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              value={percent}
              onChange={(e) => {
                setPercent(e.target.value);
                setBad(false);
              }}
            />
          </label>
        ) : (
          <label>
            {t('basket.amountOff')}
            <AmountInput
              testId="discount-value"
              label={t('basket.amountOff')}
              valueFen={amountFen}
              onChange={(v) => {
                setAmountFen(v);
                setBad(false);
              }}
              onEnter={submit}
              onEscape={onClose}
              autoFocus
            />
          </label>
        )}
        {bad && (
          <p className="field-error" data-testid="discount-error">
            {t(kind === 'percent' ? 'rules.discountPercent' : 'rules.amountRange')}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('basket.cancel')}
          </button>
          {current && (
            <button type="button" data-testid="discount-remove" onClick={() => onConfirm(null)}>
              {t('basket.noDiscount')}
            </button>
          )}
          <button type="submit" className="primary" data-testid="discount-submit">
            {t('basket.ok')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
