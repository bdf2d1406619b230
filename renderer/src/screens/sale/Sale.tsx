import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CardOutcome,
  OrderUndoView,
  OrderView,
  PosError,
  PrintJob,
  QrOutcome,
  Result,
  TransactionView,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { useScanDetector } from '../../lib/useScanDetector';
import { useAppStore } from '../../stores/app-store';
import { useOrderStore } from '../../stores/order-store';
import { usePrintStore } from '../../stores/print-store';
import { Basket } from './Basket';
import { CardResult } from './CardResult';
import { CardTender } from './CardTender';
import { CashDone } from './CashDone';
import { CashTender } from './CashTender';
import { QrResult } from './QrResult';
import { QrTender } from './QrTender';
import { TenderChoice } from './TenderChoice';
import { UndoProgress } from './UndoProgress';
import { AbandonDialog } from './dialogs/AbandonDialog';

type Step =
  | { name: 'basket' }
  | { name: 'choice' }
  | { name: 'cash' }
  | { name: 'card' }
  | { name: 'qr'; scanned?: string }
  | { name: 'qr-result'; outcome: QrOutcome }
  | { name: 'cash-done'; tx: TransactionView; jobIds: number[] }
  | { name: 'card-result'; outcome: CardOutcome }
  | { name: 'undo'; undo: OrderUndoView };

/** A payment's own slips (card) and the order receipt, as one list of jobs. */
function withReceipt<T extends CardOutcome | QrOutcome>(outcome: T, receipt: PrintJob[]): T {
  return outcome.outcome === 'approved'
    ? { ...outcome, printJobs: [...outcome.printJobs, ...receipt] }
    : outcome;
}

/**
 * 消费: the basket (an order kept on the main side), then the tender (cash,
 * card or QR code) for what is due, then the result. A payment that does not
 * go through leaves the order as it was: the next step is the tender again,
 * never an empty basket. Keyboard: the basket's keys, then 1/2/3, Enter, Esc.
 */
