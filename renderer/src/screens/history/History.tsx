import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type PosError,
  type QueryCursor,
  type TransactionView,
} from '../../../../preload/contract';
import { DateInput, focusBadDate, useDateGuard } from '../../components/DateInput';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import { saveText } from '../../lib/save-text';
import { useAppStore } from '../../stores/app-store';
import { TransactionDetail } from './TransactionDetail';
import { WhenCell } from './WhenCell';

const TEXT_FIELDS = [
  'from',
  'to',
  'operatorNo',
  'cardLast4',
  'voucherNo',
  'referenceNo',
  'orderNo',
] as const;
const TYPES = ['sale', 'void', 'refund', 'preauth', 'preauth_cancel', 'preauth_complete'] as const;
const TENDERS = ['cash', 'card', 'qr'] as const;
const STATES = [
  'pending',
  'approved',
  'declined',
  'reversal_pending',
  'reversed',
  'voided',
  'refunded',
  'uncertain',
  'cancelled',
  'cancel_pending',
] as const;

type Form = Record<
  (typeof TEXT_FIELDS)[number] | 'type' | 'tender' | 'state' | 'minYuan' | 'maxYuan',
  string
>;
const EMPTY: Form = {
  from: '',
  to: '',
  operatorNo: '',
  cardLast4: '',
  voucherNo: '',
  referenceNo: '',
  orderNo: '',
  type: '',
  tender: '',
  state: '',
  minYuan: '',
  maxYuan: '',
};

/** "12.5" → 1250 fen; undefined when empty; NaN when not an amount. */
function yuanToFen(text: string): number | undefined {
  if (!text) return undefined;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(text)) return Number.NaN;
  const [y, f = ''] = text.split('.');
  return Number(y) * 100 + Number(f.padEnd(2, '0'));
}

/** The form as the contract's filter: only the fields given. */
function toFilter(form: Form) {
  const out: Record<string, unknown> = {};
  for (const k of TEXT_FIELDS) if (form[k]) out[k] = form[k];
  if (form.type) out.type = form.type;
  if (form.tender) out.tender = form.tender;
  if (form.state) out.state = form.state;
  const min = yuanToFen(form.minYuan);
  const max = yuanToFen(form.maxYuan);
  if (min !== undefined) out.minFen = min;
  if (max !== undefined) out.maxFen = max;
  return out;
}

/**
 * 交易查询: filters (local dates, operator, type, tender, state, amount, card
 * last 4, voucher / reference / order number), sorted by time or amount,
 * paged; ↑↓ pick a row, Enter opens its detail (history, refunds, reprint).
 * Managers export the result as CSV and open the reports.
 */
