import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError } from '../../../preload/contract';
import { ErrorMessage } from '../components/Messages';
import { ReceiptPanel } from '../components/ReceiptView';
import { formatDate, formatTime, useNow } from '../components/useNow';
import { createMenuOrScan } from '../lib/menu-or-scan';
import { pos } from '../lib/pos';
import { useAppStore } from '../stores/app-store';
import { useOrderStore } from '../stores/order-store';
import { usePrintStore } from '../stores/print-store';
import { HostLine } from './HostLine';
import { FloatPanel } from './cash/CashFloat';

interface MenuItem {
  key: string;
  label: string;
  testId: string;
  run(): void;
}

/**
 * 待机: date, time, terminal and operator for the cashier to confirm, the
 * host's state, and the menu. Number keys pick an item; Enter starts a sale;
 * a scanned product starts a sale with it.
 */
export function Standby() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const session = useAppStore((s) => s.session);
  const go = useAppStore((s) => s.go);
  const hostSignIn = useAppStore((s) => s.hostSignIn);
  const hostStatus = useAppStore((s) => s.hostStatus);
  const setHostStatus = useAppStore((s) => s.setHostStatus);
  const refreshHostStatus = useAppStore((s) => s.refreshHostStatus);
  const upsert = usePrintStore((s) => s.upsert);
  const now = useNow(info?.now);
  // An i18n key, so the message follows a language switch.
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<PosError | null>(null);
  // A reprint on the virtual printer is printed on the screen: beside the menu.
  const [slips, setSlips] = useState<number[]>([]);

  const reprintLast = async () => {
    const r = await pos().print.reprint({});
    if (!r.ok) return setError(r.error);
    r.value.jobs.forEach(upsert);
    setSlips(r.value.jobs.filter((j) => j.target === 'virtual').map((j) => j.id));
    setError(null);
    setMessage('standby.reprintQueued');
  };

  const openDrawer = async () => {
    setMessage(null);
    const r = await pos().diagnostics.openDrawer({});
    if (!r.ok) return setError(r.error);
    setError(null);
    setMessage(r.value.ok ? 'standby.drawerOpened' : 'diagnostics.next.drawer.CHECK');
  };

  const signInAgain = async () => {
    setMessage(null);
    const r = await pos().host.signIn({});
    if (r.ok) {
      setError(null);
      setMessage('standby.hostSignedIn');
    } else setError(r.error);
    await refreshHostStatus();
  };

  const role = session?.role;
  const items: MenuItem[] = [];
  const add = (key: string, label: string, testId: string, run: () => void) =>
    items.push({ key, label, testId, run });
  if (role === 'cashier') add('1', t('standby.sale'), 'menu-sale', () => go({ name: 'sale' }));
  if (role === 'supervisor' || role === 'admin')
    add('1', t('standby.operators'), 'menu-operators', () => go({ name: 'operators' }));
  if (role === 'admin') add('2', t('standby.audit'), 'menu-audit', () => go({ name: 'audit' }));
  else add('2', t('standby.printQueue'), 'menu-print-queue', () => go({ name: 'print-queue' }));
  add('3', t('standby.reprintLast'), 'menu-reprint-last', () => void reprintLast());
  if (role === 'cashier')
    add('4', t('standby.balance'), 'menu-balance', () => go({ name: 'balance' }));
  if (role === 'supervisor')
    add('4', t('standby.audit'), 'menu-audit', () => go({ name: 'audit' }));
  if (role === 'cashier' || role === 'supervisor')
    add('5', t('standby.hostSignIn'), 'menu-host-sign-in', () => void signInAgain());
  if (role === 'cashier')
    add('6', t('standby.preauth'), 'menu-preauth', () => go({ name: 'preauth' }));
  if (role === 'supervisor')
    add('6', t('standby.settlement'), 'menu-settlement', () => go({ name: 'settlement' }));
  if (role === 'admin') {
    add('4', t('standby.qrGateway'), 'menu-tech-qr', () => go({ name: 'tech-qr' }));
    add('5', t('standby.backOffice'), 'menu-tech-back-office', () =>
      go({ name: 'tech-back-office' }),
    );
    add('6', t('standby.hostSettings'), 'menu-tech-host', () => go({ name: 'tech-host' }));
    add('7', t('standby.keys'), 'menu-tech-keys', () => go({ name: 'tech-keys' }));
    add('8', t('standby.setup'), 'menu-setup', () => go({ name: 'setup' }));
    add('0', t('standby.policy'), 'menu-tech-policy', () => go({ name: 'tech-policy' }));
  }
  if (role === 'cashier' || role === 'supervisor') {
    add('7', t('standby.void'), 'menu-void', () => go({ name: 'find-original', mode: 'void' }));
    add('8', t('standby.refund'), 'menu-refund', () =>
      go({ name: 'find-original', mode: 'refund' }),
    );
  }
  // 退货 by line (issue 15): the cashier asks, the supervisor types the password on the screen.
  if (role === 'cashier' || role === 'supervisor')
    add('R', t('returns.title'), 'menu-returns', () => go({ name: 'returns' }));
  if (role !== 'admin')
    add('0', t('standby.history'), 'menu-history', () => go({ name: 'history' }));
  // Letters for the managers' back-office screens (the digits are the counter's).
  if (role === 'supervisor' || role === 'admin')
    add('B', t('standby.dataCare'), 'menu-data-care', () => go({ name: 'data-care' }));
  if (role === 'supervisor')
    add('K', t('standby.openDrawer'), 'menu-open-drawer', () => void openDrawer());
  // 收入 / 支出: the cashier's drawer, the supervisor approving on the screen.
  if (role === 'cashier')
    add('C', t('cash.menu'), 'menu-cash-move', () => go({ name: 'cash-move' }));
  if (role === 'supervisor' || role === 'admin')
    add('G', t('catalogue.menu'), 'menu-catalogue', () => go({ name: 'catalogue' }));
  if (role === 'admin') {
    add('D', t('standby.diagnostics'), 'menu-diagnostics', () => go({ name: 'diagnostics' }));
    add('P', t('standby.peripherals'), 'menu-peripherals', () => go({ name: 'peripherals' }));
    // 0 is the transaction parameters for the technician; the query is Q.
    add('Q', t('standby.history'), 'menu-history', () => go({ name: 'history' }));
  }
  add('9', t('standby.signOff'), 'menu-sign-off', () => go({ name: 'sign-off' }));

  // Enter is the first item's key, whatever that is for this role (a sale for
  // the cashier, 操作员管理 for 00 and 99): the hint names it.
  const enterItem = items.find((i) => i.key === '1');

  // A scan on standby starts the sale with that product (see menu-or-scan.ts):
  // the basket adds it once the order is loaded.
  const startSaleWith = (code: string) => {
    if (role !== 'cashier') return setMessage('standby.scanNeedsCashier');
    useOrderStore.getState().handOverScan(code);
    go({ name: 'sale' });
  };
  const startSaleRef = useRef(startSaleWith);
  startSaleRef.current = startSaleWith;
  useEffect(() => pos().events.on('scanner:scanned', (s) => startSaleRef.current(s.code)), []);

  const keys = useRef(createMenuOrScan());
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const dropPending = () => {
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = null;
  };
  useEffect(() => dropPending, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.repeat || e.isComposing) return keys.current.reset();
      const fed = keys.current.feed(e.key, e.timeStamp);
      if (fed.kind === 'pass') return;
      e.preventDefault();
      dropPending();
      if (fed.kind === 'scan') return startSaleWith(fed.code);
      if (fed.kind === 'burst') return;
      const key = fed.kind === 'enter' ? '1' : fed.key.toUpperCase();
      const item = items.find((i) => i.key === key);
      if (!item) return;
      if (fed.kind === 'enter') return item.run();
      // Picked once no scanner's next character follows (imperceptible to a person).
      pending.current = setTimeout(() => {
        pending.current = null;
        item.run();
      }, fed.settleMs);
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
          {hostStatus?.hostTime && (
            <>
              <dt>{t('standby.hostTime')}</dt>
              <dd data-testid="standby-host-time">{formatTime(new Date(hostStatus.hostTime))}</dd>
            </>
          )}
        </dl>
        {role !== 'admin' && (
          <HostLine
            status={hostStatus}
            signIn={hostSignIn}
            onFlush={async () => {
              const r = await pos().host.flushReversals({});
              if (r.ok) setHostStatus(r.value);
            }}
          />
        )}
        {role === 'cashier' && <FloatPanel />}
      </section>
      <nav className="menu panel" aria-label={t('standby.title')}>
        {items.map((item) => (
          <button key={item.key} type="button" data-testid={item.testId} onClick={item.run}>
            <kbd>{item.key}</kbd> {item.label}
          </button>
        ))}
        <p className="hint" data-testid="standby-hint">
          {t('standby.keysHint', { enter: enterItem?.label ?? '' })}
        </p>
        {message && (
          <p className="notice" data-testid="standby-message">
            {t(message)}
          </p>
        )}
        <ErrorMessage error={error} />
      </nav>
      <ReceiptPanel jobIds={slips} />
    </main>
  );
}
