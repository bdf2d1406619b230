import { useEffect, useRef, useState, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type ChartData,
  type PosError,
  type ReportView,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import { usePrintStore } from '../../stores/print-store';
import { SalesReportPanel, type SalesView } from './SalesReport';
import { DrawerTable } from '../../components/DrawerTable';
import { formatDateTime } from '../../lib/date-time';
import { DateInput, refuseBadDate } from '../../components/DateInput';
// ECharts is most of the bundle: it loads when a chart is first shown, not at start.
const ReportChart = lazy(() => import('./ReportChart').then((m) => ({ default: m.ReportChart })));

type Tab = 'shift' | 'day' | 'settlement' | 'charts' | SalesView;
const SALES_TABS: readonly Tab[] = ['products', 'categories', 'discounts'];
const isSales = (tab: Tab): tab is SalesView => SALES_TABS.includes(tab);
type ChartKind = ChartData['kind'];
const TENDER_ROWS = ['cardDomestic', 'cardForeign', 'qr', 'cash', 'total'] as const;

const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

function ReportTable({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  return (
    <div data-testid="report-view" data-kind={report.kind}>
      <p>
        {t('reports.span', {
          from: formatDateTime(report.from),
          to: formatDateTime(report.to),
        })}
        {report.operatorNo && ` · ${t('reports.operatorNo')} ${report.operatorNo}`}
        {report.batchNo && ` · ${t('history.batch')} ${report.batchNo}`}
        {report.verdict && ` · ${t(`reports.verdict.${report.verdict}`)}`}
      </p>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('reports.salesCol')}</th>
            <th>{t('reports.creditsCol')}</th>
            <th>{t('reports.feesCol')}</th>
            <th>{t('reports.netCol')}</th>
          </tr>
        </thead>
        <tbody>
          {TENDER_ROWS.map((k) => {
            const s = report.totals[k];
            return (
              <tr key={k} data-testid={`report-row-${k}`}>
                <th>{t(`reports.tenderSection.${k}`)}</th>
                <td className="money">
                  {s.debitCount} / {formatFen(s.debitFen)}
                </td>
                <td className="money">
                  {s.creditCount} / {formatFen(s.creditFen)}
                </td>
                <td className="money">{formatFen(s.feeFen)}</td>
                <td className="money" data-testid={k === 'total' ? 'report-net' : undefined}>
                  {formatFen(s.netFen)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint" data-testid="fees-note">
        {t('settlement.feesNote')}
      </p>
      {report.byOperator.length > 0 && (
        <>
          <h2>{t('reports.byOperator')}</h2>
          <table>
            <tbody>
              {report.byOperator.map((o) => (
                <tr key={o.operatorNo}>
                  <th>{o.operatorNo}</th>
                  <td>{o.debitCount + o.creditCount}</td>
                  <td className="money">{formatFen(o.netFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {report.drawer && <DrawerTable drawer={report.drawer} />}
      {report.topItems.length > 0 && (
        <>
          <h2>{t('reports.topItems')}</h2>
          <table>
            <tbody>
              {report.topItems.map((i) => (
                <tr key={i.name}>
                  <th>{i.name}</th>
                  <td>{i.quantity}</td>
                  <td className="money">{formatFen(i.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/**
 * 报表: shift (交班, per operator), day (X, any time), settlement (Z) — on
 * screen and printed on the receipt printer — and charts. A cashier sees
 * only their own shift.
 */
export function Reports() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const session = useAppStore((s) => s.session);
  const upsert = usePrintStore((s) => s.upsert);
  const manager = session?.role === 'supervisor' || session?.role === 'admin';
  const [tab, setTab] = useState<Tab>('shift');
  const [operatorNo, setOperatorNo] = useState(session?.operatorNo ?? '');
  const [date, setDate] = useState(today());
  const [batchNo, setBatchNo] = useState('');
  const [chartKind, setChartKind] = useState<ChartKind>('byHour');
  const [month, setMonth] = useState(today().slice(0, 7));
  const [report, setReport] = useState<ReportView | null>(null);
  const [chart, setChart] = useState<ChartData | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') go({ name: 'history' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  const request = () =>
    tab === 'shift'
      ? ({ kind: 'shift', ...(operatorNo ? { operatorNo } : {}) } as const)
      : tab === 'day'
        ? ({ kind: 'day', ...(date ? { date } : {}) } as const)
        : ({ kind: 'settlement', ...(batchNo ? { batchNo } : {}) } as const);

  // A date field showing no real day still hands on its last good one: refuse.
  const formRef = useRef<HTMLFormElement>(null);
  const show = async () => {
    if (refuseBadDate(formRef.current)) return;
    setNotice(null);
    if (tab === 'charts') {
      const req =
        chartKind === 'byHour'
          ? { kind: 'byHour' as const, date }
          : chartKind === 'byDay'
            ? { kind: 'byDay' as const, month }
            : { kind: chartKind, from: `${month}-01`, to: date };
      const r = await pos().reports.chart(req);
      if (!r.ok) return setError(r.error);
      setError(null);
      return setChart(r.value);
    }
    const { kind, ...input } = request();
    const r = await pos().reports[kind](input);
    if (!r.ok) {
      setReport(null);
      return setError(r.error);
    }
    setError(null);
    setReport(r.value);
  };

  const print = async () => {
    if (refuseBadDate(formRef.current)) return;
    const r = await pos().reports.print(request());
    if (!r.ok) return setError(r.error);
    r.value.printJobs.forEach(upsert);
    setNotice(t('reports.printed'));
  };

  const tabs: Tab[] = manager
    ? ['shift', 'day', 'settlement', 'charts', ...SALES_TABS]
    : ['shift', ...SALES_TABS];
  return (
    <main className="screen reports" data-testid="screen-reports">
      <section className="panel">
        <h1>{t('reports.title')}</h1>
        <nav>
          {tabs.map((k) => (
            <button
              key={k}
              type="button"
              data-testid={`reports-tab-${k}`}
              aria-pressed={tab === k}
              className={tab === k ? 'tab active' : 'tab'}
              onClick={() => {
                setTab(k);
                setReport(null);
                setChart(null);
                setError(null);
              }}
            >
              {t(isSales(k) ? `reports.sales.${k}` : `reports.${k}`)}
            </button>
          ))}
        </nav>
        {isSales(tab) && <SalesReportPanel view={tab} manager={manager} today={today()} />}
        <form
          ref={formRef}
          hidden={isSales(tab)}
          onSubmit={(e) => {
            e.preventDefault();
            void show();
          }}
        >
          {tab === 'shift' && manager && (
            <label>
              {t('reports.operatorNo')}
              <input
                data-testid="reports-operator"
                value={operatorNo}
                onChange={(e) => setOperatorNo(e.target.value.trim())}
              />
            </label>
          )}
          {(tab === 'day' || (tab === 'charts' && chartKind !== 'byDay')) && (
            <label>
              {t(tab === 'charts' && chartKind !== 'byHour' ? 'reports.chart.to' : 'reports.date')}
              <DateInput testId="reports-date" value={date} onChange={setDate} />
            </label>
          )}
          {tab === 'settlement' && (
            <label>
              {t('reports.batchNo')}
              <input
                data-testid="reports-batch"
                value={batchNo}
                onChange={(e) => setBatchNo(e.target.value.trim())}
              />
            </label>
          )}
          {tab === 'charts' && (
            <>
              <label>
                {t('reports.chart.kind')}
                <select
                  data-testid="chart-kind"
                  value={chartKind}
                  onChange={(e) => setChartKind(e.target.value as ChartKind)}
                >
                  {(['byHour', 'byDay', 'tender', 'operator'] as const).map((k) => (
                    <option key={k} value={k}>
                      {t(`reports.chart.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              {chartKind !== 'byHour' && (
                <label>
                  {t('reports.chart.month')}
                  <input
                    type="month"
                    data-testid="chart-month"
                    value={month}
                    onChange={(e) => setMonth(e.target.value)}
                  />
                </label>
              )}
            </>
          )}
          <button type="submit" data-testid="reports-show">
            {tab === 'charts' ? t('reports.chart.show') : t('reports.show')}
          </button>
          {tab !== 'charts' && (
            <button type="button" data-testid="reports-print" onClick={() => void print()}>
              {t('reports.print')}
            </button>
          )}
        </form>
        {report && tab !== 'charts' && <ReportTable report={report} />}
        {chart && tab === 'charts' && (
          <Suspense fallback={<p>{t('reports.chart.loading')}</p>}>
            <ReportChart data={chart} />
          </Suspense>
        )}
        {notice && (
          <p className="notice" data-testid="reports-notice">
            {notice}
          </p>
        )}
        <ErrorMessage error={error} testId="reports-error" />
        <button type="button" onClick={() => go({ name: 'history' })}>
          {t('reports.back')}
        </button>
      </section>
    </main>
  );
}