export function History() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const role = useAppStore((s) => s.session?.role);
  const [form, setForm] = useState<Form>(EMPTY);
  const [sort, setSort] = useState<'time' | 'amount'>('time');
  const [list, setList] = useState<TransactionView[]>([]);
  const [next, setNext] = useState<QueryCursor | null>(null);
  const [selected, setSelected] = useState(0);
  const [openId, setOpenId] = useState<number | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const dates = useDateGuard();
  // Clear remounts the date fields: one showing a date that is not one has no value to reset.
  const [cleared, setCleared] = useState(0);
  const manager = role === 'supervisor' || role === 'admin';

  const load = useCallback(
    async (after?: QueryCursor) => {
      if (dates.blocked) return focusBadDate(formRef.current);
      const filter = toFilter(form);
      if (Number.isNaN(filter.minFen) || Number.isNaN(filter.maxFen)) {
        setError({
          code: 'INVALID_INPUT',
          fields: [
            {
              field: Number.isNaN(filter.minFen) ? 'minFen' : 'maxFen',
              rule: 'amountRange',
            },
          ],
        });
        return;
      }
      const r = await pos().transactions.query({
        ...filter,
        sort,
        limit: 30,
        ...(after ? { after } : {}),
      } as Parameters<ReturnType<typeof pos>['transactions']['query']>[0]);
      if (!r.ok) return setError(r.error);
      setError(null);
      setList((old) => (after ? [...old, ...r.value.transactions] : r.value.transactions));
      if (!after) setSelected(0);
      setNext(r.value.next);
    },
    [form, sort, dates.blocked],
  );
  // The first page on entry (no filters: the newest transactions).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => void load(), [sort]);

  useEffect(() => {
    if (openId !== null) return;
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
      if (e.key === 'Escape') {
        if (inField) (e.target as HTMLElement).blur();
        else go({ name: 'standby' });
        return;
      }
      if (inField || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setSelected((i) => Math.min(i + 1, Math.max(list.length - 1, 0)));
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setSelected((i) => Math.max(i - 1, 0));
      } else if (e.key === 'Enter') {
        const tx = list[selected];
        if (tx) {
          e.preventDefault();
          setOpenId(tx.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, openId, list, selected]);

  if (openId !== null)
    return (
      <TransactionDetail
        id={openId}
        onBack={() => {
          setOpenId(null);
          void load();
        }}
      />
    );

  const exportCsv = async () => {
    if (dates.blocked) return focusBadDate(formRef.current);
    const filter = toFilter(form);
    const r = await pos().transactions.exportCsv(
      filter as Parameters<ReturnType<typeof pos>['transactions']['exportCsv']>[0],
    );
    if (!r.ok) return setError(r.error);
    saveText(r.value.fileName, r.value.csv);
    setNotice(t(r.value.truncated ? 'query.truncated' : 'query.exported', { count: r.value.rows }));
  };

  const fields = issuesByField(error);
  const text = (
    name: Exclude<(typeof TEXT_FIELDS)[number], 'from' | 'to'> | 'minYuan' | 'maxYuan',
  ) => (
    <label key={name}>
      {t(`query.${name === 'operatorNo' ? 'operator' : name}`)}
      <input
        data-testid={`query-${name}`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value.trim() })}
      />
      <FieldError
        issue={fields[name === 'minYuan' ? 'minFen' : name === 'maxYuan' ? 'maxFen' : name]}
        field={name}
      />
    </label>
  );
  // YYYY-MM-DD whatever the browser's locale (an <input type="date"> is drawn in it).
  const day = (name: 'from' | 'to') => (
    <label key={name}>
      {t(`query.${name}`)}
      <DateInput
        key={cleared}
        testId={`query-${name}`}
        value={form[name]}
        onChange={(v) => setForm((f) => ({ ...f, [name]: v }))}
        onValidity={dates.watch(name)}
      />
      <FieldError issue={fields[name]} field={name} />
    </label>
  );
  const choice = (name: 'type' | 'tender' | 'state', values: readonly string[], words: string) => (
    <label key={name}>
      {t(`query.${name}`)}
      <select
        data-testid={`query-${name}`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      >
        <option value="">{t('query.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`${words}.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <main className="screen history" data-testid="screen-history">
      <form
        ref={formRef}
        className="panel filters"
        aria-label={t('query.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          // Not the last good day while the field shows another: fix it first.
          if (dates.blocked) return focusBadDate(formRef.current);
          void load().then(() => tableRef.current?.focus());
        }}
      >
        <h1>{t('history.title')}</h1>
        {day('from')}
        {day('to')}
        {text('operatorNo')}
        {choice('type', TYPES, 'history.types')}
        {choice('tender', TENDERS, 'history.tenders')}
        {choice('state', STATES, 'history.states')}
        {text('minYuan')}
        {text('maxYuan')}
        {text('cardLast4')}
        {text('voucherNo')}
        {text('referenceNo')}
        {text('orderNo')}
        <label>
          {t('query.sort')}
          <select
            data-testid="query-sort"
            value={sort}
            onChange={(e) => setSort(e.target.value as 'time' | 'amount')}
          >
            <option value="time">{t('query.sortTime')}</option>
            <option value="amount">{t('query.sortAmount')}</option>
          </select>
        </label>
        {/* Held at the bottom of the screen (layout.css): 13 filters ran past 768 px. */}
        <div className="row actions-sticky">
          <button type="submit" data-testid="query-search">
            {t('query.search')}
          </button>
          <button
            type="button"
            data-testid="query-clear"
            onClick={() => {
              setForm(EMPTY);
              setCleared((n) => n + 1);
              dates.reset();
            }}
          >
            {t('query.clear')}
          </button>
          {manager && (
            <button type="button" data-testid="query-export" onClick={() => void exportCsv()}>
              {t('query.exportCsv')}
            </button>
          )}
          <button type="button" data-testid="query-reports" onClick={() => go({ name: 'reports' })}>
            {t('query.reports')}
          </button>
        </div>
      </form>
      <section className="panel">
        {list.length === 0 && <p>{t('history.empty')}</p>}
        <table ref={tableRef} tabIndex={-1} data-testid="history-table">
          <thead>
            <tr>
              <th>{t('history.voucher')}</th>
              <th>{t('history.type')}</th>
              <th>{t('history.tender')}</th>
              <th>{t('history.amount')}</th>
              <th>{t('history.state')}</th>
              {/* Hidden at 1024 px (styles.css): the list's time and amount come first. */}
              <th className="col-operator">{t('history.operator')}</th>
              <th>{t('history.time')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((tx, i) => (
              <tr
                key={tx.id}
                data-testid="history-row"
                data-id={tx.id}
                data-state={tx.state}
                aria-selected={i === selected}
                className={i === selected ? 'selected' : undefined}
                onClick={() => setSelected(i)}
              >
                <td>{tx.traceNo}</td>
                <td>{t(`history.types.${tx.type}`)}</td>
                <td>
                  {tx.qr ? t(`qr.wallets.${tx.qr.wallet}`) : t(`history.tenders.${tx.tender}`)}
                  {tx.card && ` ${tx.card.panMasked.slice(-4)}`}
                </td>
                <td className="money">{formatFen(tx.amountFen)}</td>
                <td>{t(`history.states.${tx.state}`)}</td>
                <td className="col-operator">{tx.operatorNo}</td>
                <WhenCell at={tx.createdAt} />
                <td>
                  <button
                    type="button"
                    data-testid={`history-open-${tx.id}`}
                    onClick={() => setOpenId(tx.id)}
                  >
                    {t('history.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {next && (
          <button type="button" data-testid="query-more" onClick={() => void load(next)}>
            {t('query.more')}
          </button>
        )}
        <p className="hint">{t('query.keysHint')}</p>
        {notice && (
          <p className="notice" data-testid="query-notice">
            {notice}
          </p>
        )}
        <ErrorMessage error={error} testId="history-error" />
        <button type="button" onClick={() => go({ name: 'standby' })}>
          {t('done.toStandby')}
        </button>
      </section>
    </main>
  );
}
