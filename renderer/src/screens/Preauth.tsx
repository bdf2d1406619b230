import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  formatFenPlain,
  parseYuanToFen,
  type CardOutcome,
  type PosError,
  type TransactionView,
} from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';
import { SupervisorFields } from '../components/SupervisorFields';
import { pos } from '../lib/pos';
import { responseCodeText } from '../lib/response-code';
import { useAppStore } from '../stores/app-store';
import { usePrintStore } from '../stores/print-store';

type Action = { kind: 'complete' | 'cancel'; hold: TransactionView };

/**
 * 预授权: hold an amount on a card (card and PIN on the PIN pad), then
 * complete it (up to 115 % of the hold) or cancel it, each with the
 * supervisor's number and password and the card read again.
 */
export function Preauth() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const upsert = usePrintStore((s) => s.upsert);
  const [amount, setAmount] = useState('');
  const [open, setOpen] = useState<TransactionView[]>([]);
  const [action, setAction] = useState<Action | null>(null);
  const [finalAmount, setFinalAmount] = useState('');
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  // The outcome itself is kept (not its words), so the language switch re-renders it.
  const [message, setMessage] = useState<CardOutcome | null>(null);

  const load = useCallback(async () => {
    const r = await pos().preauth.open({});
    if (r.ok) setOpen(r.value.transactions);
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) go({ name: 'standby' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, busy]);

  const show = (o: CardOutcome) => {
    if (o.outcome === 'approved') o.printJobs.forEach(upsert);
    setMessage(o);
  };
  const words = (o: CardOutcome) =>
    o.outcome === 'approved'
      ? t('preauth.approved', { auth: o.transaction.card?.authCode ?? '' })
      : o.outcome === 'declined'
        ? `${o.responseCode} · ${responseCodeText(t, o.responseCode).message}`
        : t(o.reason === 'A0' ? 'card.reversalA0' : 'card.reversal98');

  const run = async (
    call: () => Promise<{ ok: true; value: CardOutcome } | { ok: false; error: PosError }>,
  ) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    const r = await call();
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    show(r.value);
    setAction(null);
    await load();
  };

  const start = () => {
    const fen = parseYuanToFen(amount);
    if (fen === null || fen < 1)
      return setError({
        code: 'INVALID_INPUT',
        fields: [{ field: 'amountFen', rule: 'amountRange' }],
      });
    setAmount('');
    void run(() => pos().preauth.start({ amountFen: fen }));
  };

  const submitAction = () => {
    if (!action) return;
    const supervisor = { operatorNo: supervisorNo, password };
    if (action.kind === 'cancel')
      return void run(() => pos().preauth.cancel({ txId: action.hold.id, supervisor }));
    const fen = parseYuanToFen(finalAmount);
    if (fen === null || fen < 1)
      return setError({
        code: 'INVALID_INPUT',
        fields: [{ field: 'amountFen', rule: 'amountRange' }],
      });
    void run(() => pos().preauth.complete({ txId: action.hold.id, amountFen: fen, supervisor }));
  };

  return (
    <main className="screen preauth" data-testid="screen-preauth">
      <section className="panel">
        <h1>{t('preauth.title')}</h1>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) start();
          }}
        >
          <label>
            {t('preauth.amount')}
            <input
              data-testid="preauth-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" data-testid="preauth-start" disabled={busy}>
            {t('preauth.start')}
          </button>
        </form>
        {message && (
          <p
            className={message.outcome === 'approved' ? 'notice' : 'warning'}
            data-testid="preauth-result"
            data-outcome={message.outcome}
          >
            {words(message)}
          </p>
        )}
        <ErrorMessage error={error} testId="preauth-error" />
        <button type="button" onClick={() => go({ name: 'standby' })}>
          {t('done.toStandby')}
        </button>
      </section>
      <section className="panel">
        <h2>{t('preauth.open')}</h2>
        {open.length === 0 && <p>{t('preauth.none')}</p>}
        <ul>
          {open.map((h) => (
            <li key={h.id} data-testid="preauth-row" data-id={h.id}>
              {h.traceNo} · {formatFen(h.amountFen)} · {t('card.authCode')} {h.card?.authCode} ·{' '}
              {h.card?.panMasked}{' '}
              <button
                type="button"
                data-testid={`preauth-complete-${h.id}`}
                onClick={() => {
                  setAction({ kind: 'complete', hold: h });
                  setFinalAmount(formatFenPlain(h.amountFen).replace(/,/g, ''));
                }}
              >
                {t('preauth.complete')}
              </button>{' '}
              <button
                type="button"
                data-testid={`preauth-cancel-${h.id}`}
                onClick={() => setAction({ kind: 'cancel', hold: h })}
              >
                {t('preauth.cancel')}
              </button>
            </li>
          ))}
        </ul>
        {action && (
          <form
            data-testid="preauth-action"
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) submitAction();
            }}
          >
            <h3>{t(action.kind === 'complete' ? 'preauth.complete' : 'preauth.cancel')}</h3>
            {action.kind === 'complete' && (
              <label>
                {t('preauth.finalAmount')}
                <input
                  data-testid="preauth-final-amount"
                  inputMode="decimal"
                  value={finalAmount}
                  onChange={(e) => setFinalAmount(e.target.value)}
                />
              </label>
            )}
            <SupervisorFields
              prefix="preauth-"
              operatorNo={supervisorNo}
              password={password}
              onOperatorNo={setSupervisorNo}
              onPassword={setPassword}
            />
            <button
              type="submit"
              className="primary"
              data-testid="preauth-action-submit"
              disabled={busy}
            >
              {t('preauth.confirm')}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
