import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type CardOutcome,
  type PosError,
  type TransactionView,
} from '../../../preload/contract';
import { AmountInput } from '../components/AmountInput';
import { CardWait } from '../components/CardWait';
import { ErrorMessage } from '../components/Messages';
import { ReceiptPanel } from '../components/ReceiptView';
import { SupervisorFields } from '../components/SupervisorFields';
import { reversalLine } from '../lib/card-fault';
import { pos } from '../lib/pos';
import { responseCodeText } from '../lib/response-code';
import { useAppStore } from '../stores/app-store';
import { usePrintStore } from '../stores/print-store';
import { PrintStatusList } from './PrintStatus';

/** Each approved result in its own words: a completion does not repeat the hold's line. */
const APPROVED_WORDS: Partial<Record<TransactionView['type'], string>> = {
  preauth: 'preauth.held',
  preauth_complete: 'preauth.completed',
  preauth_cancel: 'preauth.cancelled',
};

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
  // Integer fen, keyed in like the sale keypad (5,0,0 → ¥5.00): one amount input everywhere.
  const [amountFen, setAmountFen] = useState(0);
  const [open, setOpen] = useState<TransactionView[]>([]);
  const [action, setAction] = useState<Action | null>(null);
  const [finalFen, setFinalFen] = useState(0);
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  // The outcome itself is kept (not its words), so the language switch re-renders it.
  const [message, setMessage] = useState<CardOutcome | null>(null);
  const slips = message?.outcome === 'approved' ? message.printJobs.map((j) => j.id) : [];

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
      ? t(APPROVED_WORDS[o.transaction.type] ?? 'preauth.held', {
          amount: formatFen(o.transaction.amountFen),
          auth: o.transaction.card?.authCode ?? '',
        })
      : o.outcome === 'declined'
        ? `${o.responseCode} · ${responseCodeText(t, o.responseCode).message}`
        : reversalLine(t, o);

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
    const fen = amountFen;
    if (fen < 1)
      return setError({
        code: 'INVALID_INPUT',
        fields: [{ field: 'amountFen', rule: 'amountRange' }],
      });
    setAmountFen(0);
    void run(() => pos().preauth.start({ amountFen: fen }));
  };

  const submitAction = () => {
    if (!action) return;
    const supervisor = { operatorNo: supervisorNo, password };
    if (action.kind === 'cancel')
      return void run(() => pos().preauth.cancel({ txId: action.hold.id, supervisor }));
    const fen = finalFen;
    if (fen < 1)
      return setError({
        code: 'INVALID_INPUT',
        fields: [{ field: 'amountFen', rule: 'amountRange' }],
      });
    void run(() => pos().preauth.complete({ txId: action.hold.id, amountFen: fen, supervisor }));
  };

  return (
    <main className="screen preauth" data-testid="screen-preauth">
      <section className="panel" data-testid="preauth-panel">
        <h1>{t('preauth.title')}</h1>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) start();
          }}
        >
          <label>
            {t('preauth.amount')}
            <AmountInput
              testId="preauth-amount"
              label={t('preauth.amount')}
              valueFen={amountFen}
              onChange={setAmountFen}
              onEnter={() => !busy && start()}
              autoFocus
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
        {busy && <CardWait />}
        <PrintStatusList jobIds={slips} />
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
                  setFinalFen(h.amountFen);
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
                <AmountInput
                  testId="preauth-final-amount"
                  label={t('preauth.finalAmount')}
                  valueFen={finalFen}
                  onChange={setFinalFen}
                  onEnter={() => !busy && submitAction()}
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
      <ReceiptPanel jobIds={slips} />
    </main>
  );
}
