import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type OrderView } from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { useKeys } from './useKeys';

export type TenderKind = 'cash' | 'card' | 'qr';

/**
 * 选择付款方式 (split tender, 组合支付): the order's total, each payment taken so
 * far with its tender, and what is left. A card or QR payment takes the
 * amount in "this payment" (the remainder unless the cashier keys less, F2);
 * cash is the last payment and takes all that is left, giving change. Keys: 1
 * cash (also Enter), 2 bank card, 3 QR code, F2 this payment, Esc back; with
 * payments taken, F9 abandons the order (the supervisor undoes them).
 */
export function TenderChoice({
  order,
  payFen,
  onPayFen,
  onChoose,
  onBack,
  onAbandon,
}: {
  order: OrderView;
  payFen: number;
  onPayFen(fen: number): void;
  onChoose(kind: TenderKind): void;
  onBack(): void;
  onAbandon(): void;
}) {
  const { t } = useTranslation();
  const amount = useRef<HTMLInputElement>(null);
  const dueFen = order.dueFen;
  const approved = order.payments.filter((p) => p.state === 'approved');
  const partly = order.paidFen > 0;
  // card and QR may take at most what is left (never 0)
  const partOk = payFen >= 1 && payFen <= dueFen;
  const choose = (kind: TenderKind) => {
    if (kind !== 'cash' && !partOk) return amount.current?.focus();
    onChoose(kind);
  };
  useKeys({
    '1': () => choose('cash'),
    Enter: () => choose('cash'),
    '2': () => choose('card'),
    '3': () => choose('qr'),
    F2: () => amount.current?.focus(),
    ...(partly ? { F9: onAbandon } : { Escape: onBack }),
  });
  return (
    <section className="panel tender-choice" data-testid="tender-choice">
      <dl className="big">
        {partly && (
          <>
            <dt>{t('split.total')}</dt>
            <dd data-testid="split-total">{formatFen(order.totals.totalFen)}</dd>
          </>
        )}
        <dt>{partly ? t('split.left') : t('sale.due')}</dt>
        <dd data-testid="choice-due">{formatFen(dueFen)}</dd>
      </dl>
      {partly && (
        <>
          <h2>{t('split.paid', { amount: formatFen(order.paidFen) })}</h2>
          <ul className="split-payments" data-testid="split-payments">
            {approved.map((p) => (
              <li key={p.id} data-testid="split-payment">
                <span>{t(`split.tender.${p.tender}`)}</span> <span>{formatFen(p.amountFen)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <AmountInput
        ref={amount}
        label={t('split.thisPayment')}
        valueFen={payFen}
        onChange={onPayFen}
        onEnter={() => amount.current?.blur()}
        onEscape={() => {
          onPayFen(dueFen);
          amount.current?.blur();
        }}
        testId="split-amount"
      />
      {!partOk && (
        <p className="error" role="alert" data-testid="split-amount-error">
          {t('split.partTooLarge', { due: formatFen(dueFen) })}
        </p>
      )}
      <h2>{t('sale.chooseTender')}</h2>
      <button
        type="button"
        className="big-choice"
        data-testid="tender-cash"
        onClick={() => choose('cash')}
      >
        <kbd>1</kbd> {t('sale.tenderCash')} · {formatFen(dueFen)}
      </button>
      <button
        type="button"
        className="big-choice"
        data-testid="tender-card"
        disabled={!partOk}
        onClick={() => choose('card')}
      >
        <kbd>2</kbd> {t('sale.tenderCard')} · {formatFen(payFen)}
      </button>
      <button
        type="button"
        className="big-choice"
        data-testid="tender-qr"
        disabled={!partOk}
        onClick={() => choose('qr')}
      >
        <kbd>3</kbd> {t('sale.tenderQr')} · {formatFen(payFen)}
      </button>
      {partly ? (
        <button type="button" data-testid="split-abandon" onClick={onAbandon}>
          <kbd>F9</kbd> {t('split.abandon')}
        </button>
      ) : (
        <button type="button" onClick={onBack}>
          {t('sale.back')}
        </button>
      )}
      <p className="hint">{t('split.hint')}</p>
    </section>
  );
}
