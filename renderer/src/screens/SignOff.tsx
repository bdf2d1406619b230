import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type PosError, type ShiftSummary } from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';
import { HeldOrdersNotice } from '../components/HeldOrdersNotice';
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
 * 签退 / 交班: the operator sees what they took this shift, by tender, then
 * confirms (Enter) and the next operator can sign in; Esc goes back.
 */
export function SignOff() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const signOff = useAppStore((s) => s.signOff);
  const [shift, setShift] = useState<ShiftSummary | null>(null);
  const [error, setError] = useState<PosError | null>(null);

  useEffect(() => {
    void pos()
      .auth.shift({})
      .then((r) => (r.ok ? setShift(r.value) : setError(r.error)));
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') go({ name: 'standby' });
      if (e.key === 'Enter') {
        e.preventDefault();
        void signOff();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, signOff]);

  return (
    <main className="screen sign-off" data-testid="screen-sign-off">
      <section className="panel">
        <h1>{t('shift.title')}</h1>
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
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('shift.back')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="sign-off-confirm"
            onClick={() => void signOff()}
          >
            {t('shift.confirm')}
          </button>
        </div>
      </section>
      <HeldOrdersNotice />
    </main>
  );
}
