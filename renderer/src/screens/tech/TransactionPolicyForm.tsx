import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatFenPlain,
  parseYuanToFen,
  type PosError,
  type TransactionPolicy,
} from '../../../../preload/contract';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { useEscapeToStandby } from '../../components/useEscape';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

const SWITCHES = ['void', 'refund', 'preAuth'] as const;

/**
 * 交易参数 (99): which follow-up transactions the terminal allows, the largest
 * single refund, and how many days a password lasts. Every change is audited
 * old → new on the main side.
 */
export function TransactionPolicyForm() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  useEscapeToStandby();
  const [policy, setPolicy] = useState<TransactionPolicy | null>(null);
  const [maxRefund, setMaxRefund] = useState('');
  const [expiryDays, setExpiryDays] = useState('');
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState(false);
  const fields = issuesByField(error);

  const show = (p: TransactionPolicy) => {
    setPolicy(p);
    setMaxRefund(formatFenPlain(p.maxRefundFen));
    setExpiryDays(String(p.passwordExpiryDays));
  };
  useEffect(() => {
    void pos()
      .setup.getPolicy({})
      .then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!policy) return;
    setSaved(false);
    const days = /^\d+$/.test(expiryDays.trim()) ? Number(expiryDays) : Number.NaN;
    const r = await pos().setup.savePolicy({
      ...policy,
      // An unparseable amount goes as NaN so the main side names the field.
      maxRefundFen: parseYuanToFen(maxRefund) ?? Number.NaN,
      passwordExpiryDays: days,
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    show(r.value);
    setSaved(true);
  };

  return (
    <main className="screen" data-testid="screen-tech-policy">
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h1>{t('tech.policy.title')}</h1>
        <p className="hint">{t('tech.policy.hint')}</p>
        {policy &&
          SWITCHES.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                data-testid={`policy-${name}`}
                checked={policy[name]}
                onChange={(e) => setPolicy({ ...policy, [name]: e.target.checked })}
              />
              {t(`tech.policy.${name}`)}
            </label>
          ))}
        <label>
          {t('tech.policy.maxRefund')}
          <input
            data-testid="policy-max-refund"
            inputMode="decimal"
            value={maxRefund}
            onChange={(e) => setMaxRefund(e.target.value)}
          />
          <FieldError issue={fields.maxRefundFen} field="maxRefundFen" />
        </label>
        <label>
          {t('tech.policy.expiryDays')}
          <input
            data-testid="policy-expiry-days"
            inputMode="numeric"
            value={expiryDays}
            onChange={(e) => setExpiryDays(e.target.value)}
          />
          <FieldError issue={fields.passwordExpiryDays} field="passwordExpiryDays" />
        </label>
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('done.toStandby')}
          </button>
          <button type="submit" className="primary" data-testid="policy-save" disabled={!policy}>
            {t('tech.policy.save')}
          </button>
        </div>
        {saved && (
          <p className="notice" data-testid="policy-saved">
            {t('tech.policy.saved')}
          </p>
        )}
        <ErrorMessage error={error} testId="policy-error" />
      </form>
    </main>
  );
}
