import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, type PosError } from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';
import { pos } from '../lib/pos';
import { responseCodeText } from '../lib/response-code';
import { useAppStore } from '../stores/app-store';
import { useKeys } from './sale/useKeys';

type Result = {
  responseCode: string;
  balanceFen: number | null;
  balanceText: string;
  panMasked: string;
};

/** 余额查询: card and PIN on the PIN pad; the balance is shown, nothing is stored. */
export function Balance() {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void pos()
      .card.balance({})
      .then((r) => (r.ok ? setResult(r.value) : setError(r.error)));
  }, []);
  const done = result !== null || error !== null;
  useKeys({
    Escape: () => (done ? go({ name: 'standby' }) : void pos().card.cancel({})),
    Enter: () => done && go({ name: 'standby' }),
  });

  const words =
    result && result.responseCode !== '00' ? responseCodeText(t, result.responseCode) : null;
  return (
    <main className="screen" data-testid="screen-balance">
      <section className="panel">
        <h1>{t('balance.title')}</h1>
        {!done && <p data-testid="balance-waiting">{t('balance.waiting')}</p>}
        {result && result.responseCode === '00' && (
          <dl className="big">
            <dt>
              {t('balance.balance')} · {result.panMasked}
            </dt>
            <dd data-testid="balance-amount">
              {result.balanceFen === null ? result.balanceText : formatFen(result.balanceFen)}
            </dd>
          </dl>
        )}
        {words && (
          <p
            className="error-message"
            data-testid="balance-declined"
            data-code={result?.responseCode}
          >
            {result?.responseCode} · {words.message} {words.next}
          </p>
        )}
        <ErrorMessage error={error} testId="balance-error" />
        <button
          type="button"
          onClick={() => (done ? go({ name: 'standby' }) : void pos().card.cancel({}))}
        >
          {done ? t('common.back') : t('common.cancel')}
        </button>
      </section>
    </main>
  );
}
