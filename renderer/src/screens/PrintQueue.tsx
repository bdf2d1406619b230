import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReceiptView } from '../components/ReceiptView';
import { ErrorMessage } from '../components/Messages';
import { useAppStore } from '../stores/app-store';
import { usePrintStore } from '../stores/print-store';

/** Every job not yet printed, then the latest printed ones; retry and view. */
export function PrintQueue() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const jobs = usePrintStore((s) => s.jobs);
  const load = usePrintStore((s) => s.load);
  const retry = usePrintStore((s) => s.retry);
  const [previewId, setPreviewId] = useState<number | null>(null);

  useEffect(() => {
    void load();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') go({ name: 'standby' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [load, go]);

  const list = Object.values(jobs).sort((a, b) => b.id - a.id);
  const anyWaiting = list.some((j) => j.state === 'waiting' || j.state === 'queued');

  return (
    <main className="screen print-queue" data-testid="screen-print-queue">
      <section className="panel">
        <h1>{t('print.title')}</h1>
        {list.length === 0 && <p>{t('print.empty')}</p>}
        <table>
          <tbody>
            {list.map((job) => (
              <tr key={job.id} data-testid="print-job-row" data-state={job.state}>
                <td>#{job.id}</td>
                <td>{t(`print.kind.${job.kind}`)}</td>
                <td>
                  {t('print.voucher')} {job.traceNo ?? '—'}
                </td>
                <td data-testid="print-job-state">{t(`print.state.${job.state}`)}</td>
                <td>
                  {t('print.attempts')} {job.attempts}
                </td>
                <td>
                  {job.lastError && job.state === 'waiting' && (
                    <ErrorMessage error={job.lastError} />
                  )}
                </td>
                <td>
                  <button type="button" onClick={() => setPreviewId(job.id)}>
                    {t('print.preview')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <button
            type="button"
            data-testid="print-queue-back"
            onClick={() => go({ name: 'standby' })}
          >
            {t('print.back')}
          </button>
          {anyWaiting && (
            <button
              type="button"
              className="primary"
              data-testid="print-queue-retry"
              onClick={() => void retry()}
            >
              {t('print.retry')}
            </button>
          )}
        </div>
      </section>
      {previewId !== null && (
        <section className="panel receipt-panel">
          <ReceiptView jobId={previewId} />
        </section>
      )}
    </main>
  );
}
