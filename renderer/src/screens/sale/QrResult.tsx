import { useTranslation } from 'react-i18next';
import { formatFen, type QrOutcome } from '../../../../preload/contract';
import { ReceiptView } from '../../components/ReceiptView';
import { PrintStatus } from '../PrintStatus';
import { useKeys } from './useKeys';

/** How a QR payment ended: paid (with receipts), refused, or cancelled (and whether that stuck). */
export function QrResult({
  outcome,
  onNext,
  onStandby,
}: {
  outcome: QrOutcome;
  onNext(): void;
  onStandby(): void;
}) {
  const { t } = useTranslation();
  useKeys({ Enter: onNext, Escape: onStandby });
  const tx = outcome.transaction;
  const facts = (
    <dl>
      <dt>{t('done.amount')}</dt>
      <dd data-testid="qr-amount">{formatFen(tx.amountFen)}</dd>
      <dt>{t('qr.wallet')}</dt>
      <dd data-testid="qr-wallet">{tx.qr ? t(`qr.wallets.${tx.qr.wallet}`) : ''}</dd>
      <dt>{t('qr.orderNo')}</dt>
      <dd data-testid="qr-order-no">{tx.qr?.orderNo}</dd>
      <dt>{t('done.voucher')}</dt>
      <dd data-testid="qr-voucher">{tx.traceNo}</dd>
    </dl>
  );
  const buttons = (
    <div className="row">
      <button type="button" data-testid="done-standby" onClick={onStandby}>
        {t('done.toStandby')}
      </button>
      <button type="button" className="primary" data-testid="done-next" onClick={onNext}>
        {t('done.newSale')}
      </button>
    </div>
  );

  if (outcome.outcome === 'approved') {
    return (
      <main className="screen sale-done" data-testid="qr-approved">
        <section className="panel">
          <h1>{t('qr.approved')}</h1>
          {facts}
          {outcome.printJobs.map((j) => (
            <PrintStatus key={j.id} jobId={j.id} />
          ))}
          {buttons}
        </section>
        <section className="panel receipt-panel">
          {outcome.printJobs.map((j) => (
            <ReceiptView key={j.id} jobId={j.id} />
          ))}
        </section>
      </main>
    );
  }
  const code = 'gatewayCode' in outcome ? outcome.gatewayCode : null;
  return (
    <main className="screen" data-testid={`qr-${outcome.outcome}`} data-reason={outcome.reason}>
      <section className="panel declined">
        <h1>{t(`qr.outcome.${outcome.outcome}`)}</h1>
        <p data-testid="qr-reason">
          {t(`qr.reason.${outcome.reason}`)}
          {code ? ` (${code})` : ''}
        </p>
        <p data-testid="qr-next">{t(`qr.next.${outcome.outcome}`)}</p>
        {facts}
        {buttons}
      </section>
    </main>
  );
}