export function Sale() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const refreshHostStatus = useAppStore((s) => s.refreshHostStatus);
  const upsert = usePrintStore((s) => s.upsert);
  const order = useOrderStore((s) => s.order);
  const setOrder = useOrderStore((s) => s.set);
  const loadOrder = useOrderStore((s) => s.load);
  const [step, setStep] = useState<Step>({ name: 'basket' });
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  // Split tender: what the next card or QR payment takes (the remainder unless keyed less).
  const [payFen, setPayFen] = useState(0);
  const [abandoning, setAbandoning] = useState(false);
  const [firstScan, setFirstScan] = useState<string | null>(null);
  const firstScanTaken = useCallback(() => setFirstScan(null), []);

  // The basket may be waiting from before (a restart, a sign-off that held nothing); a partly
  // paid order comes back at its tender, and one being abandoned goes on being undone.
  useEffect(() => {
    void (async () => {
      await loadOrder();
      const current = useOrderStore.getState().order;
      // A product scanned on standby joins the basket; a partly paid order takes no more lines.
      const scanned = useOrderStore.getState().takeScan();
      if (current?.state !== 'paying') return setFirstScan(scanned);
      setPayFen(current.dueFen);
      const r = await pos().order.undoState({ orderId: current.id });
      if (r.ok && r.value.undo && !r.value.undo.finished)
        setStep({ name: 'undo', undo: r.value.undo });
      else setStep({ name: 'choice' });
    })();
  }, [loadOrder]);

  const standby = useCallback(() => go({ name: 'standby' }), [go]);
  const dueFen = order?.dueFen ?? 0;
  const orderId = order?.id ?? 0;

  const toChoice = (o: OrderView) => {
    setError(null);
    setPayFen(o.dueFen);
    setStep({ name: 'choice' });
    // The customer sees the amount due on the pole display (a display fault never stops the sale).
    void pos().sale.showDue({ amountFen: o.dueFen });
  };

  /**
   * After a result: the next customer if the order is paid, else back to its
   * tender. A code scanned on the result screen goes with it: the next
   * customer's first product, or a payment code for what is still due.
   */
  const next = useCallback(
    async (scanned?: string) => {
      await loadOrder();
      const current = useOrderStore.getState().order;
      const due = current !== null && current.dueFen > 0 && current.lines.length > 0;
      setError(null);
      setPayFen(current?.dueFen ?? 0);
      if (scanned !== undefined && due) return setStep({ name: 'qr', scanned });
      if (scanned !== undefined) setFirstScan(scanned);
      setStep(due ? { name: 'choice' } : { name: 'basket' });
    },
    [loadOrder],
  );

  const payCash = async (tenderedFen: number) => {
    if (busy || !order) return;
    if (tenderedFen < dueFen) return setError({ code: 'TENDER_TOO_LOW' });
    setBusy(true);
    const r = await pos().order.payCash({ orderId: order.id, tenderedFen });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    r.value.printJobs.forEach(upsert);
    setOrder(r.value.order.state === 'paid' ? null : r.value.order);
    setError(null);
    setStep({
      name: 'cash-done',
      tx: r.value.transaction,
      jobIds: r.value.printJobs.map((j) => j.id),
    });
  };

  const startCard = useCallback(async (): Promise<Result<CardOutcome>> => {
    const r = await pos().order.payCard({ orderId, amountFen: payFen });
    if (!r.ok) return r;
    setOrder(r.value.order.state === 'paid' ? null : r.value.order);
    return { ok: true, value: withReceipt(r.value.outcome, r.value.printJobs) };
  }, [orderId, payFen, setOrder]);

  const payQr = useCallback(
    async (code: string): Promise<Result<QrOutcome>> => {
      const r = await pos().order.payQr({ orderId, code, amountFen: payFen });
      if (!r.ok) return r;
      setOrder(r.value.order.state === 'paid' ? null : r.value.order);
      return { ok: true, value: withReceipt(r.value.outcome, r.value.printJobs) };
    },
    [orderId, payFen, setOrder],
  );

  const onCardOutcome = useCallback(
    (outcome: CardOutcome) => {
      if (outcome.outcome === 'approved') outcome.printJobs.forEach(upsert);
      void refreshHostStatus();
      setStep({ name: 'card-result', outcome });
    },
    [upsert, refreshHostStatus],
  );
  const onCardError = useCallback(
    (e: PosError) => {
      void refreshHostStatus();
      setError(e);
      setStep({ name: 'choice' });
    },
    [refreshHostStatus],
  );
  const onQrOutcome = useCallback(
    (outcome: QrOutcome) => {
      if (outcome.outcome === 'approved') outcome.printJobs.forEach(upsert);
      setStep({ name: 'qr-result', outcome });
    },
    [upsert],
  );
  const onNext = () => void next();

  // A customer's code scanned before QR was chosen (every WeChat code starts
  // with 1, the cash key, so the scan may already have opened cash): the scan
  // wins and goes straight to the QR payment; whatever it typed is dropped —
  // a scanned code never becomes an amount.
  useScanDetector(
    (code) => {
      setError(null);
      setStep({ name: 'qr', scanned: code });
    },
    { enabled: step.name === 'choice' || step.name === 'cash' },
  );

  // The cashier scans the next customer's first product on the result screen.
  const onResult =
    step.name === 'cash-done' || step.name === 'card-result' || step.name === 'qr-result';
  useScanDetector((code) => void next(code), { enabled: onResult });
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;
  useEffect(
    () =>
      pos().events.on('scanner:scanned', (s) => {
        if (onResultRef.current) void next(s.code);
      }),
    [next],
  );

  if (step.name === 'cash-done')
    return <CashDone tx={step.tx} jobIds={step.jobIds} onNext={onNext} onStandby={standby} />;
  if (step.name === 'card-result')
    return <CardResult outcome={step.outcome} onNext={onNext} onStandby={standby} />;
  if (step.name === 'qr-result')
    return <QrResult outcome={step.outcome} onNext={onNext} onStandby={standby} />;
  if (step.name === 'undo')
    return (
      <main className="screen sale" data-testid="screen-sale">
        <h1>{t('split.abandon')}</h1>
        <UndoProgress start={step.undo} onDone={onNext} />
      </main>
    );

  const title =
    step.name === 'cash'
      ? t('sale.tenderTitle')
      : step.name === 'card'
        ? t('card.title')
        : step.name === 'qr'
          ? t('qr.title')
          : t('sale.title');
  return (
    <main className="screen sale" data-testid="screen-sale">
      <h1>{title}</h1>
      {step.name === 'basket' && (
        <Basket
          onPay={toChoice}
          onPaymentCode={(code) => setStep({ name: 'qr', scanned: code })}
          onStandby={standby}
          firstScan={firstScan}
          onFirstScanTaken={firstScanTaken}
        />
      )}
      {step.name === 'choice' && order && (
        <TenderChoice
          order={order}
          payFen={payFen}
          onPayFen={setPayFen}
          onChoose={(kind) => {
            setError(null);
            setStep(
              kind === 'qr'
                ? { name: 'qr' }
                : kind === 'card'
                  ? { name: 'card' }
                  : { name: 'cash' },
            );
          }}
          onBack={() => setStep({ name: 'basket' })}
          onAbandon={() => setAbandoning(true)}
        />
      )}
      {abandoning && order && (
        <AbandonDialog
          order={order}
          onClose={() => setAbandoning(false)}
          onStarted={(undo) => {
            setAbandoning(false);
            setStep({ name: 'undo', undo });
          }}
        />
      )}
      {step.name === 'cash' && (
        <CashTender
          amountFen={dueFen}
          busy={busy}
          onConfirm={(f) => void payCash(f)}
          onBack={() => setStep({ name: 'choice' })}
        />
      )}
      {step.name === 'card' && (
        <CardTender
          amountFen={payFen}
          start={startCard}
          onOutcome={onCardOutcome}
          onError={onCardError}
        />
      )}
      {step.name === 'qr' && (
        <QrTender
          amountFen={payFen}
          pay={payQr}
          scanned={step.scanned}
          onOutcome={onQrOutcome}
          onBack={() => setStep({ name: 'choice' })}
        />
      )}
      <ErrorMessage error={error} testId="sale-error" />
    </main>
  );
}
