import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ReceiptPanel } from '../../components/ReceiptView';
import { PrintStatusList } from '../PrintStatus';

/** The two ways on from a finished sale: standby (Esc) or the next sale (Enter). */
export function DoneButtons({ onNext, onStandby }: { onNext(): void; onStandby(): void }) {
  const { t } = useTranslation();
  return (
    <div className="row">
      <button type="button" data-testid="done-standby" onClick={onStandby}>
        {t('done.toStandby')}
      </button>
      <button type="button" className="primary" data-testid="done-next" onClick={onNext}>
        {t('done.newSale')}
      </button>
    </div>
  );
}

/**
 * A paid sale, whatever the tender: its facts (children), each receipt's print
 * status, the way on, and the receipts themselves beside it.
 */
export function PaidScreen({
  testId,
  title,
  jobIds,
  receiptHeading,
  onNext,
  onStandby,
  children,
}: {
  testId: string;
  title: string;
  jobIds: readonly number[];
  receiptHeading?: string;
  onNext(): void;
  onStandby(): void;
  children: ReactNode;
}) {
  return (
    <main className="screen sale-done" data-testid={testId}>
      <section className="panel">
        <h1>{title}</h1>
        {children}
        <PrintStatusList jobIds={jobIds} />
        <DoneButtons onNext={onNext} onStandby={onStandby} />
      </section>
      <ReceiptPanel jobIds={jobIds} heading={receiptHeading} />
    </main>
  );
}
