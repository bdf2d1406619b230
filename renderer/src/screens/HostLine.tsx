import { useTranslation } from 'react-i18next';
import type { HostSignInOutcome, HostStatus } from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';

/** The host's state on standby: signed in or why not, reversals still owed, a batch near field 48's limit. */
export function HostLine({
  status,
  signIn,
  onFlush,
}: {
  status: HostStatus | null;
  signIn: HostSignInOutcome | null;
  onFlush(): Promise<void>;
}) {
  const { t } = useTranslation();
  if (!status) return null;
  return (
    <div className="host-line" data-testid="host-line" data-signed-in={status.signedIn}>
      <p className={status.signedIn ? 'notice' : 'warning'} data-testid="host-state">
        {status.signedIn ? t('standby.hostOk') : t('standby.hostNotSignedIn')}
      </p>
      {!status.signedIn && signIn?.error && (
        <ErrorMessage error={signIn.error} testId="host-sign-in-error" />
      )}
      {!status.signedIn && !signIn?.error && status.lastError && (
        <ErrorMessage error={status.lastError} testId="host-sign-in-error" />
      )}
      {status.batchFill?.nearlyFull && (
        <p className="warning" data-testid="batch-nearly-full">
          {status.batchFill.used >= status.batchFill.max
            ? t('errors.BATCH_FULL', { count: status.batchFill.used, max: status.batchFill.max })
            : t('standby.batchNearlyFull', status.batchFill)}
        </p>
      )}
      {status.pendingReversals > 0 && (
        <div className="warning" data-testid="reversals-pending" data-blocked={status.cardsBlocked}>
          <p>
            {status.cardsBlocked
              ? t('errors.CARDS_BLOCKED')
              : t('errors.REVERSAL_PENDING', { count: status.pendingReversals })}
          </p>
          <button type="button" data-testid="flush-reversals" onClick={() => void onFlush()}>
            {t('standby.flushReversals')}
          </button>
        </div>
      )}
    </div>
  );
}
