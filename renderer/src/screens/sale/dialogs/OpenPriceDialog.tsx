import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AmountInput } from '../../../components/AmountInput';
import { Dialog } from '../../../components/Dialog';

/**
 * 按开价商品销售: an unknown code sold with a name and a price the cashier
 * types; the main side asks for the supervisor (audited with the code).
 */
export function OpenPriceDialog({
  code,
  onConfirm,
  onClose,
}: {
  code: string;
  onConfirm(name: string, amountFen: number): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(t('basket.unknownName'));
  const [amountFen, setAmountFen] = useState(0);
  const [bad, setBad] = useState(false);
  const submit = () => {
    if (amountFen < 1 || !name.trim()) return setBad(true);
    onConfirm(name.trim(), amountFen);
  };
  return (
    <Dialog
      title={t('basket.openPriceTitle', { code })}
      testId="open-price-dialog"
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
          {t('basket.itemName')}
          <input
            data-testid="open-price-name"
            maxLength={40}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          {t('basket.unitPrice')}
          <AmountInput
            testId="open-price-amount"
            label={t('basket.unitPrice')}
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
        {bad && <p className="field-error">{t('rules.amountRange')}</p>}
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('basket.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="open-price-submit">
            {t('basket.ok')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
