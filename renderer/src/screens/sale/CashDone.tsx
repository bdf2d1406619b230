import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type TransactionView } from '../../../../preload/contract';
import { ReceiptView } from '../../components/ReceiptView';
import { PrintStatus } from '../PrintStatus';

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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        onNext();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        onStandby();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNext, onStandby]);

  return (
    <main className="screen sale-done" data-testid="screen-sale-done">
      <section className="panel">
        <h1>{t('done.title')}</h1>
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
        {jobIds.map((id) => (
          <PrintStatus key={id} jobId={id} />
        ))}
        <div className="row">
          <button type="button" data-testid="done-standby" onClick={onStandby}>
            {t('done.toStandby')}
          </button>
          <button type="button" className="primary" data-testid="done-next" onClick={onNext}>
            {t('done.newSale')}
          </button>
        </div>
      </section>
      <section className="panel receipt-panel">
        <h2>{t('done.receipt')}</h2>
        {jobIds.map((id) => (
          <ReceiptView key={id} jobId={id} />
        ))}
      </section>
    </main>
  );
}
