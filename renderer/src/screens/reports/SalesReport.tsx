import { useRef, useState } from 'react';
import { formatDateTime } from '../../lib/date-time';
import { DateInput, refuseBadDate } from '../../components/DateInput';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type PosError,
  type SalesReport,
  type SalesRequest,
  type SalesRow,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { saveText } from '../../lib/save-text';
import { usePrintStore } from '../../stores/print-store';

export type SalesView = 'products' | 'categories' | 'discounts';
type Span = SalesRequest['kind'];

const kg = (g: number) => (g / 1000).toFixed(3);

function RowsTable({ rows, view }: { rows: SalesRow[]; view: 'products' | 'categories' }) {
  const { t } = useTranslation();
  return (
    <table data-testid={`sales-table-${view}`}>
      <thead>
        <tr>
          {view === 'products' && <th>{t('reports.sales.code')}</th>}
          <th>{t(view === 'products' ? 'reports.sales.product' : 'reports.sales.category')}</th>
          <th>{t('reports.sales.quantity')}</th>
          <th>{t('reports.sales.weight')}</th>
          <th>{t('reports.sales.gross')}</th>
          <th>{t('reports.sales.discount')}</th>
          <th>{t('reports.sales.net')}</th>
          <th>{t('reports.sales.returnedQty')}</th>
          <th>{t('reports.sales.returnedFen')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid="sales-row">
            {view === 'products' && <td>{r.code ?? ''}</td>}
            <th>
              {r.name}
              {r.unit && view === 'products' ? ` (${r.unit})` : ''}
            </th>
            <td>{r.quantity || ''}</td>
            <td>{r.weightG ? kg(r.weightG) : ''}</td>
            <td className="money">{formatFen(r.grossFen)}</td>
            <td className="money">{formatFen(r.discountFen)}</td>
            <td className="money">{formatFen(r.netFen)}</td>
            <td data-testid="sales-returned-qty">{r.returnedQuantity || ''}</td>
            <td className="money">{r.returnedFen ? formatFen(r.returnedFen) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DiscountsTable({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  if (report.discounts.length === 0)
    return <p data-testid="sales-no-discounts">{t('reports.sales.noDiscounts')}</p>;
  const pair = (count: number, fen: number) => `${count} / ${formatFen(fen)}`;
  return (
    <table data-testid="sales-table-discounts">
      <thead>
        <tr>
          <th>{t('reports.sales.operator')}</th>
          <th>{t('reports.sales.lineDiscounts')}</th>
          <th>{t('reports.sales.orderDiscounts')}</th>
          <th>{t('reports.sales.rounding')}</th>
          <th>{t('reports.sales.overrides')}</th>
          <th>{t('reports.sales.approved')}</th>
          <th>{t('reports.sales.approvedBy')}</th>
          <th>{t('reports.sales.discountTotal')}</th>
        </tr>
      </thead>
      <tbody>
        {report.discounts.map((d) => (
          <tr key={d.operatorNo} data-testid="sales-row">
            <th>{d.operatorNo}</th>
            <td>{pair(d.lineCount, d.lineFen)}</td>
            <td>{pair(d.orderCount, d.orderFen)}</td>
            <td>{pair(d.roundingCount, d.roundingFen)}</td>
            <td>{d.overrideCount}</td>
            <td>{pair(d.approvedCount, d.approvedFen)}</td>
            <td>{d.approvers.map((a) => `${a.supervisorNo}×${a.count}`).join(', ')}</td>
            <td className="money">{formatFen(d.totalFen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * 商品 / 分类 / 折扣: sales by product, by category (with the top products)
 * and the discounts each operator gave, over a day, a shift or dates; paid
 * orders only. One report is kept while the three tabs show it their way.
 * A cashier sees their own shift only; managers may export CSV.
 */
export function SalesReportPanel({
  view,
  manager,
  today,
}: {
  view: SalesView;
  manager: boolean;
  today: string;
}) {
  const { t } = useTranslation();
  const [span, setSpan] = useState<Span>(manager ? 'day' : 'shift');
  const [date, setDate] = useState(today);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [operatorNo, setOperatorNo] = useState('');
  const [report, setReport] = useState<SalesReport | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const request = (): SalesRequest =>
    span === 'day'
      ? { kind: 'day', ...(date ? { date } : {}) }
      : span === 'shift'
        ? { kind: 'shift', ...(manager && operatorNo ? { operatorNo } : {}) }
        : { kind: 'range', from, to };

  // A date field showing no real day (2026-02-30) still hands on its last good
  // one: nothing is asked for until it is put right.
  const formRef = useRef<HTMLFormElement>(null);
  const show = async () => {
    if (refuseBadDate(formRef.current)) return;
    setNotice(null);
    const r = await pos().reports.sales(request());
    if (!r.ok) {
      setReport(null);
      return setError(r.error);
    }
    setError(null);
    setReport(r.value);
  };

  const exportCsv = async () => {
    if (refuseBadDate(formRef.current)) return;
    const r = await pos().reports.exportSalesCsv({ report: request(), view });
    if (!r.ok) return setError(r.error);
    setError(null);
    saveText(r.value.fileName, r.value.csv);
    setNotice(t('reports.sales.exported', { rows: r.value.rows, fileName: r.value.fileName }));
  };

  const upsert = usePrintStore((st) => st.upsert);
  const printView = async () => {
    if (refuseBadDate(formRef.current)) return;
    const r = await pos().reports.printSales({ report: request(), view });
    if (!r.ok) return setError(r.error);
    setError(null);
    r.value.printJobs.forEach(upsert);
    setNotice(t('reports.sales.printed'));
  };

  // A span with returns but no sale (goods sold earlier brought back) still has rows to show.
  const empty = report !== null && report.orders === 0 && report.totals.returnedQuantity === 0;
  const spans: Span[] = manager ? ['day', 'shift', 'range'] : ['shift'];
  const spanWord = { day: 'spanDay', shift: 'spanShift', range: 'spanRange' } as const;
  return (
    <div data-testid="sales-report" data-view={view}>
      <form
        ref={formRef}
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label>
          {t('reports.sales.span')}
          <select
            data-testid="sales-span"
            value={span}
            onChange={(e) => setSpan(e.target.value as Span)}
          >
            {spans.map((s) => (
              <option key={s} value={s}>
                {t(`reports.sales.${spanWord[s]}`)}
              </option>
            ))}
          </select>
        </label>
        {span === 'day' && (
          <label>
            {t('reports.date')}
            <DateInput testId="sales-date" value={date} onChange={setDate} />
          </label>
        )}
        {span === 'range' && (
          <>
            <label>
              {t('reports.sales.from')}
              <DateInput testId="sales-from" value={from} onChange={setFrom} />
            </label>
            <label>
              {t('reports.sales.to')}
              <DateInput testId="sales-to" value={to} onChange={setTo} />
            </label>
          </>
        )}
        {span === 'shift' && manager && (
          <label>
            {t('reports.sales.operatorNo')}
            <input
              data-testid="sales-operator"
              value={operatorNo}
              onChange={(e) => setOperatorNo(e.target.value.trim())}
            />
          </label>
        )}
        <button type="submit" data-testid="sales-show">
          {t('reports.sales.show')}
        </button>
        <button type="button" data-testid="sales-print" onClick={() => void printView()}>
          {t('reports.sales.print')}
        </button>
        {manager && (
          <button type="button" data-testid="sales-export" onClick={() => void exportCsv()}>
            {t('reports.sales.export')}
          </button>
        )}
      </form>
      {report && (
        <div data-testid="sales-view">
          <p>
            {t('reports.span', {
              from: formatDateTime(report.from),
              to: formatDateTime(report.to),
            })}
            {report.operatorNo && ` · ${t('reports.operatorNo')} ${report.operatorNo}`}
            {' · '}
            <span data-testid="sales-orders">
              {t('reports.sales.orders', { count: report.orders })}
            </span>
          </p>
          {empty && <p data-testid="sales-empty">{t('reports.sales.empty')}</p>}
          {!empty && view === 'discounts' && <DiscountsTable report={report} />}
          {!empty && view !== 'discounts' && (
            <>
              <RowsTable
                rows={view === 'products' ? report.products : report.categories}
                view={view}
              />
              <p data-testid="sales-total">
                {t('reports.sales.total')}: {formatFen(report.totals.grossFen)} −{' '}
                {formatFen(report.totals.discountFen)} = {formatFen(report.totals.netFen)}
                {report.totals.returnedFen > 0 &&
                  ` · ${t('reports.sales.returnedTotal', {
                    amount: formatFen(report.totals.returnedFen),
                    count: report.totals.returnedQuantity,
                  })}`}
              </p>
            </>
          )}
          {report.orders > 0 && view === 'products' && (
            <>
              <h2>{t('reports.sales.top', { count: report.top.length })}</h2>
              <ol data-testid="sales-top">
                {report.top.map((r) => (
                  <li key={r.key}>
                    {r.name} · {formatFen(r.netFen)}
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
      {notice && (
        <p className="notice" data-testid="sales-notice">
          {notice}
        </p>
      )}
      <ErrorMessage error={error} testId="sales-error" />
    </div>
  );
}
