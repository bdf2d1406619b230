import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type BatchTotals,
  type PosError,
  type SettlementResult,
  type TransactionView,
} from '../../../preload/contract';
import { HeldOrdersNotice } from '../components/HeldOrdersNotice';
import { ErrorMessage } from '../components/Messages';
import { ReceiptView } from '../components/ReceiptView';
import { ResolveUncertainRefund } from '../components/ResolveUncertainRefund';
import { formatDateTime } from '../lib/date-time';
import { SyncStatusPanel } from '../components/SyncStatusPanel';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';
import { usePrintStore } from '../stores/print-store';
import { useKeys } from './sale/useKeys';

const ROWS: Array<keyof BatchTotals> = ['cardDomestic', 'cardForeign', 'qr', 'cash', 'total'];

function TotalsTable({ totals }: { totals: BatchTotals }) {
  const { t } = useTranslation();
  return (
    <>
      <table data-testid="settlement-totals">
        <thead>
          <tr>
            <th />
            <th>{t('settlement.sales')}</th>
            <th>{t('settlement.credits')}</th>
            <th>{t('settlement.fees')}</th>
            <th>{t('settlement.net')}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((key) => {
            const r = totals[key];
            return (
              <tr
                key={key}
                data-testid={`settlement-row-${key}`}
                className={key === 'total' ? 'total' : undefined}
              >
                <th>{t(`settlement.rows.${key}`)}</th>
                <td className="money">
                  {r.debitCount} · {formatFen(r.debitFen)}
                </td>
                <td className="money">
                  {r.creditCount} · {formatFen(r.creditFen)}
                </td>
                <td className="money">{formatFen(r.feeFen)}</td>
                <td className="money" data-testid={`settlement-net-${key}`}>
                  {formatFen(r.netFen)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p data-testid="fees-note" className="hint">
        {t('settlement.feesNote')}
      </p>
    </>
  );
}

/**
 * Card 退货 of the batch the host never answered: settling would not balance
 * until the supervisor has checked each with the acquirer and recorded it here.
 */
function UncertainRefunds({
  refunds,
  onResolved,
}: {
  refunds: TransactionView[];
  onResolved(): Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel uncertain-refunds" data-testid="settlement-uncertain">
      <p className="warning">{t('resolve.settlementTitle', { count: refunds.length })}</p>
      <p className="hint">{t('resolve.settlementHint')}</p>
      {refunds.map((tx) => (
        <div key={tx.id} data-testid="settlement-uncertain-row" data-tx-id={tx.id}>
          <p>
            {t('resolve.settlementRow', {
              traceNo: tx.traceNo,
              amount: formatFen(tx.amountFen),
              pan: tx.card?.panMasked ?? '—',
              at: formatDateTime(tx.createdAt),
              operatorNo: tx.operatorNo,
            })}
          </p>
          <ResolveUncertainRefund
            txId={tx.id}
            prefix={`settlement-${tx.id}-`}
            onResolved={onResolved}
          />
        </div>
      ))}
    </section>
  );
}

/** 结算 (supervisor): the batch's totals, then the host's verdict and the printed report. */
export function Settlement() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const upsert = usePrintStore((s) => s.upsert);
  const [preview, setPreview] = useState<{
    batchNo: string | null;
    totals: BatchTotals | null;
    resuming: boolean;
    uncertainRefunds: TransactionView[];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [result, setResult] = useState<SettlementResult | null>(null);

  const load = async () => {
    const r = await pos().settlement.preview({});
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };
  useEffect(() => void load(), []);
  const blocked = (preview?.uncertainRefunds.length ?? 0) > 0;

  const run = async () => {
    if (busy || result || blocked) return;
    setBusy(true);
    setError(null);
    const r = await pos().settlement.run({});
    setBusy(false);
    if (!r.ok) {
      // A refund left uncertain since the screen opened: list it to be settled here.
      if (r.error.code === 'SETTLEMENT_REFUNDS_UNCERTAIN') await load();
      return setError(r.error);
    }
    r.value.printJobs.forEach(upsert);
    setResult(r.value);
  };
  useKeys({ Enter: () => void run(), Escape: () => go({ name: 'standby' }) }, !busy);

  return (
    <main className="screen settlement" data-testid="screen-settlement">
      <section className="panel">
        <h1>{t('settlement.title')}</h1>
        {preview?.batchNo && (
          <p>
            {t('settlement.batch')}{' '}
            <strong data-testid="settlement-batch">{preview.batchNo}</strong>
            {preview.resuming && <span className="warning"> · {t('settlement.resuming')}</span>}
          </p>
        )}
        {!result && preview?.totals && <TotalsTable totals={preview.totals} />}
        {result && (
          <>
            <p
              className={result.verdict === 'balanced' ? 'notice' : 'warning'}
              data-testid="settlement-verdict"
              data-verdict={result.verdict}
            >
              {t(`settlement.verdict.${result.verdict}`, { count: result.uploadedCount })}
            </p>
            <TotalsTable totals={result.totals} />
            <p>{t('settlement.signInAgain', { batch: result.nextBatchNo })}</p>
          </>
        )}
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('done.toStandby')}
          </button>
          {!result && (
            <button
              type="button"
              className="primary"
              data-testid="settlement-run"
              disabled={busy || blocked || !preview?.batchNo}
              onClick={() => void run()}
            >
              {busy ? t('settlement.running') : t('settlement.run')}
            </button>
          )}
        </div>
        <ErrorMessage error={error} testId="settlement-error" />
      </section>
      {!result && blocked && preview && (
        <UncertainRefunds
          refunds={preview.uncertainRefunds}
          onResolved={async () => {
            setError(null);
            await load();
          }}
        />
      )}
      {!result && <HeldOrdersNotice />}
      <SyncStatusPanel />
      {result && (
        <section className="panel receipt-panel">
          {result.printJobs.map((j) => (
            <ReceiptView key={j.id} jobId={j.id} />
          ))}
        </section>
      )}
    </main>
  );
}
