import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../../preload/contract';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

/**
 * 扫码网关: the QR payment gateway's address, timeout and bearer token. The
 * token is write-only: the screen only says whether one is stored.
 */
export function QrGatewayForm() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [baseUrl, setBaseUrl] = useState('');
  const [timeoutSec, setTimeoutSec] = useState('10');
  const [token, setToken] = useState('');
  const [tokenSet, setTokenSet] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState(false);
  const fields = issuesByField(error);

  useEffect(() => {
    void pos()
      .qr.getGateway({})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setBaseUrl(r.value.baseUrl);
        setTimeoutSec(String(r.value.timeoutSec));
        setTokenSet(r.value.tokenSet);
      });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const seconds = /^\d+$/.test(timeoutSec.trim()) ? Number(timeoutSec) : Number.NaN;
    const r = await pos().qr.saveGateway({
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
    <main className="screen" data-testid="screen-qr-gateway">
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h1>{t('tech.qrGateway.title')}</h1>
        <p className="hint">{t('tech.qrGateway.hint')}</p>
        <label>
          {t('tech.qrGateway.baseUrl')}
          <input
            data-testid="qr-base-url"
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.target.value)}
          />
          <FieldError issue={fields.baseUrl} field="baseUrl" />
        </label>
        <label>
          {t('tech.qrGateway.timeoutSec')}
          <input
            data-testid="qr-timeout"
            inputMode="numeric"
            value={timeoutSec}
            onChange={(e) => setTimeoutSec(e.target.value)}
          />
          <FieldError issue={fields.timeoutSec} field="timeoutSec" />
        </label>
        <label>
          {t('tech.qrGateway.token')}
          <input
            data-testid="qr-token"
            type="password"
            autoComplete="off"
            value={token}
            placeholder={tokenSet ? t('tech.qrGateway.tokenKept') : ''}
            onChange={(e) => setToken(e.target.value)}
          />
          <FieldError issue={fields.token} field="token" />
        </label>
        <p data-testid="qr-token-state">
          {tokenSet ? t('tech.qrGateway.tokenStored') : t('tech.qrGateway.tokenMissing')}
        </p>
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('done.toStandby')}
          </button>
          <button type="submit" className="primary" data-testid="qr-gateway-save">
            {t('tech.qrGateway.save')}
          </button>
        </div>
        {saved && (
          <p className="notice" data-testid="qr-gateway-saved">
            {t('tech.qrGateway.saved')}
          </p>
        )}
        <ErrorMessage error={error} testId="qr-gateway-error" />
      </form>
    </main>
  );
}
