import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen, type PosError, type ReturnRun } from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { SupervisorFields } from '../../components/SupervisorFields';
import { pos } from '../../lib/pos';

/** 无原单退货: cash only, a reason, the supervisor; shown only when the shop allows it. */
export function WithoutOriginal({
  onBack,
  onDone,
}: {
  onBack(): void;
  onDone(r: ReturnRun): void;
}) {
  const { t } = useTranslation();
  const [lines, setLines] = useState([{ name: '', quantity: '1', yuan: '' }]);
  const [reason, setReason] = useState('');
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<PosError | null>(null);

  const set = (i: number, patch: Partial<(typeof lines)[number]>) =>
    setLines(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = async () => {
    const r = await pos().returns.withoutOriginal({
      lines: lines.map((l) => ({
        name: l.name,
        quantity: Number(l.quantity),
        amountFen: parseYuanToFen(l.yuan) ?? 0,
      })),
      reason,
      supervisor: { operatorNo: supervisorNo, password },
    });
    setPassword('');
    if (!r.ok) return setError(r.error);
    onDone(r.value);
  };

  return (
    <main className="screen" data-testid="screen-return-without-original">
      <h1>{t('returns.withoutOriginal')}</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {lines.map((l, i) => (
          <fieldset key={i}>
            <label>
              {t('returns.itemName')}
              <input
                data-testid={`wo-name-${i}`}
                value={l.name}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </label>
            <label>
              {t('returns.qty')}
              <input
                data-testid={`wo-qty-${i}`}
                inputMode="numeric"
                value={l.quantity}
                onChange={(e) => set(i, { quantity: e.target.value })}
              />
            </label>
            <label>
              {t('returns.amount')}
              <input
                data-testid={`wo-amount-${i}`}
                inputMode="decimal"
                value={l.yuan}
                onChange={(e) => set(i, { yuan: e.target.value })}
              />
            </label>
          </fieldset>
        ))}
        <button
          type="button"
          onClick={() => setLines([...lines, { name: '', quantity: '1', yuan: '' }])}
        >
          {t('returns.addLine')}
        </button>
        <label>
          {t('returns.reason')}
          <input
            data-testid="wo-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <SupervisorFields
          prefix="wo-"
          operatorNo={supervisorNo}
          password={password}
          onOperatorNo={setSupervisorNo}
          onPassword={setPassword}
        />
        <ErrorMessage error={error} testId="wo-error" />
        <button type="submit" data-testid="wo-submit">
          {t('returns.submit')}
        </button>
        <button type="button" onClick={onBack}>
          {t('returns.back')}
        </button>
      </form>
    </main>
  );
}
