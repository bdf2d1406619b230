import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type PosError, type TransactionView } from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import { TransactionDetail } from './TransactionDetail';

/** 交易查询: the latest transactions, newest first; pick one to see its history and refund it. */
export function History() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [list, setList] = useState<TransactionView[]>([]);
  const [openId, setOpenId] = useState<number | null>(null);
  const [error, setError] = useState<PosError | null>(null);

  const load = useCallback(async () => {
    const r = await pos().transactions.list({ limit: 50 });
    if (r.ok) setList(r.value.transactions);
    else setError(r.error);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (openId !== null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') go({ name: 'standby' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, openId]);

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

  return (
    <main className="screen history" data-testid="screen-history">
      <section className="panel">
        <h1>{t('history.title')}</h1>
        {list.length === 0 && <p>{t('history.empty')}</p>}
        <table>
          <thead>
            <tr>
              <th>{t('history.voucher')}</th>
              <th>{t('history.type')}</th>
              <th>{t('history.tender')}</th>
              <th>{t('history.amount')}</th>
              <th>{t('history.state')}</th>
              <th>{t('history.time')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((tx) => (
              <tr key={tx.id} data-testid="history-row" data-id={tx.id} data-state={tx.state}>
                <td>{tx.traceNo}</td>
                <td>{t(`history.types.${tx.type}`)}</td>
                <td>
                  {tx.qr ? t(`qr.wallets.${tx.qr.wallet}`) : t(`history.tenders.${tx.tender}`)}
                </td>
                <td>{formatFen(tx.amountFen)}</td>
                <td>{t(`history.states.${tx.state}`)}</td>
                <td>{new Date(tx.createdAt).toLocaleString()}</td>
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
        <ErrorMessage error={error} testId="history-error" />
        <button type="button" onClick={() => go({ name: 'standby' })}>
          {t('done.toStandby')}
        </button>
      </section>
    </main>
  );
}
