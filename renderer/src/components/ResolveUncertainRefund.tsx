import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, TransactionView } from '../../../preload/contract';
import { pos } from '../lib/pos';
import { ErrorMessage } from './Messages';
import { SupervisorFields } from './SupervisorFields';

/**
 * Settling a card 退货 left uncertain (no valid answer from the host; refunds
 * are never reversed, so nothing settles it by itself). After asking the bank
 * (phone, statement) the supervisor says whether the money went back, with
 * their number and password at the moment. Shown on the transaction detail,
 * the abandon progress and the return result; the screen reloads in
 * `onResolved` and the operator then retries the step or the return.
 * Test ids start with `${prefix}resolve-`.
 */
export function ResolveUncertainRefund({
  txId,
  prefix = '',
  onResolved,
}: {
  txId: number;
  prefix?: string;
  onResolved(transaction: TransactionView): void | Promise<void>;
}) {
  const { t } = useTranslation();
  const [wentThrough, setWentThrough] = useState<boolean | null>(null);
  const [note, setNote] = useState('');
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [needChoice, setNeedChoice] = useState(false);
  const id = (name: string) => `${prefix}resolve-${name}`;

  const submit = async () => {
    // No verdict by default: the supervisor must say which, never a slip of Enter.
    setNeedChoice(wentThrough === null);
    if (wentThrough === null) return;
    setBusy(true);
    const r = await pos().refunds.resolve({
      txId,
      wentThrough,
      supervisor: { operatorNo: supervisorNo, password },
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    setError(null);
    await onResolved(r.value.transaction);
  };

  const choice = (value: boolean, label: string, hint: string, name: string) => (
    <label className="resolve-choice">
      <input
        type="radio"
        // one group per refund, should a screen show two
        name={`${id('verdict')}-${txId}`}
        data-testid={id(name)}
        checked={wentThrough === value}
        onChange={() => setWentThrough(value)}
      />
      <strong>{label}</strong> <span className="hint">{hint}</span>
    </label>
  );

  return (
    <section className="panel resolve-refund" data-testid={id('form')} data-tx-id={txId}>
      <h3>{t('resolve.title')}</h3>
      <p>{t('resolve.hint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void submit();
        }}
      >
        <fieldset>
          {choice(true, t('resolve.wentThrough'), t('resolve.wentThroughHint'), 'went')}
          {choice(false, t('resolve.notThrough'), t('resolve.notThroughHint'), 'not')}
        </fieldset>
        <label>
          {t('resolve.note')}
          <input
            data-testid={id('note')}
            maxLength={80}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <SupervisorFields
          prefix={id('')}
          operatorNo={supervisorNo}
          password={password}
          onOperatorNo={setSupervisorNo}
          onPassword={setPassword}
        />
        <button type="submit" className="primary" data-testid={id('submit')} disabled={busy}>
          {t('resolve.submit')}
        </button>
      </form>
      {needChoice && (
        <p className="warning" role="alert" data-testid={id('choose')}>
          {t('resolve.choose')}
        </p>
      )}
      <ErrorMessage error={error} testId={id('error')} />
    </section>
  );
}

/** What the supervisor's verdict did, and what to press next. */
export function ResolvedNotice({
  transaction,
  then,
}: {
  transaction: TransactionView;
  then?: 'undo' | 'return';
}) {
  const { t } = useTranslation();
  const approved = transaction.state === 'approved';
  return (
    <p className="notice" data-testid="resolve-done" data-state={transaction.state}>
      {t(approved ? 'resolve.done.approved' : 'resolve.done.declined')}
      {then === 'undo' && ` ${t('resolve.retryUndo')}`}
      {then === 'return' && ` ${t('resolve.retryReturn')}`}
    </p>
  );
}
