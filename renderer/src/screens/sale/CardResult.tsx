import { useTranslation } from 'react-i18next';
import { formatFen, type CardOutcome } from '../../../../preload/contract';
import { reversalCode, reversalSentence } from '../../lib/card-fault';
import { responseCodeText } from '../../lib/response-code';
import { DoneButtons, PaidScreen } from './SaleDone';
import { useKeys } from './useKeys';

/**
 * Approved (with both receipt copies), declined (code, words, next step), or
 * failed and reversed: why, in one sentence, with the reason code for support.
 */
export function CardResult({
  outcome,
  onNext,
  onStandby,
}: {
  outcome: CardOutcome;
  onNext(): void;
  onStandby(): void;
}) {
  const { t } = useTranslation();
  useKeys({ Enter: onNext, Escape: onStandby });
  const tx = outcome.transaction;
  const facts = (
    <dl>
      <dt>{t('done.amount')}</dt>
      <dd data-testid="card-amount">{formatFen(tx.amountFen)}</dd>
      <dt>{t('card.cardNo')}</dt>
      <dd data-testid="card-pan">{tx.card?.panMasked}</dd>
      <dt>{t('done.voucher')}</dt>
      <dd data-testid="card-voucher">{tx.traceNo}</dd>
      {tx.card?.authCode && (
        <>
          <dt>{t('card.authCode')}</dt>
          <dd data-testid="card-auth">{tx.card.authCode}</dd>
        </>
      )}
      {tx.card?.rrn && (
        <>
          <dt>{t('card.rrn')}</dt>
          <dd data-testid="card-rrn">{tx.card.rrn}</dd>
        </>
      )}
    </dl>
  );
  const buttons = <DoneButtons onNext={onNext} onStandby={onStandby} />;

  if (outcome.outcome === 'approved') {
    return (
      <PaidScreen
        testId="card-approved"
        title={t('card.approved')}
        jobIds={outcome.printJobs.map((j) => j.id)}
        onNext={onNext}
        onStandby={onStandby}
      >
        {facts}
      </PaidScreen>
    );
  }
  if (outcome.outcome === 'declined') {
    const words = responseCodeText(t, outcome.responseCode);
    return (
      <main className="screen" data-testid="card-declined" data-code={outcome.responseCode}>
        <section className="panel declined">
          <h1>{t('card.declined')}</h1>
          <p className="decline-message" data-testid="decline-message">
            {outcome.responseCode} · {words.message}
          </p>
          <p data-testid="decline-next">{words.next}</p>
          {facts}
          {buttons}
        </section>
      </main>
    );
  }
  return (
    <main
      className="screen"
      data-testid="card-reversal"
      data-reason={outcome.reason}
      data-delivered={outcome.delivered}
      data-fault={outcome.fault?.kind}
    >
      <section className="panel declined">
        <h1>{t('card.failedReversed')}</h1>
        <p className="decline-message" data-testid="reversal-fault">
          {reversalSentence(t, outcome)}
        </p>
        <p data-testid="reversal-message">{reversalCode(t, outcome.reason)}</p>
        <p data-testid="reversal-state">
          {t(outcome.delivered ? 'card.reversalDelivered' : 'card.reversalPending')}
        </p>
        {facts}
        {buttons}
      </section>
    </main>
  );
}
