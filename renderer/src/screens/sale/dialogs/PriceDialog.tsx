import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type PosError } from '../../../../../preload/contract';
import { AmountInput } from '../../../components/AmountInput';
import { Dialog } from '../../../components/Dialog';
import { ErrorMessage } from '../../../components/Messages';
import { SupervisorFields } from '../../../components/SupervisorFields';
import type { Supervisor } from '../useApproval';

/** 改价: a new unit price for a line, always with the supervisor's password (audited old → new). */
export function PriceDialog({
  name,
  currentFen,
  error,
  onConfirm,
  onClose,
}: {
  name: string;
  currentFen: number;
  error: PosError | null;
  onConfirm(unitPriceFen: number, supervisor: Supervisor): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [priceFen, setPriceFen] = useState(0);
  const [operatorNo, setOperatorNo] = useState('00');
  const [password, setPassword] = useState('');
  const submit = () => {
    onConfirm(priceFen, { operatorNo, password });
    setPassword('');
  };
  return (
    <Dialog title={t('basket.priceTitle', { name })} testId="price-dialog" onClose={onClose}>
      <p>{t('basket.priceNow', { price: formatFen(currentFen) })}</p>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          {t('basket.newPrice')}
          <AmountInput
            testId="price-input"
            label={t('basket.newPrice')}
            valueFen={priceFen}
            onChange={setPriceFen}
            onEnter={submit}
            onEscape={onClose}
            autoFocus
          />
        </label>
        <SupervisorFields
          prefix="price-"
          operatorNo={operatorNo}
          password={password}
          onOperatorNo={setOperatorNo}
          onPassword={setPassword}
        />
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('basket.cancel')}
          </button>
          <button type="submit" className="primary" data-testid="price-submit">
            {t('basket.ok')}
          </button>
        </div>
      </form>
      <ErrorMessage error={error} testId="price-error" />
    </Dialog>
  );
}
