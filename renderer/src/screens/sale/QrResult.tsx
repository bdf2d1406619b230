import { useTranslation } from 'react-i18next';
import { formatFen, type QrOutcome } from '../../../../preload/contract';
import { DoneButtons, PaidScreen } from './SaleDone';
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
  const buttons = <DoneButtons onNext={onNext} onStandby={onStandby} />;

  if (outcome.outcome === 'approved') {
    return (
      <PaidScreen
        testId="qr-approved"
        title={t('qr.approved')}
        jobIds={outcome.printJobs.map((j) => j.id)}
        onNext={onNext}
        onStandby={onStandby}
      >
        {facts}
      </PaidScreen>
    );
  }
  const code = 'gatewayCode' in outcome ? outcome.gatewayCode : null;
  return (
    <main className="screen" data-testid={`qr-${outcome.outcome}`} data-reason={outcome.reason}>
      <section className="panel declined">
        <h1>{t(`qr.outcome.${outcome.outcome}`)}</h1>
        <p data-testid="qr-reason">
          {t(`qr.reason.${outcome.reason}`)}
          {/* The wallet's code in words (余额不足), the code kept for support. */}
          {code &&
            (t(`qr.gatewayCodes.${code}`, { defaultValue: '' })
              ? t('qr.gatewayCodeLine', { words: t(`qr.gatewayCodes.${code}`), code })
              : ` (${code})`)}
        </p>
        <p data-testid="qr-next">{t(`qr.next.${outcome.outcome}`)}</p>
        {facts}
        {buttons}
      </section>
    </main>
  );
}
