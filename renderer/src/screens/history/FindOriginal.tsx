import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import { TransactionDetail } from './TransactionDetail';
import { DateInput, focusBadDate, useDateGuard } from '../../components/DateInput';

type FindBy = 'reference' | 'voucher';

/** Receipts print voucher and batch numbers with leading zeros; the cashier needn't type them. */
function sixDigits(v: string): string {
  return /^\d{1,6}$/.test(v) ? v.padStart(6, '0') : v;
}

/** Today as the date input wants it (the terminal's local day). */
function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * 消费撤销 / 退货 from the standby menu, keyboard first: key in the original
 * (void: its voucher number in the open batch; refund: a card sale's reference
 * number and date, or a cash/QR sale's batch and voucher numbers), Enter, then
 * the transaction's details to confirm with the cursor already in the void or
 * refund form — the same screen as from the transaction list.
 */
export function FindOriginal({ mode }: { mode: 'void' | 'refund' }) {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [by, setBy] = useState<FindBy>(mode === 'void' ? 'voucher' : 'reference');
  const [traceNo, setTraceNo] = useState('');
  const [batchNo, setBatchNo] = useState('');
  const [rrn, setRrn] = useState('');
  const [date, setDate] = useState(today);
  const [found, setFound] = useState<number | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const dates = useDateGuard();

  useEffect(() => {
    if (found !== null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') go({ name: 'standby' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, found]);

  const find = async () => {
    // A day that is not one would look up the last good day (today) instead.
    if (by === 'reference' && dates.blocked) return focusBadDate(formRef.current);
    const query =
      by === 'reference'
        ? { rrn, date }
        : mode === 'void'
          ? { traceNo: sixDigits(traceNo) }
          : { traceNo: sixDigits(traceNo), batchNo: sixDigits(batchNo) };
    const r = await pos().transactions.find(query);
    if (!r.ok) return setError(r.error);
    setError(null);
    setFound(r.value.id);
  };

  if (found !== null)
    return (
      <TransactionDetail
        id={found}
        focus={mode}
        onBack={() => {
          setFound(null);
        }}
      />
    );

  return (
    <main className="screen find-original" data-testid={`screen-find-${mode}`}>
      <section className="panel">
        <h1>{t(mode === 'void' ? 'find.voidTitle' : 'find.refundTitle')}</h1>
        <p>{t(mode === 'void' ? 'find.voidHint' : 'find.refundHint')}</p>
        {mode === 'refund' && (
          <fieldset>
            {(['reference', 'voucher'] as const).map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="find-by"
                  data-testid={`find-by-${option}`}
                  checked={by === option}
                  onChange={() => setBy(option)}
                />
                {t(option === 'reference' ? 'find.byReference' : 'find.byVoucher')}
              </label>
            ))}
          </fieldset>
        )}
        <form
          ref={formRef}
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          {by === 'reference' ? (
            <>
              <label>
                {t('find.rrn')}
                <input
                  key="rrn"
                  data-testid="find-rrn"
                  inputMode="numeric"
                  maxLength={12}
                  autoFocus
                  value={rrn}
                  onChange={(e) => setRrn(e.target.value.trim())}
                />
              </label>
              <label>
                {t('find.date')}
                <DateInput
                  testId="find-date"
                  value={date}
                  onChange={setDate}
                  onValidity={dates.watch('date')}
                />
              </label>
            </>
          ) : (
            <>
              {mode === 'refund' && (
                <label>
                  {t('find.batchNo')}
                  <input
                    key="batch"
                    data-testid="find-batch"
                    inputMode="numeric"
                    maxLength={6}
                    autoFocus
                    value={batchNo}
                    onChange={(e) => setBatchNo(e.target.value.trim())}
                  />
                </label>
              )}
              <label>
                {t('find.voucherNo')}
                <input
                  data-testid="find-voucher"
                  inputMode="numeric"
                  maxLength={6}
                  autoFocus={mode === 'void'}
                  value={traceNo}
                  onChange={(e) => setTraceNo(e.target.value.trim())}
                />
              </label>
            </>
          )}
          <button type="submit" className="primary" data-testid="find-submit">
            {t('find.submit')}
          </button>
        </form>
        <ErrorMessage error={error} testId="find-error" />
        <button type="button" onClick={() => go({ name: 'standby' })}>
          {t('find.back')}
        </button>
      </section>
    </main>
  );
}
