import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type CashCount as CashCountView,
  type CountInput,
  type PosError,
  type ShiftSummary,
} from '../../../preload/contract';
import { DrawerTable, OverShort } from '../components/DrawerTable';
import { ErrorMessage } from '../components/Messages';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';
import { HeldOrdersNotice } from '../components/HeldOrdersNotice';
import { ReceiptView } from '../components/ReceiptView';
import { usePrintStore } from '../stores/print-store';
import { CashCount } from './cash/CashCount';
import { formatDateTime } from '../lib/date-time';

/** One shift's figures (交班): by tender and in total. */
export function ShiftTable({ shift }: { shift: ShiftSummary }) {
  const { t } = useTranslation();
  const rows = [
    ...shift.tenders.map((line) => ({
      key: line.tender,
      label: t(`history.tenders.${line.tender}`),
      line,
    })),
    { key: 'total', label: t('shift.total'), line: shift.total },
  ];
  return (
    <table data-testid="shift-table">
      <thead>
        <tr>
          <th />
          <th>{t('shift.sales')}</th>
          <th>{t('shift.voids')}</th>
          <th>{t('shift.refunds')}</th>
          <th>{t('shift.net')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label, line }) => (
          <tr key={key} data-testid={`shift-${key}`}>
            <th>{label}</th>
            <td className="money">
              {line.salesCount} · {formatFen(line.salesFen)}
            </td>
            <td className="money">
              {line.voidsCount} · {formatFen(line.voidsFen)}
            </td>
            <td className="money">
              {line.refundsCount} · {formatFen(line.refundsFen)}
            </td>
            <td className="money" data-testid={`shift-${key}-net`}>
              {formatFen(line.netFen)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 签退 / 交班. A cashier first counts the drawer blind (CashCount: nothing
 * says what is expected), the count is recorded and the shift report prints;
 * only then are expected vs counted, the over/short (长短款) and the shift's
 * figures shown, and Enter signs off. A count already made (the app was
 * restarted after it) goes straight to its result. Others see the shift's
 * figures and confirm; Esc goes back while nothing is counted.
 */
export function SignOff() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const signOff = useAppStore((s) => s.signOff);
  const role = useAppStore((s) => s.session?.role);
  const upsert = usePrintStore((s) => s.upsert);
  // Fixed when the screen opens: signing off clears the session before the screen goes.
  const [counts] = useState(role === 'cashier');
  const [shift, setShift] = useState<ShiftSummary | null>(null);
  const [count, setCount] = useState<CashCountView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [printed, setPrinted] = useState<number[]>([]);
  const [error, setError] = useState<PosError | null>(null);

  useEffect(() => {
    if (!counts) {
      void pos()
        .auth.shift({})
        .then((r) => (r.ok ? setShift(r.value) : setError(r.error)));
      setLoaded(true);
      return;
    }
    // The shift's figures are fetched only once the count is made (blind count).
    void pos()
      .cash.status({})
      .then(async (r) => {
        if (!r.ok) return setError(r.error);
        if (r.value.count) {
          setCount(r.value.count);
          const s = await pos().auth.shift({});
          if (s.ok) setShift(s.value);
        }
        setLoaded(true);
      });
  }, [counts]);

  const record = async (input: CountInput) => {
    setBusy(true);
    const r = await pos().cash.count(input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    r.value.printJobs.forEach(upsert);
    setPrinted(r.value.printJobs.map((j) => j.id));
    setCount(r.value.count);
    setShift(r.value.shift);
  };

  const mayConfirm = !counts || count !== null;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !count) go({ name: 'standby' });
      if (e.key === 'Enter' && mayConfirm) {
        e.preventDefault();
        void signOff();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, signOff, count, mayConfirm]);

  if (counts && loaded && !count)
    return (
      <main className="screen sign-off" data-testid="screen-sign-off">
        <CashCount busy={busy} error={error} onCount={(input) => void record(input)} />
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('shift.back')}
          </button>
        </div>
        <HeldOrdersNotice />
      </main>
    );

  return (
    <main className="screen sign-off" data-testid="screen-sign-off">
      <section className="panel">
        <h1>{t('shift.title')}</h1>
        {count && (
          <div data-testid="count-result">
            <p className="over-short-line">
              {t('cash.overShort')}:{' '}
              <OverShort fen={count.drawer.overShortFen ?? 0} testId="over-short" />
            </p>
            <DrawerTable drawer={count.drawer} />
            {printed.length > 0 && (
              <p className="notice" role="status">
                {t('cash.reportPrinted')}
              </p>
            )}
          </div>
        )}
        {shift && (
          <>
            <p data-testid="shift-operator">
              {t('shift.operator', {
                operatorNo: shift.operatorNo,
                name: shift.name,
                since: formatDateTime(shift.startedAt),
              })}
            </p>
            <ShiftTable shift={shift} />
          </>
        )}
        <ErrorMessage error={error} />
        <div className="row actions-sticky">
          {!count && (
            <button type="button" onClick={() => go({ name: 'standby' })}>
              {t('shift.back')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="sign-off-confirm"
            disabled={!mayConfirm}
            onClick={() => void signOff()}
          >
            {t('shift.confirm')}
          </button>
        </div>
      </section>
      <HeldOrdersNotice />
      {printed.length > 0 && (
        <section className="panel receipt-panel">
          {printed.map((id) => (
            <ReceiptView key={id} jobId={id} />
          ))}
        </section>
      )}
    </main>
  );
}
