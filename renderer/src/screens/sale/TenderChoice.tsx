import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../preload/contract';
import { useKeys } from './useKeys';

export type TenderKind = 'cash' | 'card' | 'qr';

/** 选择付款方式: 1 cash (also Enter), 2 bank card, 3 QR code; Esc back to the amount. */
export function TenderChoice({
  amountFen,
  onChoose,
  onBack,
}: {
  amountFen: number;
  onChoose(kind: TenderKind): void;
  onBack(): void;
}) {
  const { t } = useTranslation();
  useKeys({
    '1': () => onChoose('cash'),
    Enter: () => onChoose('cash'),
    '2': () => onChoose('card'),
    '3': () => onChoose('qr'),
    Escape: onBack,
  });
  return (
    <section className="panel tender-choice" data-testid="tender-choice">
      <dl className="big">
        <dt>{t('sale.due')}</dt>
        <dd data-testid="choice-due">{formatFen(amountFen)}</dd>
      </dl>
      <h2>{t('sale.chooseTender')}</h2>
      <button
        type="button"
        className="big-choice"
        data-testid="tender-cash"
        onClick={() => onChoose('cash')}
      >
        <kbd>1</kbd> {t('sale.tenderCash')}
      </button>
      <button
        type="button"
        className="big-choice"
        data-testid="tender-card"
        onClick={() => onChoose('card')}
      >
        <kbd>2</kbd> {t('sale.tenderCard')}
      </button>
      <button
        type="button"
        className="big-choice"
        data-testid="tender-qr"
        onClick={() => onChoose('qr')}
      >
        <kbd>3</kbd> {t('sale.tenderQr')}
      </button>
      <button type="button" onClick={onBack}>
        {t('sale.back')}
      </button>
      <p className="hint">{t('sale.chooseHint')}</p>
    </section>
  );
}
