import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type PosError,
  type ReturnRun,
  type TransactionView,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { ResolvedNotice, ResolveUncertainRefund } from '../../components/ResolveUncertainRefund';
import { SupervisorFields } from '../../components/SupervisorFields';
import { pos } from '../../lib/pos';

/**
 * What a return did: its lines, each refund step with its state, and — when it
 * stopped (declined, not known yet, an error) — why, with "continue" (the
 * supervisor again) and, while no money has gone back, "cancel".
 */
export function ReturnResult({
  run,
  onRun,
  onNext,
}: {
  run: ReturnRun;
  onRun(r: ReturnRun): void;
  onNext(): void;
}) {
  const { t } = useTranslation();
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const [resolved, setResolved] = useState<TransactionView | null>(null);
  const r = run.return;
  const cash = r.refunds
    .filter((s) => s.kind === 'cash' && s.state === 'done')
    .reduce((sum, s) => sum + s.amountFen, 0);
  const supervisor = { operatorNo: supervisorNo, password };

  // A refund the supervisor settled: the return as it now stands, then 继续退款 finishes it.
  const settled = async (after: TransactionView) => {
    setResolved(after);
    const res = await pos().returns.get({ returnId: r.id });
    if (!res.ok) return setError(res.error);
    onRun({ ...run, return: res.value, problem: null, printJobs: [] });
  };

  const act = async (what: 'resume' | 'cancel') => {
    setBusy(true);
    setResolved(null);
    if (what === 'resume') {
      const res = await pos().returns.resume({ returnId: r.id, supervisor });
      setBusy(false);
      setPassword('');
      if (!res.ok) return setError(res.error);
      setError(null);
      return onRun(res.value);
    }
    const res = await pos().returns.cancel({ returnId: r.id, supervisor });
    setBusy(false);
    setPassword('');
    if (!res.ok) return setError(res.error);
    setError(null);
    onRun({ ...run, return: res.value.return, problem: null });
  };

  return (
    <main className="screen" data-testid="screen-return-result">
      <h1>
        {t('returns.title')} {r.returnNo}
      </h1>
      {r.state === 'done' && <p data-testid="return-done">{t('returns.done')}</p>}
      {cash > 0 && (
        <p data-testid="return-cash-out">{t('returns.cashOut', { amount: formatFen(cash) })}</p>
      )}
      {run.problem && (
        <div data-testid="return-stopped">
          {t('returns.stopped')}
          <ErrorMessage error={run.problem} testId="return-problem" />
        </div>
      )}
      <ul>
        {r.lines.map((l, i) => (
          <li key={i}>
            {l.name} × {l.quantity} · {formatFen(l.amountFen)}
          </li>
        ))}
      </ul>
      <p>
        {t('returns.total')}:{' '}
        <strong data-testid="return-result-total">{formatFen(r.totalFen)}</strong>
      </p>
      <ul>
        {r.refunds.map((s) => (
          <li key={s.seq} data-testid={`return-step-${s.seq}`}>
            {t(`returns.kind.${s.kind}`)} {t(`returns.tender.${s.tender}`)} {formatFen(s.amountFen)}{' '}
            · {t(`returns.state.${s.state}`)}
            {s.resolvable && s.txId !== null && (
              <ResolveUncertainRefund
                txId={s.txId}
                prefix={`return-${s.seq}-`}
                onResolved={settled}
              />
            )}
          </li>
        ))}
      </ul>
      {resolved && <ResolvedNotice transaction={resolved} then="return" />}
      <ErrorMessage error={error} testId="return-result-error" />
      {r.state === 'open' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('resume');
          }}
        >
          <SupervisorFields
            prefix="return-again-"
            operatorNo={supervisorNo}
            password={password}
            onOperatorNo={setSupervisorNo}
            onPassword={setPassword}
          />
          <button type="submit" data-testid="return-resume" disabled={busy}>
            {t('returns.resume')}
          </button>
          {r.refunds.every((s) => s.state === 'planned') && (
            <button
              type="button"
              data-testid="return-cancel"
              disabled={busy}
              onClick={() => void act('cancel')}
            >
              {t('returns.cancel')}
            </button>
          )}
        </form>
      )}
      {r.state !== 'open' && (
        <button type="button" data-testid="return-next" autoFocus onClick={onNext}>
          {t('returns.title')}
        </button>
      )}
    </main>
  );
}
