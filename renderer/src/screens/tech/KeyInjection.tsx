import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type KeyStatus, type PosError } from '../../../../preload/contract';
import { ErrorMessage, FieldError } from '../../components/Messages';
import { useEscapeToStandby } from '../../components/useEscape';
import { issuesByField } from '../../lib/error-text';
import { pos } from '../../lib/pos';
import { useAppStore } from '../../stores/app-store';

/**
 * 主密钥灌装: the technician types 2 or 3 components; the key is combined and
 * sealed on the main side and only its check value ever comes back. The
 * fields are cleared after a successful injection and never repopulated.
 * When the data key that seals it is missing or wrong (issue 16), the screen
 * says so, lists the pending reversals that will need a person, and the
 * injection makes a new data key only if the technician ticks that box.
 */
export function KeyInjection() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  useEscapeToStandby();
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [components, setComponents] = useState(['', '', '']);
  // Each custodian types their own component: masked, shown only on that field's own toggle.
  const [shown, setShown] = useState([false, false, false]);
  const [error, setError] = useState<PosError | null>(null);
  const [injected, setInjected] = useState(false);
  // A data-key problem is solved only on purpose: the technician ticks "new data key".
  const [replaceKey, setReplaceKey] = useState(false);
  const problem = status?.secretKeyProblem ?? null;
  const fields = issuesByField(error);

  useEffect(() => {
    void pos()
      .keys.status({})
      .then((r) => r.ok && setStatus(r.value));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const given = components.filter((c) => c.trim() !== '');
    const r = await pos().keys.injectTmk({
      components: given,
      ...(problem && replaceKey ? { replaceSecretKey: true as const } : {}),
    });
    if (!r.ok) return setError(r.error);
    setComponents(['', '', '']);
    setShown([false, false, false]);
    setError(null);
    setStatus(r.value);
    setInjected(true);
    setReplaceKey(false);
  };

  return (
    <main className="screen" data-testid="screen-tech-keys">
      <form className="panel" onSubmit={(e) => void submit(e)} autoComplete="off">
        <h1>{t('tech.keysTitle')}</h1>
        <p data-testid="key-status">
          {t(`tech.keySource.${status?.source ?? 'none'}`)}
          {status?.checkValue && (
            <>
              {' · '}
              {t('tech.checkValue')}{' '}
              <strong data-testid="key-check-value">{status.checkValue}</strong>
            </>
          )}
        </p>
        {problem && (
          <section className="notice error" data-testid="secret-key-problem" role="alert">
            <h2>{t(`tech.secretKey.title.${problem.problem}`)}</h2>
            <p>{t('tech.secretKey.explain')}</p>
            {problem.pendingReversals.length > 0 && (
              <>
                <p>{t('tech.secretKey.reversals', { count: problem.pendingReversals.length })}</p>
                <table data-testid="secret-key-reversals">
                  <thead>
                    <tr>
                      <th>{t('tech.secretKey.voucher')}</th>
                      <th>{t('tech.secretKey.card')}</th>
                      <th>{t('tech.secretKey.amount')}</th>
                      <th>{t('tech.secretKey.at')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problem.pendingReversals.map((r) => (
                      <tr key={`${r.batchNo}/${r.traceNo}`}>
                        <td className="mono">
                          {r.batchNo}/{r.traceNo}
                        </td>
                        <td className="mono">{r.panMasked}</td>
                        <td className="money">{formatFen(r.amountFen)}</td>
                        <td>{r.at.slice(0, 16).replace('T', ' ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {problem.sealed.length > 0 && (
              <p>
                {t('tech.secretKey.sealed', {
                  names: problem.sealed.map((n) => t(`tech.secretKey.names.${n}`)).join('、'),
                })}
              </p>
            )}
            <label className="check">
              <input
                type="checkbox"
                data-testid="secret-key-replace"
                checked={replaceKey}
                onChange={(e) => setReplaceKey(e.target.checked)}
              />
              {t('tech.secretKey.replace')}
            </label>
          </section>
        )}
        {components.map((value, i) => (
          <label key={i}>
            {t('tech.component', { n: i + 1 })} {i === 2 && <small>{t('tech.optional')}</small>}
            <input
              data-testid={`key-component-${i + 1}`}
              className="mono"
              type={shown[i] ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(e) =>
                setComponents(components.map((c, j) => (j === i ? e.target.value : c)))
              }
            />
            <button
              type="button"
              data-testid={`key-component-${i + 1}-toggle`}
              aria-pressed={shown[i]}
              onClick={() => setShown(shown.map((s, j) => (j === i ? !s : s)))}
            >
              {t(shown[i] ? 'tech.hideComponent' : 'tech.showComponent')}
            </button>
            <FieldError issue={fields[`components.${i}`]} field={`components.${i}`} />
          </label>
        ))}
        <ErrorMessage error={error} testId="key-error" />
        {injected && (
          <p className="notice" data-testid="key-injected">
            {t('tech.injected')}
          </p>
        )}
        <div className="row">
          <button type="button" onClick={() => go({ name: 'standby' })}>
            {t('common.back')}
          </button>
          <button type="submit" className="primary" data-testid="key-inject">
            {t('tech.inject')}
          </button>
        </div>
        <p className="hint">{t('tech.keysHint')}</p>
      </form>
    </main>
  );
}
