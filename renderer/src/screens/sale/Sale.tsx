import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CardOutcome,
  PosError,
  QrOutcome,
  SaleItemInput,
  TransactionView,
} from '../../../../preload/contract';
import { ErrorMessage } from '../../components/Messages';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';
import { useScanDetector } from '../../lib/useScanDetector';
import { usePrintStore } from '../../stores/print-store';
import { AmountStep } from './AmountStep';
import { CardResult } from './CardResult';
import { CardTender } from './CardTender';
import { CashDone } from './CashDone';
import { CashTender } from './CashTender';
import { QrResult } from './QrResult';
import { QrTender } from './QrTender';
import { TenderChoice } from './TenderChoice';

type Step =
  | { name: 'amount' }
  | { name: 'choice' }
  | { name: 'cash' }
  | { name: 'card' }
  | { name: 'qr'; scanned?: string }
  | { name: 'qr-result'; outcome: QrOutcome }
  | { name: 'cash-done'; tx: TransactionView; jobIds: number[] }
  | { name: 'card-result'; outcome: CardOutcome };

/** 消费: amount → tender (cash, card or QR code) → result. Keyboard: digits, Enter, Esc. */
export function Sale() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const refreshHostStatus = useAppStore((s) => s.refreshHostStatus);
  const upsert = usePrintStore((s) => s.upsert);
  const [step, setStep] = useState<Step>({ name: 'amount' });
  const [items, setItems] = useState<SaleItemInput[]>([]);
  const [keyedFen, setKeyedFen] = useState(0);
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const amountFen =
    items.length > 0 ? items.reduce((s, i) => s + i.quantity * i.unitPriceFen, 0) : keyedFen;

  const reset = useCallback(() => {
    setItems([]);
    setKeyedFen(0);
    setError(null);
    setStep({ name: 'amount' });
  }, []);
  const standby = useCallback(() => go({ name: 'standby' }), [go]);

  const toChoice = () => {
    if (amountFen < 1)
      return setError({
        code: 'INVALID_INPUT',
        fields: [{ field: 'amountFen', rule: 'amountRange' }],
      });
    setError(null);
    setStep({ name: 'choice' });
    // The customer sees the amount due on the pole display (a display fault never stops the sale).
    void pos().sale.showDue({ amountFen });
  };

  const payCash = async (tenderedFen: number) => {
    if (busy) return;
    if (tenderedFen < amountFen) return setError({ code: 'TENDER_TOO_LOW' });
    setBusy(true);
    const r = await pos().sale.cash(
      items.length > 0 ? { items, tenderedFen } : { amountFen: keyedFen, items: [], tenderedFen },
    );
    setBusy(false);
    if (!r.ok) return setError(r.error);
    r.value.printJobs.forEach(upsert);
    setError(null);
    setStep({
      name: 'cash-done',
      tx: r.value.transaction,
      jobIds: r.value.printJobs.map((j) => j.id),
    });
  };

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

  // A customer's code scanned before QR was chosen (every WeChat code starts
  // with 1, the cash key, so the scan may already have opened cash): the scan
  // wins and goes straight to the QR payment; whatever it typed is dropped.
  useScanDetector(
    (code) => {
      setError(null);
      setStep({ name: 'qr', scanned: code });
    },
    { enabled: step.name === 'choice' || step.name === 'cash' },
  );

  const onQrOutcome = useCallback(
    (outcome: QrOutcome) => {
      if (outcome.outcome === 'approved') outcome.printJobs.forEach(upsert);
      setStep({ name: 'qr-result', outcome });
    },
    [upsert],
  );

  if (step.name === 'cash-done')
    return <CashDone tx={step.tx} jobIds={step.jobIds} onNext={reset} onStandby={standby} />;
  if (step.name === 'card-result')
    return <CardResult outcome={step.outcome} onNext={reset} onStandby={standby} />;
  if (step.name === 'qr-result')
    return <QrResult outcome={step.outcome} onNext={reset} onStandby={standby} />;

  return (
    <main className="screen sale" data-testid="screen-sale">
      <h1>
        {step.name === 'cash'
          ? t('sale.tenderTitle')
          : step.name === 'card'
            ? t('card.title')
            : step.name === 'qr'
              ? t('qr.title')
              : t('sale.title')}
      </h1>
      {step.name === 'amount' && (
        <AmountStep
          items={items}
          onItems={setItems}
          keyedFen={keyedFen}
          onKeyed={setKeyedFen}
          amountFen={amountFen}
          onNext={toChoice}
          onBack={standby}
        />
      )}
      {step.name === 'choice' && (
        <TenderChoice
          amountFen={amountFen}
          onChoose={(kind) => {
            setError(null);
            setStep(
              kind === 'cash'
                ? { name: 'cash' }
                : kind === 'card'
                  ? { name: 'card' }
                  : { name: 'qr' },
            );
          }}
          onBack={() => setStep({ name: 'amount' })}
        />
      )}
      {step.name === 'cash' && (
        <CashTender
          amountFen={amountFen}
          busy={busy}
          onConfirm={(f) => void payCash(f)}
          onBack={() => setStep({ name: 'choice' })}
        />
      )}
      {step.name === 'card' && (
        <CardTender
          amountFen={amountFen}
          items={items}
          onOutcome={onCardOutcome}
          onError={onCardError}
        />
      )}
      {step.name === 'qr' && (
        <QrTender
          amountFen={amountFen}
          items={items}
          scanned={step.scanned}
          onOutcome={onQrOutcome}
          onBack={() => setStep({ name: 'choice' })}
        />
      )}
      <ErrorMessage error={error} testId="sale-error" />
    </main>
  );
}
