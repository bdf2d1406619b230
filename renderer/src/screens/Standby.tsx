import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';
import { formatDate, formatTime, useNow } from '../components/useNow';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';
import { usePrintStore } from '../stores/print-store';

interface MenuItem {
  key: string;
  label: string;
  testId: string;
  run(): void;
}

/**
 * 待机: date, time, terminal and operator for the cashier to confirm, and the
 * menu. Number keys pick an item; Enter starts a cash sale.
 */
export function Standby() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const session = useAppStore((s) => s.session);
  const go = useAppStore((s) => s.go);
  const signOff = useAppStore((s) => s.signOff);
  const upsert = usePrintStore((s) => s.upsert);
  const now = useNow(info?.now);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<PosError | null>(null);

  const reprintLast = async () => {
    const r = await pos().print.reprint({});
    if (!r.ok) return setError(r.error);
    r.value.jobs.forEach(upsert);
    setError(null);
    setMessage(t('standby.reprintQueued'));
  };

  const items: MenuItem[] = [];
  if (session?.role === 'cashier') {
    items.push({
      key: '1',
      label: t('standby.cashSale'),
      testId: 'menu-cash-sale',
      run: () => go({ name: 'cash-sale' }),
    });
  }
  items.push({
    key: '2',
    label: t('standby.printQueue'),
    testId: 'menu-print-queue',
    run: () => go({ name: 'print-queue' }),
  });
  items.push({
    key: '3',
    label: t('standby.reprintLast'),
    testId: 'menu-reprint-last',
    run: () => void reprintLast(),
  });
  if (session?.role === 'admin') {
    items.push({
      key: '8',
      label: t('standby.setup'),
      testId: 'menu-setup',
      run: () => go({ name: 'setup' }),
    });
  }
  items.push({
    key: '9',
    label: t('standby.signOff'),
    testId: 'menu-sign-off',
    run: () => void signOff(),
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      const item =
        e.key === 'Enter' ? items.find((i) => i.key === '1') : items.find((i) => i.key === e.key);
      if (item) {
        e.preventDefault();
        item.run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <main className="screen standby" data-testid="screen-standby">
      <section className="standby-facts panel">
        <h1>{t('standby.title')}</h1>
        <p className="ready">{t('standby.ready')}</p>
        <dl>
          <dt>{t('standby.date')}</dt>
          <dd data-testid="standby-date">{formatDate(now)}</dd>
          <dt>{t('standby.time')}</dt>
          <dd data-testid="standby-time">{formatTime(now)}</dd>
          <dt>{t('header.terminal')}</dt>
          <dd data-testid="standby-terminal">{info?.terminal?.terminalNumber}</dd>
          <dt>{t('header.merchant')}</dt>
          <dd data-testid="standby-merchant">{info?.terminal?.merchantName}</dd>
          <dt>{t('header.operator')}</dt>
          <dd data-testid="standby-operator">
            {session?.operatorNo} {session?.name}
          </dd>
        </dl>
      </section>
      <nav className="menu panel" aria-label={t('standby.title')}>
        {items.map((item) => (
          <button key={item.key} type="button" data-testid={item.testId} onClick={item.run}>
            <kbd>{item.key}</kbd> {item.label}
          </button>
        ))}
        <p className="hint">{t('standby.keysHint')}</p>
        {message && (
          <p className="notice" data-testid="standby-message">
            {message}
          </p>
        )}
        <ErrorMessage error={error} />
      </nav>
    </main>
  );
}
