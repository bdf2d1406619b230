import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/Messages';
import { usePrintStore } from '../stores/print-store';

/** One job's state in words, live from print events, with "retry now" while it waits. */
export function PrintStatus({ jobId }: { jobId: number }) {
  const { t } = useTranslation();
  const job = usePrintStore((s) => s.jobs[jobId]);
  const retry = usePrintStore((s) => s.retry);
  if (!job) return null;
  let text: string = t(`print.state.${job.state}`);
  if (job.state === 'done')
    text = job.target === 'virtual' ? t('print.virtualPrinted') : t('print.printed');
  if (job.state === 'waiting' || job.state === 'queued') text = t('print.saleKeptWaiting');
  return (
    <div
      className={`print-status state-${job.state}`}
      data-testid="print-status"
      data-state={job.state}
    >
      <p>{text}</p>
      {job.state === 'waiting' && (
        <>
          <ErrorMessage error={job.lastError} testId="print-error" />
          <button type="button" data-testid="print-retry" onClick={() => void retry()}>
            {t('print.retry')}
          </button>
        </>
      )}
    </div>
  );
}

/**
 * The statuses of a sale's receipts (two card slips and the order receipt):
 * the ones already done on the same printer say so once, not once a slip.
 */
export function PrintStatusList({ jobIds }: { jobIds: readonly number[] }) {
  const jobs = usePrintStore((s) => s.jobs);
  const doneOn = new Set<string>();
  return (
    <>
      {jobIds.map((id) => {
        const job = jobs[id];
        if (job?.state === 'done') {
          if (doneOn.has(job.target)) return null;
          doneOn.add(job.target);
        }
        return <PrintStatus key={id} jobId={id} />;
      })}
    </>
  );
}
