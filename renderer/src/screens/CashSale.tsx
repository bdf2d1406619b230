import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFen,
  type PosError,
  type SaleItemInput,
  type TransactionView,
} from '../../../preload/contract';
import { AmountInput } from '../components/AmountInput';
import { applyKeypadKey, Keypad } from '../components/Keypad';
import { ErrorMessage } from '../components/Messages';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';
import { usePrintStore } from '../stores/print-store';
import { SaleDone } from './SaleDone';
import { SaleItems } from './SaleItems';

type Step = 'amount' | 'tender' | 'done';

/** 现金消费: amount (keypad or item lines) → cash tendered → change and receipt. */
export function CashSale() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const upsert = usePrintStore((s) => s.upsert);
  const [step, setStep] = useState<Step>('amount');
  const [items, setItems] = useState<SaleItemInput[]>([]);
  const [keyedFen, setKeyedFen] = useState(0);
  const [tenderedFen, setTenderedFen] = useState(0);
  const [error, setError] = useState<PosError | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tx: TransactionView; jobIds: number[] } | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const tenderRef = useRef<HTMLInputElement>(null);

  const itemsTotal = items.reduce((sum, i) => sum + i.quantity * i.unitPriceFen, 0);
  const amountFen = items.length > 0 ? itemsTotal : keyedFen;
  const changeFen = tenderedFen - amountFen;

  useEffect(() => {
    if (step === 'amount') amountRef.current?.focus();
    if (step === 'tender') tenderRef.current?.focus();
  }, [step]);

  const reset = () => {
    setItems([]);
    setKeyedFen(0);
    setTenderedFen(0);
    setError(null);
    setResult(null);
    setStep('amount');
  };

  const toTender = () => {
    if (amountFen < 1) {
      setError({ code: 'INVALID_INPUT', fields: [{ field: 'amountFen', rule: 'amountRange' }] });
      return;
    }
    setError(null);
    setStep('tender');
  };

  const confirm = async () => {
    if (busy) return;
    if (tenderedFen < amountFen) {
      setError({ code: 'TENDER_TOO_LOW' });
      return;
    }
    setBusy(true);
    const r = await pos().sale.cash(
      items.length > 0 ? { items, tenderedFen } : { amountFen: keyedFen, items: [], tenderedFen },
    );
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    r.value.printJobs.forEach(upsert);
    setResult({ tx: r.value.transaction, jobIds: r.value.printJobs.map((j) => j.id) });
    setError(null);
    setStep('done');
  };

  if (step === 'done' && result) {
    return (
      <SaleDone
        tx={result.tx}
        jobIds={result.jobIds}
        onNext={reset}
        onStandby={() => go({ name: 'standby' })}
      />
    );
  }

  return (
    <main className="screen sale" data-testid="screen-cash-sale">
      <h1>{step === 'amount' ? t('sale.title') : t('sale.tenderTitle')}</h1>
      {step === 'amount' && (
        <div className="sale-layout">
          <SaleItems items={items} onChange={setItems} />
          <section className="panel amount-panel">
            <label>
              {items.length > 0 ? t('sale.itemsTotal') : t('sale.amount')}
              <AmountInput
                ref={amountRef}
                testId="sale-amount"
                label={t('sale.amount')}
                valueFen={amountFen}
                readOnly={items.length > 0}
                onChange={setKeyedFen}
                onEnter={toTender}
                onEscape={() => go({ name: 'standby' })}
                autoFocus
              />
            </label>
            {items.length === 0 && (
              <Keypad
                enterLabel={t('sale.next')}
                onKey={(k) =>
                  k === 'enter' ? toTender() : setKeyedFen(applyKeypadKey(keyedFen, k))
                }
              />
            )}
            <div className="row">
              <button type="button" onClick={() => go({ name: 'standby' })}>
                {t('sale.back')}
              </button>
              <button type="button" className="primary" data-testid="sale-next" onClick={toTender}>
                {t('sale.next')}
              </button>
            </div>
            <p className="hint">{t('sale.amountHint')}</p>
          </section>
        </div>
      )}
      {step === 'tender' && (
        <section className="panel tender-panel">
          <dl className="big">
            <dt>{t('sale.due')}</dt>
            <dd data-testid="tender-due">{formatFen(amountFen)}</dd>
          </dl>
          <label>
            {t('sale.tendered')}
            <AmountInput
              ref={tenderRef}
              testId="tender-amount"
              label={t('sale.tendered')}
              valueFen={tenderedFen}
              onChange={setTenderedFen}
              onEnter={() => void confirm()}
              onEscape={() => {
                setError(null);
                setStep('amount');
              }}
            />
          </label>
          <div className="row quick">
            <button
              type="button"
              data-testid="tender-exact"
              onClick={() => setTenderedFen(amountFen)}
            >
              {t('sale.exact')}
            </button>
            {[5000, 10000].map((fen) => (
              <button key={fen} type="button" onClick={() => setTenderedFen(fen)}>
                {formatFen(fen)}
              </button>
            ))}
          </div>
          <Keypad
            enterLabel={t('sale.confirm')}
            onKey={(k) =>
              k === 'enter' ? void confirm() : setTenderedFen(applyKeypadKey(tenderedFen, k))
            }
          />
          <p className="change-preview" data-testid="change-preview">
            {changeFen >= 0
              ? `${t('sale.change')} ${formatFen(changeFen)}`
              : t('sale.short', { amount: formatFen(-changeFen) })}
          </p>
          <div className="row">
            <button type="button" onClick={() => setStep('amount')}>
              {t('sale.back')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="tender-confirm"
              disabled={busy}
              onClick={() => void confirm()}
            >
              {busy ? t('sale.processing') : t('sale.confirm')}
            </button>
          </div>
          <p className="hint">{t('sale.tenderHint')}</p>
        </section>
      )}
      <ErrorMessage error={error} testId="sale-error" />
    </main>
  );
}
