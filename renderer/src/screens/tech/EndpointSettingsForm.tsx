import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../../preload/contract';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { useEscapeToStandby } from '../../components/useEscape';
import { issuesByField } from '../../lib/error-text';
import { useAppStore } from '../../stores/app-store';

export interface EndpointView {
  baseUrl: string;
  timeoutSec: number;
  tokenSet: boolean;
}
type Saved = { ok: true; value: EndpointView } | { ok: false; error: PosError };

/**
 * A server the terminal calls with a bearer token (the QR gateway, the back
 * office): address, timeout and token. The token is write-only: the screen
 * only says whether one is stored.
 */
export function EndpointSettingsForm({
  id,
  text,
  load,
  save,
}: {
  /** Test ids start with it: `${id}-base-url`, `${id}-save` … */
  id: string;
  /** i18n section with title, hint, baseUrl, timeoutSec, token, tokenKept, tokenStored, tokenMissing, save, saved. */
  text: string;
  load(): Promise<Saved>;
  save(input: { baseUrl: string; timeoutSec: number; token?: string }): Promise<Saved>;
}) {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  useEscapeToStandby();
  const [baseUrl, setBaseUrl] = useState('');
  const [timeoutSec, setTimeoutSec] = useState('10');
  const [token, setToken] = useState('');
  const [tokenSet, setTokenSet] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState(false);
  const fields = issuesByField(error);

  useEffect(() => {
    void load().then((r) => {
      if (!r.ok) return setError(r.error);
      setBaseUrl(r.value.baseUrl);
      setTimeoutSec(String(r.value.timeoutSec));
      setTokenSet(r.value.tokenSet);
    });
  }, [load]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const seconds = /^\d+$/.test(timeoutSec.trim()) ? Number(timeoutSec) : Number.NaN;
    const r = await save({
      baseUrl,
      timeoutSec: seconds,
      ...(token.trim() ? { token } : {}),
    });
    setToken('');
    if (!r.ok) return setError(r.error);
    setError(null);
    setTokenSet(r.value.tokenSet);
    setSaved(true);
  };

  return (
    <main className="screen" data-testid={`screen-${id}`}>
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h1>{t(`${text}.title`)}</h1>
        <p className="hint">{t(`${text}.hint`)}</p>
        <label>
          {t(`${text}.baseUrl`)}
          <input
            data-testid={`${id}-base-url`}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
          <FieldError issue={fields.baseUrl} field="baseUrl" />
        </label>
        <label>
          {t(`${text}.timeoutSec`)}
          <input
            data-testid={`${id}-timeout`}
            inputMode="numeric"
            value={timeoutSec}
            onChange={(e) => setTimeoutSec(e.target.value)}
          />
          <FieldError issue={fields.timeoutSec} field="timeoutSec" />
        </label>
        <label>
          {t(`${text}.token`)}
          <input
            data-testid={`${id}-token`}
            type="password"
            autoComplete="off"
            value={token}
            placeholder={tokenSet ? t(`${text}.tokenKept`) : ''}
            onChange={(e) => setToken(e.target.value)}
          />
          <FieldError issue={fields.token} field="token" />
        </label>
        <p data-testid={`${id}-token-state`}>
          {tokenSet ? t(`${text}.tokenStored`) : t(`${text}.tokenMissing`)}
        </p>
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('done.toStandby')}
          </button>
          <button type="submit" className="primary" data-testid={`${id}-save`}>
            {t(`${text}.save`)}
          </button>
        </div>
        {saved && (
          <p className="notice" data-testid={`${id}-saved`}>
            {t(`${text}.saved`)}
          </p>
        )}
        <ErrorMessage error={error} testId={`${id}-error`} />
      </form>
    </main>
  );
}
