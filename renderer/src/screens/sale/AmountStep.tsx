import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaleItemInput } from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { applyKeypadKey, Keypad } from '../../components/Keypad';
import { SaleItems } from './SaleItems';

interface Props {
  items: SaleItemInput[];
  onItems(items: SaleItemInput[]): void;
  keyedFen: number;
  onKeyed(fen: number): void;
  amountFen: number;
  onNext(): void;
  onBack(): void;
}

/** The amount: typed on the keypad, or the sum of item lines with quantities. */
export function AmountStep({
  items,
  onItems,
  keyedFen,
  onKeyed,
  amountFen,
  onNext,
  onBack,
}: Props) {
  const { t } = useTranslation();
  const amountRef = useRef<HTMLInputElement>(null);
  useEffect(() => amountRef.current?.focus(), []);
  return (
    <div className="sale-layout">
      <SaleItems items={items} onChange={onItems} />
      <section className="panel amount-panel">
        <label>
          {items.length > 0 ? t('sale.itemsTotal') : t('sale.amount')}
          <AmountInput
            ref={amountRef}
            testId="sale-amount"
            label={t('sale.amount')}
            valueFen={amountFen}
            readOnly={items.length > 0}
            onChange={onKeyed}
            onEnter={onNext}
            onEscape={onBack}
            autoFocus
          />
        </label>
        {items.length === 0 && (
          <Keypad
            enterLabel={t('sale.next')}
            onKey={(k) => (k === 'enter' ? onNext() : onKeyed(applyKeypadKey(keyedFen, k)))}
          />
        )}
        <div className="row">
          <button type="button" onClick={onBack}>
            {t('sale.back')}
          </button>
          <button type="button" className="primary" data-testid="sale-next" onClick={onNext}>
            {t('sale.next')}
          </button>
        </div>
        <p className="hint">{t('sale.amountHint')}</p>
      </section>
    </div>
  );
}
