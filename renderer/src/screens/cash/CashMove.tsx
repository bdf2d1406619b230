import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/date-time';
import { useTranslation } from 'react-i18next';
import { formatFen, type CashMovement, type PosError } from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { ErrorMessage } from '../../components/Messages';
import { SupervisorFields } from '../../components/SupervisorFields';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import { usePrintStore } from '../../stores/print-store';

/**
 * 收入 / 支出 (from standby, key C): money into or out of the drawer outside a
 * sale — change from the bank, paying a supplier — with a reason and the
 * supervisor's password typed at the moment. The drawer opens with a slip;
 * the shift's movements are listed below.
 */
export function CashMove() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const upsert = usePrintStore((s) => s.upsert);
  const [kind, setKind] = useState<'in' | 'out'>('out');
  const [fen, setFen] = useState(0);
  const [reason, setReason] = useState('');
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [done, setDone] = useState<CashMovement | null>(null);
  const [movements, setMovements] = useState<CashMovement[]>([]);

  const load = async () => {
    const r = await pos().cash.status({});
    if (r.ok) setMovements(r.value.movements);
    else setError(r.error);
  };
  useEffect(() => {
    void load();
  }, []);
  useEscape(() => go({ name: 'standby' }));

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setDone(null);
    const r = await pos().cash.move({
      kind,
      amountFen: fen,
      reason,
      supervisor: { operatorNo: supervisorNo, password },
    });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    setError(null);
    r.value.printJobs.forEach(upsert);
    setDone(r.value.movement);
    setFen(0);
    setReason('');
    await load();
  };
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void confirm();
    }
  };

  const kindWord = (k: CashMovement['kind']) =>
    k === 'float' ? t('cash.float') : k === 'in' ? t('cash.kindIn') : t('cash.kindOut');

  return (
    <main className="screen cash-move" data-testid="screen-cash-move">
      <section className="panel">
        <h1>{t('cash.moveTitle')}</h1>
        <p>{t('cash.moveHint')}</p>
        <div className="row" role="radiogroup">
          {(['in', 'out'] as const).map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="cash-kind"
                data-testid={`cash-kind-${k}`}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              {kindWord(k)}
            </label>
          ))}
        </div>
        <label>
          {t('cash.amount')}
          <AmountInput
            label={t('cash.amount')}
            valueFen={fen}
            onChange={setFen}
            onEnter={() => void confirm()}
            onEscape={() => go({ name: 'standby' })}
            testId="cash-amount"
            autoFocus
          />
        </label>
        <label>
          {t('cash.reason')}
          <input
            data-testid="cash-reason"
            maxLength={40}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={onEnter}
          />
        </label>
        <div onKeyDown={onEnter}>
          <SupervisorFields
            prefix="cash-"
            operatorNo={supervisorNo}
            password={password}
            onOperatorNo={setSupervisorNo}
            onPassword={setPassword}
          />
        </div>
        <ErrorMessage error={error} />
        {done && (
          <p className="notice" role="status" data-testid="cash-moved">
            {t('cash.moved', { kind: kindWord(done.kind), amount: formatFen(done.amountFen) })}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('cash.back')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="cash-move-confirm"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {t('cash.moveConfirm')}
          </button>
        </div>
      </section>
      {movements.length > 0 && (
        <section className="panel">
          <h2>{t('cash.movements')}</h2>
          <table data-testid="cash-movements">
            <tbody>
              {movements.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.at).slice(11)}</td>
                  <th>{kindWord(m.kind)}</th>
                  <td>{formatFen(m.amountFen)}</td>
                  <td>{m.reason}</td>
                  <td>{m.approvedBy ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
