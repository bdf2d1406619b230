import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type ChannelOutput,
  type PosError,
  type PrintJob,
  type TransactionView,
  type VoidOutcome,
} from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { CardWait } from '../../components/CardWait';
import { ErrorMessage } from '../../components/Messages';
import { ReceiptPanel } from '../../components/ReceiptView';
import { ResolvedNotice, ResolveUncertainRefund } from '../../components/ResolveUncertainRefund';
import { SupervisorFields } from '../../components/SupervisorFields';
import { reversalLine } from '../../lib/card-fault';
import { pos } from '../../lib/pos';
import { formatDateTime } from '../../lib/date-time';
import { usePrintStore } from '../../stores/print-store';
import { PrintStatusList } from '../PrintStatus';

type Detail = ChannelOutput<'transactions', 'detail'>;

/** The original's date as the refund asks for it: the local calendar day. */
function localDate(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * One transaction: its facts, every state it went through, its refunds, and
 * what can follow it — 消费撤销 (open batch) or 退货 (card, QR, cash), each with
 * the supervisor's approval typed at the moment. `focus` puts the cursor in the
 * form the cashier came for (from the void/refund menu entries).
 */
export function TransactionDetail({
  id,
  onBack,
  focus,
}: {
  id: number;
  onBack(): void;
  focus?: 'void' | 'refund';
}) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Detail | null>(null);
  // Integer fen, keyed in like the sale keypad (1,2,5,0 → ¥12.50).
  const [amountFen, setAmountFen] = useState(0);
  const [supervisorNo, setSupervisorNo] = useState('00');
  const [password, setPassword] = useState('');
  // What is running, so a card one shows its wait (a void sends at once: no card to read).
  const [busy, setBusy] = useState<false | 'refund' | 'void'>(false);
  const [error, setError] = useState<PosError | null>(null);
  const [result, setResult] = useState<{
    outcome: 'approved' | 'declined' | 'uncertain';
    code: string | null;
    cash: boolean;
  } | null>(null);
  const [voided, setVoided] = useState<VoidOutcome | null>(null);
  const [reprinted, setReprinted] = useState(false);
  // The supervisor's verdict on an uncertain card refund, once given.
  const [resolved, setResolved] = useState<TransactionView | null>(null);
  // The slips of the last void, refund or reprint, shown as the paid sale shows its receipts.
  const [slips, setSlips] = useState<number[]>([]);
  const upsert = usePrintStore((s) => s.upsert);
  const printed = (jobs: readonly PrintJob[]) => {
    jobs.forEach(upsert);
    setSlips(jobs.map((j) => j.id));
  };

  const load = useCallback(async () => {
    const r = await pos().transactions.detail({ id });
    if (r.ok) setDetail(r.value);
    else setError(r.error);
  }, [id]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  const refund = async () => {
    const fen = amountFen;
    if (fen < 1)
      return setError({
        code: 'INVALID_INPUT',
        fields: [{ field: 'amountFen', rule: 'amountRange' }],
      });
    if (!detail) return;
    setBusy('refund');
    setResolved(null);
    const tx = detail.transaction;
    const supervisor = { operatorNo: supervisorNo, password };
    // A card refund reads the card again on the PIN pad; a QR refund goes to
    // the same wallet; cash goes back over the counter.
    const r =
      tx.tender === 'card'
        ? await pos().refunds.card({
            rrn: tx.card?.rrn ?? '',
            date: localDate(tx.createdAt),
            amountFen: fen,
            supervisor,
          })
        : tx.tender === 'cash'
          ? await pos().refunds.cash({
              batchNo: tx.batchNo,
              traceNo: tx.traceNo,
              amountFen: fen,
              supervisor,
            })
          : await pos().qr.refund({ txId: id, amountFen: fen, supervisor });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    setError(null);
    setAmountFen(0);
    printed(r.value.printJobs);
    setResult({
      outcome: r.value.outcome,
      code:
        'gatewayCode' in r.value
          ? r.value.gatewayCode
          : 'responseCode' in r.value
            ? r.value.responseCode
            : null,
      cash: tx.tender === 'cash',
    });
    await load();
  };

  const runVoid = async () => {
    if (!detail) return;
    setBusy('void');
    const r = await pos().voids.run({
      traceNo: detail.transaction.traceNo,
      supervisor: { operatorNo: supervisorNo, password },
    });
    setBusy(false);
    setPassword('');
    if (!r.ok) return setError(r.error);
    setError(null);
    printed(r.value.outcome === 'approved' ? r.value.printJobs : []);
    setVoided(r.value);
    await load();
  };

  if (!detail) return <ErrorMessage error={error} testId="detail-error" />;
  const tx = detail.transaction;
  // Card refunds left uncertain — this one, or a sale's own 退货 just made — wait for the
  // supervisor's verdict after asking the bank (they are never reversed or sent again).
  const isUncertainCardRefund = (r: TransactionView) =>
    r.type === 'refund' && r.tender === 'card' && r.state === 'uncertain';
  const uncertain = [tx, ...detail.refunds].filter(isUncertainCardRefund).map((r) => r.id);
  return (
    <main className="screen history-detail" data-testid="screen-transaction" data-state={tx.state}>
      {/* What a void or refund came to, and any error, above the detail and held at
          the top (layout.css): under the forms it was drawn below 768 px. */}
      <div className="outcomes" aria-live="polite">
        {voided && (
          <p
            className={voided.outcome === 'approved' ? 'notice' : 'warning'}
            data-testid="void-result"
            data-outcome={voided.outcome}
          >
            {voided.outcome === 'reversal'
              ? reversalLine(t, voided, t('history.voidOutcome.reversal'))
              : t(`history.voidOutcome.${voided.outcome}`)}
            {voided.outcome === 'declined' ? ` (${voided.responseCode})` : ''}
          </p>
        )}
        {result && (
          <p
            className={result.outcome === 'approved' ? 'notice' : 'warning'}
            data-testid="refund-result"
            data-outcome={result.outcome}
          >
            {t(
              result.cash && result.outcome === 'approved'
                ? 'history.refundOutcome.cashApproved'
                : `history.refundOutcome.${result.outcome}`,
            )}
            {result.code && result.outcome !== 'approved' ? ` (${result.code})` : ''}
          </p>
        )}
        <ErrorMessage error={error} testId="refund-error" />
      </div>
      <section className="panel">
        <h1>
          {t(`history.types.${tx.type}`)} · {formatFen(tx.amountFen)}
        </h1>
        <dl>
          <dt>{t('history.voucher')}</dt>
          <dd data-testid="detail-voucher">{tx.traceNo}</dd>
          <dt>{t('history.batch')}</dt>
          <dd data-testid="detail-batch">{tx.batchNo}</dd>
          <dt>{t('history.time')}</dt>
          <dd>{formatDateTime(tx.createdAt)}</dd>
          <dt>{t('history.tender')}</dt>
          <dd>{t(`history.tenders.${tx.tender}`)}</dd>
          <dt>{t('history.operator')}</dt>
          <dd>{tx.operatorNo}</dd>
          <dt>{t('history.state')}</dt>
          <dd data-testid="detail-state">{t(`history.states.${tx.state}`)}</dd>
          {tx.qr && (
            <>
              <dt>{t('qr.wallet')}</dt>
              <dd>{t(`qr.wallets.${tx.qr.wallet}`)}</dd>
              <dt>{t('qr.orderNo')}</dt>
              <dd data-testid="detail-order-no">{tx.qr.orderNo}</dd>
            </>
          )}
          {tx.card && (
            <>
              <dt>{t('card.cardNo')}</dt>
              <dd>{tx.card.panMasked}</dd>
              {tx.card.rrn && (
                <>
                  <dt>{t('history.rrn')}</dt>
                  <dd data-testid="detail-rrn">{tx.card.rrn}</dd>
                </>
              )}
              {tx.card.authCode && (
                <>
                  <dt>{t('history.authCode')}</dt>
                  <dd>{tx.card.authCode}</dd>
                </>
              )}
            </>
          )}
        </dl>
        <h2>{t('history.events')}</h2>
        <ol data-testid="detail-events">
          {detail.events.map((e, i) => (
            <li key={i}>
              {formatDateTime(e.at)} · {t(`history.states.${e.to}`)}
              {e.operatorNo ? ` · ${e.operatorNo}` : ''}
            </li>
          ))}
        </ol>
        {detail.refunds.length > 0 && (
          <>
            <h2>{t('history.refunds')}</h2>
            <ul data-testid="detail-refunds">
              {detail.refunds.map((r) => (
                <li key={r.id} data-testid="refund-row" data-state={r.state}>
                  {r.traceNo} · {formatFen(r.amountFen)} · {t(`history.states.${r.state}`)}
                </li>
              ))}
            </ul>
          </>
        )}
        {['approved', 'voided', 'refunded'].includes(tx.state) && (
          <button
            type="button"
            data-testid="reprint"
            onClick={() =>
              void pos()
                .print.reprint({ txId: tx.id })
                .then((r) => {
                  if (!r.ok) return setError(r.error);
                  printed(r.value.jobs);
                  setReprinted(true);
                })
            }
          >
            {t('history.reprint')}
          </button>
        )}
        {reprinted && (
          <p className="notice" data-testid="reprinted">
            {t('history.reprinted')}
          </p>
        )}
        <PrintStatusList jobIds={slips} />
        <button type="button" onClick={onBack}>
          {t('history.back')}
        </button>
      </section>
      {uncertain.map((refundId) => (
        <ResolveUncertainRefund
          key={refundId}
          txId={refundId}
          prefix={refundId === tx.id ? '' : `refund-${refundId}-`}
          onResolved={async (after) => {
            setResult(null);
            setResolved(after);
            await load();
          }}
        />
      ))}
      {resolved && <ResolvedNotice transaction={resolved} />}
      {detail.refundableFen > 0 && (
        <section className="panel" data-testid="refund-form">
          <h2>{t('history.refundTitle')}</h2>
          <p>
            {t('history.refundable')}{' '}
            <strong data-testid="refundable">{formatFen(detail.refundableFen)}</strong>
          </p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) void refund();
            }}
          >
            <label>
              {t('history.refundAmount')}
              <AmountInput
                testId="refund-amount"
                label={t('history.refundAmount')}
                autoFocus={focus === 'refund'}
                valueFen={amountFen}
                onChange={setAmountFen}
                onEnter={() => !busy && void refund()}
              />
            </label>
            <SupervisorFields
              operatorNo={supervisorNo}
              password={password}
              onOperatorNo={setSupervisorNo}
              onPassword={setPassword}
            />
            <button
              type="submit"
              className="primary"
              data-testid="refund-submit"
              disabled={Boolean(busy)}
            >
              {t('history.refundSubmit')}
            </button>
          </form>
          {busy === 'refund' && tx.tender === 'card' && <CardWait />}
        </section>
      )}
      {detail.voidable && (
        <section className="panel" data-testid="void-form">
          <h2>{t('history.voidTitle')}</h2>
          <p>{t('history.voidHint')}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!busy) void runVoid();
            }}
          >
            <SupervisorFields
              prefix="void-"
              autoFocusPassword={focus === 'void'}
              operatorNo={supervisorNo}
              password={password}
              onOperatorNo={setSupervisorNo}
              onPassword={setPassword}
            />
            <button
              type="submit"
              className="primary"
              data-testid="void-submit"
              disabled={Boolean(busy)}
            >
              {t('history.voidSubmit')}
            </button>
          </form>
          {busy === 'void' && tx.tender === 'card' && <CardWait initialPhase="connecting" />}
        </section>
      )}
      <ReceiptPanel jobIds={slips} />
    </main>
  );
}
