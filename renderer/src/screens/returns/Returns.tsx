import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { DateInput, focusBadDate, useDateGuard } from '../../components/DateInput';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type PosError,
  type ReturnOrderView,
  type ReturnQuote,
  type ReturnRun,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { SupervisorFields } from '../../components/SupervisorFields';
import { pos } from '../../lib/pos';
import { useScanDetector } from '../../lib/useScanDetector';
import { useAppStore } from '../../stores/app-store';
import { ReturnLines } from './ReturnLines';
import { ReturnResult } from './ReturnResult';
import { WithoutOriginal } from './WithoutOriginal';

const ORDER_NO = /(?:^|\D)(\d{14})$/;

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * 退货 (按商品退货, issue 15), from standby: the order is found by scanning the
 * order-number barcode on its receipt (a wedge scanner's burst, or a serial
 * scanner's `scanner:scanned`), by typing its number, or by a day and the
 * card's last 4; then a quantity per line, the refund and where it goes
 * (quoted by the main side, never computed here), and the supervisor's
 * number and password. What happened — every refund step — shows after.
 */
export function Returns() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [orderNo, setOrderNo] = useState('');
  const [date, setDate] = useState(today);
  const [last4, setLast4] = useState('');
  const [list, setList] = useState<Array<{
    orderId: number;
    orderNo: string;
    totalFen: number;
  }> | null>(null);
  const [order, setOrder] = useState<ReturnOrderView | null>(null);
  const [qty, setQty] = useState<Record<number, string>>({});
  const [quote, setQuote] = useState<ReturnQuote | null>(null);
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [run, setRun] = useState<ReturnRun | null>(null);
  const [noOriginal, setNoOriginal] = useState(false);
  const [allowNoOriginal, setAllowNoOriginal] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  // Enter on the last quantity: go on to the password once the refund is quoted.
  const [toApproval, setToApproval] = useState(false);
  const approvalRef = useRef<HTMLFormElement>(null);
  const orderRef = useRef<HTMLElement>(null);
  const lastLine = useRef<number | null>(null);
  const orderNoRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLDetailsElement>(null);
  const dates = useDateGuard();
  const backRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void pos()
      .returns.rules({})
      .then((r) => r.ok && setAllowNoOriginal(r.value.withoutOriginal));
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) go({ name: 'standby' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, busy]);

  const find = useCallback(async (no: string) => {
    const r = await pos().returns.order({ orderNo: no.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setOrderNo(r.value.orderNo);
    setOrder(r.value);
    setQty({});
    setQuote(null);
    setRun(null);
  }, []);

  // The receipt's barcode: a wedge burst wherever the focus is, or the serial scanner.
  // A burst may carry a key typed just before it (the R that opened this screen): the
  // order number is its last 14 digits.
  const onScan = useCallback(
    (code: string) => {
      const no = ORDER_NO.exec(code)?.[1];
      if (no) void find(no);
    },
    [find],
  );
  // A quick run of keys ending in Enter that is no order number (keys a busy
  // page handled late come bunched up) lost its Enter to the detector: in the
  // number field, do what that Enter would have done.
  const onWedge = useCallback(
    (code: string) => {
      if (ORDER_NO.test(code)) onScan(code);
      else if (orderNoRef.current && document.activeElement === orderNoRef.current)
        void find(orderNoRef.current.value);
    },
    [onScan, find],
  );
  useScanDetector(onWedge, { enabled: !busy });
  useEffect(() => pos().events.on('scanner:scanned', ({ code }) => onScan(code)), [onScan]);

  const search = async () => {
    // A day that is not one would search the last good day instead.
    if (dates.blocked) return focusBadDate(searchRef.current);
    const r = await pos().returns.search(last4 ? { date, last4 } : { date });
    if (!r.ok) return setError(r.error);
    setError(null);
    setList(r.value.orders);
  };

  const picks = () =>
    Object.entries(qty)
      .map(([lineId, q]) => ({ lineId: Number(lineId), quantity: Number(q) }))
      .filter((p) => Number.isInteger(p.quantity) && p.quantity > 0);

  // Each change of a quantity asks the main side what it gives back and where it goes.
  useEffect(() => {
    if (!order) return;
    const lines = picks();
    if (lines.length === 0) return setQuote(null);
    let live = true;
    void pos()
      .returns.quote({ orderId: order.orderId, lines })
      .then((r) => {
        if (!live) return;
        setQuote(r.ok ? r.value : null);
        setError(r.ok ? null : r.error);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order, qty]);

  // The quote (asked for as the quantities change) may come after the Enter.
  useLayoutEffect(() => {
    if (!toApproval || !quote) return;
    setToApproval(false);
    approvalRef.current?.querySelector<HTMLInputElement>('input[type="password"]')?.focus();
  }, [toApproval, quote]);
  // A quote refused after the Enter (too many) takes the password away: the
  // cursor goes back to the lines instead of being lost.
  useLayoutEffect(() => {
    if (quote || document.activeElement !== document.body) return;
    const last = orderRef.current?.querySelector<HTMLInputElement>(
      `[data-testid="return-qty-${lastLine.current}"]`,
    );
    (last ?? orderRef.current?.querySelector<HTMLInputElement>('input:not(:disabled)'))?.focus();
  }, [quote]);

  const submit = async () => {
    if (!order) return;
    setBusy(true);
    const r = await pos().returns.create({
      orderId: order.orderId,
      lines: picks(),
      supervisor: { operatorNo: supervisorNo, password },
    });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    setError(null);
    setRun(r.value);
  };

  if (run)
    return (
      <ReturnResult
        run={run}
        onRun={setRun}
        onNext={() => {
          setRun(null);
          setOrder(null);
          setOrderNo('');
          setQty({});
        }}
      />
    );
  if (noOriginal) return <WithoutOriginal onBack={() => setNoOriginal(false)} onDone={setRun} />;

  return (
    <main className="screen" data-testid="screen-returns">
      <h1>{t('returns.title')}</h1>
      <p className="hint">{t('returns.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void find(orderNo);
        }}
      >
        <label>
          {t('returns.orderNo')}
          <input
            ref={orderNoRef}
            data-testid="return-order-no"
            inputMode="numeric"
            maxLength={14}
            autoFocus
            value={orderNo}
            onChange={(e) => setOrderNo(e.target.value)}
          />
        </label>
        <button type="submit" data-testid="return-find">
          {t('returns.find')}
        </button>
      </form>
      <details ref={searchRef}>
        <summary>{t('returns.search')}</summary>
        <label>
          {t('returns.date')}
          <DateInput
            testId="return-date"
            value={date}
            onChange={setDate}
            onValidity={dates.watch('date')}
          />
        </label>
        <label>
          {t('returns.last4')}
          <input
            data-testid="return-last4"
            inputMode="numeric"
            maxLength={4}
            value={last4}
            onChange={(e) => setLast4(e.target.value)}
          />
        </label>
        <button type="button" data-testid="return-search" onClick={() => void search()}>
          {t('returns.search')}
        </button>
        {list && list.length === 0 && <p>{t('returns.noOrders')}</p>}
        {list?.map((o) => (
          <button
            key={o.orderId}
            type="button"
            data-testid={`return-pick-${o.orderNo}`}
            onClick={() => void find(o.orderNo)}
          >
            {o.orderNo} · {formatFen(o.totalFen)}
          </button>
        ))}
      </details>
      <ErrorMessage error={error} testId="return-error" />
      {order && (
        <section data-testid="return-order" ref={orderRef}>
          <h2>
            {order.orderNo} · {formatFen(order.totalFen)}
          </h2>
          <ReturnLines
            order={order}
            qty={qty}
            onQty={(lineId, value) => {
              lastLine.current = lineId;
              // Still changing the lines: an earlier Enter no longer means "go on".
              setToApproval(false);
              setQty({ ...qty, [lineId]: value });
            }}
            onLast={() => setToApproval(true)}
            onNothingLeft={() => backRef.current?.focus()}
          />
          <p className="hint">{t('returns.keysHint')}</p>
          {quote && (
            <div data-testid="return-quote">
              <p>
                {t('returns.total')}:{' '}
                <strong data-testid="return-total">{formatFen(quote.totalFen)}</strong>
              </p>
              <p>{t('returns.refundTo')}</p>
              <ul>
                {quote.refunds.map((s) => (
                  <li key={s.txId} data-testid={`return-plan-${s.tender}`}>
                    {t(`returns.kind.${s.kind}`)} {t(`returns.tender.${s.tender}`)}{' '}
                    {formatFen(s.amountFen)}
                  </li>
                ))}
              </ul>
              <p>{t('returns.supervisorHere')}</p>
              <form
                ref={approvalRef}
                onSubmit={(e) => {
                  e.preventDefault();
                  void submit();
                }}
              >
                <SupervisorFields
                  prefix="return-"
                  operatorNo={supervisorNo}
                  password={password}
                  onOperatorNo={setSupervisorNo}
                  onPassword={setPassword}
                />
                <button type="submit" data-testid="return-submit" disabled={busy}>
                  {t('returns.submit')}
                </button>
              </form>
            </div>
          )}
        </section>
      )}
      {allowNoOriginal && (
        <button
          type="button"
          data-testid="return-without-original"
          onClick={() => setNoOriginal(true)}
        >
          {t('returns.withoutOriginal')}
        </button>
      )}
      <button
        ref={backRef}
        type="button"
        data-testid="return-back"
        onClick={() => go({ name: 'standby' })}
      >
        {t('returns.back')}
      </button>
    </main>
  );
}
