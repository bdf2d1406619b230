import { useTranslation } from 'react-i18next';
import { formatFen, type TransactionView } from '../../../../preload/contract';
import { PaidScreen } from './SaleDone';
import { useKeys } from './useKeys';

/** A cash sale's result: change due, voucher number, and the receipt's fate. */
export function CashDone({
  tx,
  jobIds,
  onNext,
  onStandby,
}: {
  tx: TransactionView;
  jobIds: number[];
  onNext(): void;
  onStandby(): void;
}) {
  const { t } = useTranslation();

  useKeys({ Enter: onNext, Escape: onStandby });

  return (
    <PaidScreen
      testId="screen-sale-done"
      title={t('done.title')}
      jobIds={jobIds}
      receiptHeading={t('done.receipt')}
      onNext={onNext}
      onStandby={onStandby}
    >
      <dl className="big">
        <dt>{t('done.change')}</dt>
        <dd data-testid="done-change">{formatFen(tx.changeFen ?? 0)}</dd>
      </dl>
      <dl>
        <dt>{t('done.amount')}</dt>
        <dd data-testid="done-amount">{formatFen(tx.amountFen)}</dd>
        <dt>{t('done.tendered')}</dt>
        <dd>{formatFen(tx.tenderedFen ?? tx.amountFen)}</dd>
        <dt>{t('done.batch')}</dt>
        <dd data-testid="done-batch">{tx.batchNo}</dd>
        <dt>{t('done.voucher')}</dt>
        <dd data-testid="done-voucher">{tx.traceNo}</dd>
      </dl>
    </PaidScreen>
  );
}
