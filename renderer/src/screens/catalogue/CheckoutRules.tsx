import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckoutRules as Rules, PosError } from '../../../../preload/contract';
import { AmountInput } from '../../components/AmountInput';
import { ErrorMessage } from '../../components/Messages';
import { useEscape } from '../../components/useEscape';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

const ROUNDING: Rules['rounding'][] = ['none', 'jiao', 'yuan'];
const LINE_DELETE: Rules['lineDelete']['mode'][] = ['never', 'after', 'always'];

/** "7.5" → 750 basis points; null when it is not a share of 0–100 % with at most 2 decimals. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}
const bpToPercent = (bp: number) => String(bp / 100);

/**
 * 收银规则 (00 and 99): rounding-off (抹零), what a cashier may discount alone
 * (a share of the order and an amount — both must hold), and when deleting a
 * line needs the supervisor, and whether a cashier's shift needs its opening
 * float before a payment. Saved as terminal parameters, audited old → new.
 * Enter saves, Esc goes back to the catalogue.
 */
export function CheckoutRules() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [rules, setRules] = useState<Rules | null>(null);
  const [percent, setPercent] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [percentBad, setPercentBad] = useState(false);
  // 钱箱 (issue 15): whether a shift needs its float before a payment; saved with the rest.
  const [floatRequired, setFloatRequired] = useState<boolean | null>(null);
  const [floatSaved, setFloatSaved] = useState<boolean | null>(null);
  useEscape(useCallback(() => go({ name: 'catalogue' }), [go]));

  useEffect(() => {
    void pos()
      .order.getRules({})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setRules(r.value);
        setPercent(bpToPercent(r.value.discountLimit.percentBp));
      });
    void pos()
      .cash.rules({})
      .then((r) => {
        if (!r.ok) return;
        setFloatRequired(r.value.floatRequired);
        setFloatSaved(r.value.floatRequired);
      });
  }, []);

  const edit = (change: (r: Rules) => Rules) => {
    setSaved(false);
    setRules((r) => (r ? change(r) : r));
  };
  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!rules) return;
    const percentBp = percentToBp(percent);
    setPercentBad(percentBp === null);
    if (percentBp === null) return;
    // The float rule first, and only when changed: its own audited parameter.
    if (floatRequired !== null && floatRequired !== floatSaved) {
      const c = await pos().cash.saveRules({ floatRequired });
      if (!c.ok) {
        setSaved(false);
        return setError(c.error);
      }
      setFloatSaved(c.value.floatRequired);
    }
    const r = await pos().order.saveRules({
      ...rules,
      discountLimit: { ...rules.discountLimit, percentBp },
    });
    if (!r.ok) {
      setSaved(false);
      return setError(r.error);
    }
    setError(null);
    setRules(r.value);
    setPercent(bpToPercent(r.value.discountLimit.percentBp));
    setSaved(true);
  };

  return (
    <main className="screen checkout-rules" data-testid="screen-checkout-rules">
      {rules && (
        <form className="panel form-grid" onSubmit={(e) => void save(e)}>
          <h1>{t('checkoutRules.title')}</h1>
          <p className="hint">{t('checkoutRules.hint')}</p>
          <fieldset>
            <legend>{t('checkoutRules.rounding')}</legend>
            {ROUNDING.map((mode) => (
              <label key={mode}>
                <input
                  type="radio"
                  name="rounding"
                  data-testid={`rules-rounding-${mode}`}
                  checked={rules.rounding === mode}
                  onChange={() => edit((r) => ({ ...r, rounding: mode }))}
                />
                {t(`checkoutRules.roundingMode.${mode}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('checkoutRules.discountLimit')}</legend>
            <label>
              {t('checkoutRules.percent')}
              <input
                inputMode="decimal"
                data-testid="rules-percent"
                value={percent}
                onChange={(e) => {
                  setSaved(false);
                  setPercent(e.target.value);
                }}
              />
            </label>
            {percentBad && (
              <span className="field-error" data-testid="rules-percent-error">
                {t('rules.discountLimitPercent')}
              </span>
            )}
            <AmountInput
              label={t('checkoutRules.amount')}
              testId="rules-amount"
              valueFen={rules.discountLimit.amountFen}
              onChange={(amountFen) =>
                edit((r) => ({ ...r, discountLimit: { ...r.discountLimit, amountFen } }))
              }
              onEnter={() => void save()}
            />
          </fieldset>
          <fieldset>
            <legend>{t('checkoutRules.lineDelete')}</legend>
            {LINE_DELETE.map((mode) => (
              <label key={mode}>
                <input
                  type="radio"
                  name="line-delete"
                  data-testid={`rules-delete-${mode}`}
                  checked={rules.lineDelete.mode === mode}
                  onChange={() => edit((r) => ({ ...r, lineDelete: { ...r.lineDelete, mode } }))}
                />
                {t(`checkoutRules.deleteMode.${mode}`, { seconds: rules.lineDelete.seconds })}
              </label>
            ))}
            {rules.lineDelete.mode === 'after' && (
              <label>
                {t('checkoutRules.seconds')}
                <input
                  inputMode="numeric"
                  data-testid="rules-seconds"
                  value={String(rules.lineDelete.seconds)}
                  onChange={(e) => {
                    const seconds = Number(e.target.value.replace(/\D/g, '').slice(0, 5));
                    edit((r) => ({ ...r, lineDelete: { ...r.lineDelete, seconds } }));
                  }}
                />
              </label>
            )}
          </fieldset>
          {floatRequired !== null && (
            <fieldset>
              <legend>{t('cash.floatTitle')}</legend>
              <label>
                <input
                  type="checkbox"
                  data-testid="rules-float-required"
                  checked={floatRequired}
                  onChange={(e) => {
                    setSaved(false);
                    setFloatRequired(e.target.checked);
                  }}
                />
                {t('cash.floatRequiredRule')}
              </label>
            </fieldset>
          )}
          <div className="actions">
            <button type="button" onClick={() => go({ name: 'catalogue' })}>
              {t('catalogue.back')}
            </button>
            <button type="submit" className="primary" data-testid="rules-save">
              {t('checkoutRules.save')}
            </button>
          </div>
          {saved && (
            <p className="notice" data-testid="rules-saved">
              {t('checkoutRules.saved')}
            </p>
          )}
        </form>
      )}
      <ErrorMessage error={error} testId="rules-error" />
    </main>
  );
}
