import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostSettings, PosError } from '../../../../preload/contract';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { useEscapeToStandby } from '../../components/useEscape';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

/** 主机参数 and the 0820 echo test: where the acquirer is and how to talk to it. */
export function HostSettingsForm() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  useEscapeToStandby();
  const [form, setForm] = useState<Record<keyof HostSettings, string>>({
    address: '',
    tls: '',
    timeoutSec: '60',
    retries: '3',
    tpdu: '',
    header: '',
    caCertificate: '',
  });
  const [tls, setTls] = useState(false);
  const [error, setError] = useState<PosError | null>(null);
  const [saved, setSaved] = useState(false);
  const [echo, setEcho] = useState<
    { ok: true; ms: number } | { ok: false; error: PosError } | null
  >(null);
  const fields = issuesByField(error);

  useEffect(() => {
    void pos()
      .setup.getHost({})
      .then((r) => {
        if (!r.ok) return;
        const h = r.value;
        setForm({
          address: h.address,
          tls: '',
          timeoutSec: String(h.timeoutSec),
          retries: String(h.retries),
          tpdu: h.tpdu,
          header: h.header,
          caCertificate: h.caCertificate,
        });
        setTls(h.tls);
      });
  }, []);

  const number = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : Number.NaN);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await pos().setup.saveHost({
      address: form.address,
      tls,
      timeoutSec: number(form.timeoutSec),
      retries: number(form.retries),
      tpdu: form.tpdu,
      header: form.header,
      caCertificate: form.caCertificate,
    });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
  };
  const runEcho = async () => {
    setEcho(null);
    const r = await pos().host.echo({});
    setEcho(r.ok ? { ok: true, ms: r.value.roundTripMs } : { ok: false, error: r.error });
  };
  const field = (name: 'address' | 'timeoutSec' | 'retries' | 'tpdu' | 'header', label: string) => (
    <label>
      {label}
      <input
        data-testid={`host-${name}`}
        className={name === 'tpdu' || name === 'header' ? 'mono' : undefined}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
      <FieldError issue={fields[name]} field={name} />
    </label>
  );

  return (
    <main className="screen" data-testid="screen-tech-host">
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h1>{t('tech.hostTitle')}</h1>
        {field('address', t('tech.hostAddress'))}
        <label className="inline">
          <input
            type="checkbox"
            data-testid="host-tls"
            checked={tls}
            onChange={(e) => setTls(e.target.checked)}
          />
          {t('tech.tls')}
        </label>
        {field('timeoutSec', t('tech.timeout'))}
        {field('retries', t('tech.retries'))}
        {field('tpdu', 'TPDU')}
        {field('header', t('tech.header'))}
        <label>
          {t('tech.caCertificate')}
          <textarea
            data-testid="host-ca"
            className="mono"
            rows={6}
            spellCheck={false}
            placeholder={'-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----'}
            value={form.caCertificate}
            onChange={(e) => setForm({ ...form, caCertificate: e.target.value })}
          />
          <FieldError issue={fields.caCertificate} field="caCertificate" />
        </label>
        <ErrorMessage error={error} testId="host-error" />
        {saved && <p className="notice">{t('tech.hostSaved')}</p>}
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('common.back')}
          </button>
          <button type="button" data-testid="host-echo" onClick={() => void runEcho()}>
            {t('tech.echo')}
          </button>
          <button type="submit" className="primary" data-testid="host-save">
            {t('tech.save')}
          </button>
        </div>
        {echo?.ok && (
          <p className="notice" data-testid="echo-result">
            {t('tech.echoOk', { ms: echo.ms })}
          </p>
        )}
        {echo && !echo.ok && <ErrorMessage error={echo.error} testId="echo-error" />}
      </form>
    </main>
  );
}
