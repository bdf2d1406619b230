import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { applyKeypadKey, Keypad } from '../../components/Keypad';

interface Props {
  amountFen: number;
  busy: boolean;
  onConfirm(tenderedFen: number): void;
  onBack(): void;
}

/** 现金收款: cash received, change shown live; Enter confirms, Esc goes back. */
export function CashTender({ amountFen, busy, onConfirm, onBack }: Props) {
  const { t } = useTranslation();
  const [tenderedFen, setTenderedFen] = useState(0);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const changeFen = tenderedFen - amountFen;
  return (
    <section className="panel tender-panel">
      <dl className="big">
        <dt>{t('sale.due')}</dt>
        <dd data-testid="tender-due">{formatFen(amountFen)}</dd>
      </dl>
      <label>
        {t('sale.tendered')}
        <AmountInput
          ref={ref}
          testId="tender-amount"
          label={t('sale.tendered')}
          valueFen={tenderedFen}
          onChange={setTenderedFen}
          onEnter={() => onConfirm(tenderedFen)}
          onEscape={onBack}
        />
      </label>
      <div className="row quick">
        <button type="button" data-testid="tender-exact" onClick={() => setTenderedFen(amountFen)}>
          {t('sale.exact')}
        </button>
        {[5000, 10000].map((fen) => (
          <button key={fen} type="button" onClick={() => setTenderedFen(fen)}>
            {formatFen(fen)}
          </button>
        ))}
      </div>
      <Keypad
        enterLabel={t('sale.confirm')}
        onKey={(k) =>
          k === 'enter' ? onConfirm(tenderedFen) : setTenderedFen(applyKeypadKey(tenderedFen, k))
        }
      />
      <p className="change-preview" data-testid="change-preview">
        {changeFen >= 0
          ? `${t('sale.change')} ${formatFen(changeFen)}`
          : t('sale.short', { amount: formatFen(-changeFen) })}
      </p>
      <div className="row">
        <button type="button" onClick={onBack}>
          {t('sale.back')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="tender-confirm"
          disabled={busy}
          onClick={() => onConfirm(tenderedFen)}
        >
          {busy ? t('sale.processing') : t('sale.confirm')}
        </button>
      </div>
      <p className="hint">{t('sale.tenderHint')}</p>
    </section>
  );
}
