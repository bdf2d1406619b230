import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, SyncStatus } from '../../../preload/contract';
import { pos } from '../lib/pos';
import { ErrorMessage } from './Messages';

/** Each settled batch's upload to the back office: state, parts, last error; polled while shown. */
export function SyncStatusPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<PosError | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      const r = await pos().sync.status({});
      if (!alive) return;
      if (r.ok) setStatus(r.value);
      else setError(r.error);
    };
    void load();
    const id = setInterval(() => void load(), 1_000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, []);

  const retry = async () => {
    const r = await pos().sync.retry({});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };

  return (
    <section className="panel sync-status" data-testid="sync-status">
      <h2>{t('sync.title')}</h2>
      {status && !status.configured && <p className="warning">{t('sync.notConfigured')}</p>}
      {status && status.batches.length === 0 && <p>{t('sync.empty')}</p>}
      <ul>
        {status?.batches.map((b) => (
          <li key={b.batchNo} data-testid={`sync-batch-${b.batchNo}`} data-state={b.state}>
            <strong>{t('sync.batch', { batch: b.batchNo })}</strong> · {t(`sync.state.${b.state}`)}
            <progress max={Math.max(1, b.partsTotal)} value={b.partsDone} />
            <small>
              {t('sync.progress', { done: b.partsDone, total: b.partsTotal, count: b.txCount })}
            </small>
            {b.lastError && b.state !== 'done' && (
              <small className="warning">
                {' '}
                · {t('sync.lastError')}: {b.lastError}
              </small>
            )}
          </li>
        ))}
      </ul>
      <button type="button" data-testid="sync-retry" onClick={() => void retry()}>
        {t('sync.retry')}
      </button>
      <ErrorMessage error={error} testId="sync-error" />
    </section>
  );
}
