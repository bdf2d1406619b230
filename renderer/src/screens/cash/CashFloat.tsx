import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type PosError } from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { ErrorMessage } from '../../components/Messages';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

/**
 * 备用金 on the standby, for a shop that doesn't require floats (parameter
 * cash.floatRequired off; otherwise FloatScreen asks before the standby):
 * while the shift has no float the panel offers it (F jumps to the amount,
 * 0.00 if none, Enter records it, audited, and the drawer opens). It doesn't
 * take the focus from the menu, so Enter on the standby still starts a sale; a
 * shift without a float counts it as 0 at the blind count.
 */
export function FloatPanel() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [floatFen, setFloatFen] = useState<number | null | undefined>(undefined);
  const [fen, setFen] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);

  useEffect(() => {
    void pos()
      .cash.status({})
      .then((r) => r.ok && setFloatFen(r.value.count ? 0 : r.value.floatFen));
  }, []);
  useEffect(() => {
    if (floatFen !== null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'f' || e.key === 'F') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [floatFen]);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const r = await pos().cash.setFloat({ amountFen: fen });
    setBusy(false);
    if (r.ok) return setFloatFen(r.value.floatFen);
    // Already set (a repeat after a lost answer): the shift has its float.
    if (r.error.code === 'CASH_FLOAT_SET') return setFloatFen(fen);
    setError(r.error);
  };

  if (floatFen === undefined) return null;
  if (floatFen !== null)
    return (
      <p className="notice" data-testid="float-set">
        {t('cash.floatSet', { amount: formatFen(floatFen) })}
      </p>
    );
  return (
    <section className="panel float-panel" data-testid="float-panel">
      <h2>{t('cash.floatTitle')}</h2>
      <p>{t('cash.floatHint')}</p>
      <label>
        {t('cash.floatLabel')}
        <AmountInput
          ref={input}
          label={t('cash.floatLabel')}
          valueFen={fen}
          onChange={setFen}
          onEnter={() => void confirm()}
          onEscape={() => input.current?.blur()}
          testId="float-amount"
        />
      </label>
      <ErrorMessage error={error} />
      <button
        type="button"
        className="primary"
        data-testid="float-confirm"
        disabled={busy}
        onClick={() => void confirm()}
      >
        {t('cash.floatConfirm')}
      </button>
    </section>
  );
}

/**
 * 开班 · 备用金: the screen a cashier's sign-in opens while the shift has no
 * float (PRODUCT.md §13, issue 15). The amount has the cursor; 0.00 is a float
 * (nothing in the drawer) but it must be confirmed with Enter: no payment is
 * taken before it (the main side refuses one with FLOAT_REQUIRED). Esc leaves
 * only where the shop doesn't keep floats (parameter cash.floatRequired off).
 */
export function FloatScreen() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [required, setRequired] = useState(true);
  const [fen, setFen] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [mustEnter, setMustEnter] = useState(false);

  useEffect(() => {
    void pos()
      .cash.status({})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setRequired(r.value.floatRequired);
        // Already entered (a repeat after a lost answer, another window): nothing to ask.
        if (r.value.floatFen !== null || r.value.count) go({ name: 'standby' });
      });
  }, [go]);

  const escape = useCallback(() => {
    if (!required) go({ name: 'standby' });
    else setMustEnter(true);
  }, [go, required]);
  useEscape(escape);

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    const r = await pos().cash.setFloat({ amountFen: fen });
    setBusy(false);
    if (r.ok || r.error.code === 'CASH_FLOAT_SET') return go({ name: 'standby' });
    setError(r.error);
  };

  return (
    <main className="screen cash-float" data-testid="screen-cash-float">
      <section className="panel float-panel">
        <h1>{t('cash.floatOpenTitle')}</h1>
        <p>{t('cash.floatOpenHint')}</p>
        <label>
          {t('cash.floatLabel')}
          <AmountInput
            label={t('cash.floatLabel')}
            valueFen={fen}
            onChange={setFen}
            onEnter={() => void confirm()}
            testId="float-amount"
            autoFocus
          />
        </label>
        {mustEnter && (
          <p className="notice" role="status" data-testid="float-must-enter">
            {t('cash.floatMustEnter')}
          </p>
        )}
        <ErrorMessage error={error} />
        <div className="row">
          {!required && (
            <button type="button" onClick={() => go({ name: 'standby' })}>
              {t('cash.floatSkip')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            data-testid="float-confirm"
            disabled={busy}
            onClick={() => void confirm()}
          >
            {t('cash.floatConfirm')}
          </button>
        </div>
      </section>
    </main>
  );
}
