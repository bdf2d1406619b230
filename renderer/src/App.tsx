import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './components/Header';
import { ErrorMessage } from './components/Messages';
import { ScreenBoundary } from './components/ScreenBoundary';
import { loadAllWords } from './i18n';
import { pos } from './lib/pos';
import { useAppStore } from './stores/app-store';
import { usePrintStore } from './stores/print-store';
import { SignInScreen } from './screens/SignInScreen';

/**
 * The screens after sign-in are chunks of their own, fetched when first shown
 * together with the words beyond the start-up ones (loadAllWords): the page
 * starts with what the sign-in needs. (Each chunk comes from this
 * machine; the standby and sale screens arrive while the cashier types.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each screen's own props, kept by C
const lazyScreen = <K extends string, C extends ComponentType<any>>(
  load: () => Promise<Record<K, C>>,
  name: K,
) => lazy(() => Promise.all([load(), loadAllWords()]).then(([m]) => ({ default: m[name] })));
// Shown only when the database needs recovery (issue 16): not part of every start.
// Not on every start either: the forced password change, and the simulated PIN pad of a card wait.
const ChangePasswordForm = lazyScreen(
  () => import('./screens/ChangePasswordForm'),
  'ChangePasswordForm',
);
const PinPadPanel = lazyScreen(() => import('./components/PinPadPanel'), 'PinPadPanel');
const CardPending = lazyScreen(() => import('./components/CardPending'), 'CardPending');
// On every screen from the start (the setup wizard's fields too), so its few
// words are start-up words: it does not wait for the rest of them (bench §8).
const CardDataShield = lazy(() =>
  import('./components/CardDataShield').then((m) => ({ default: m.CardDataShield })),
);
const RecoveryScreen = lazyScreen(() => import('./screens/RecoveryScreen'), 'RecoveryScreen');
const SetupWizard = lazyScreen(() => import('./screens/SetupWizard'), 'SetupWizard');
const Standby = lazyScreen(() => import('./screens/Standby'), 'Standby');
const Sale = lazyScreen(() => import('./screens/sale/Sale'), 'Sale');
const Balance = lazyScreen(() => import('./screens/Balance'), 'Balance');
const PrintQueue = lazyScreen(() => import('./screens/PrintQueue'), 'PrintQueue');
const History = lazyScreen(() => import('./screens/history/History'), 'History');
const FindOriginal = lazyScreen(() => import('./screens/history/FindOriginal'), 'FindOriginal');
const FloatScreen = lazyScreen(() => import('./screens/cash/CashFloat'), 'FloatScreen');
const Returns = lazyScreen(() => import('./screens/returns/Returns'), 'Returns');
const Reports = lazyScreen(() => import('./screens/reports/Reports'), 'Reports');
const Settlement = lazyScreen(() => import('./screens/Settlement'), 'Settlement');
const Preauth = lazyScreen(() => import('./screens/Preauth'), 'Preauth');
const QrGatewayForm = lazyScreen(() => import('./screens/tech/QrGatewayForm'), 'QrGatewayForm');
const TransactionPolicyForm = lazyScreen(
  () => import('./screens/tech/TransactionPolicyForm'),
  'TransactionPolicyForm',
);
const Operators = lazyScreen(() => import('./screens/manager/Operators'), 'Operators');
const AuditLog = lazyScreen(() => import('./screens/manager/AuditLog'), 'AuditLog');
const SignOff = lazyScreen(() => import('./screens/SignOff'), 'SignOff');
const CashMove = lazyScreen(() => import('./screens/cash/CashMove'), 'CashMove');
const DataCare = lazyScreen(() => import('./screens/tech/DataCare'), 'DataCare');
const Diagnostics = lazyScreen(() => import('./screens/tech/Diagnostics'), 'Diagnostics');
const PeripheralsForm = lazyScreen(
  () => import('./screens/tech/PeripheralsForm'),
  'PeripheralsForm',
);
const BackOfficeForm = lazyScreen(() => import('./screens/tech/BackOfficeForm'), 'BackOfficeForm');
const KeyInjection = lazyScreen(() => import('./screens/tech/KeyInjection'), 'KeyInjection');
const HostSettingsForm = lazyScreen(
  () => import('./screens/tech/HostSettingsForm'),
  'HostSettingsForm',
);
const Catalogue = lazyScreen(() => import('./screens/catalogue/Catalogue'), 'Catalogue');
const CatalogueTransfer = lazyScreen(
  () => import('./screens/catalogue/CatalogueTransfer'),
  'CatalogueTransfer',
);
const CheckoutRules = lazyScreen(
  () => import('./screens/catalogue/CheckoutRules'),
  'CheckoutRules',
);
const ScaleTemplates = lazyScreen(
  () => import('./screens/catalogue/ScaleTemplates'),
  'ScaleTemplates',
);

export function App() {
  const { t, i18n } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const recovery = useAppStore((s) => s.info?.recovery ?? null);
  const go = useAppStore((s) => s.go);
  const refresh = useAppStore((s) => s.refresh);
  const signedIn = useAppStore((s) => s.signedIn);
  const bootError = useAppStore((s) => s.bootError);
  const subscribe = usePrintStore((s) => s.subscribe);
  const setHostStatus = useAppStore((s) => s.setHostStatus);
  const loadJobs = usePrintStore((s) => s.load);

  // Print jobs are a signed-in channel: asked for only once someone is signed
  // in (asking before would be refused and audited as access.notSignedIn).
  const operatorNo = useAppStore((s) => s.session?.operatorNo ?? null);
  useEffect(() => {
    if (operatorNo !== null) void loadJobs();
  }, [operatorNo, loadJobs]);

  useEffect(() => {
    void refresh();
    const offPrint = subscribe();
    const offHost = pos().events.on('host:status', setHostStatus);
    return () => {
      offPrint();
      offHost();
    };
  }, [refresh, subscribe, setHostStatus]);

  // Alt+L switches the language from the keyboard on every screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 'l' || e.key === 'L')) {
        e.preventDefault();
        void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [i18n]);

  const loading = <main className="screen">{t('app.loading')}</main>;
  return (
    <div className="app">
      <Header />
      <ErrorMessage error={bootError} testId="boot-error" />
      {screen.name === 'boot' && !recovery && loading}
      {/* The database needs recovery: nothing else shows until it is done (issue 16). */}
      {recovery && (
        <ScreenBoundary screenKey="recovery">
          <Suspense fallback={loading}>
            <RecoveryScreen state={recovery} />
          </Suspense>
        </ScreenBoundary>
      )}
      {!recovery && (
        <ScreenBoundary
          screenKey={screen.name}
          onStandby={operatorNo !== null ? () => go({ name: 'standby' }) : undefined}
        >
          <Suspense fallback={loading}>
            {screen.name === 'setup' && <SetupWizard />}
            {screen.name === 'sign-in' && <SignInScreen />}
            {screen.name === 'change-password' && (
              <main className="screen" data-testid="screen-change-password">
                <ChangePasswordForm {...screen} onChanged={signedIn} />
              </main>
            )}
            {screen.name === 'standby' && <Standby />}
            {screen.name === 'sale' && <Sale />}
            {screen.name === 'balance' && <Balance />}
            {screen.name === 'print-queue' && <PrintQueue />}
            {screen.name === 'history' && <History />}
            {screen.name === 'reports' && <Reports />}
            {screen.name === 'find-original' && (
              <FindOriginal key={screen.mode} mode={screen.mode} />
            )}
            {screen.name === 'settlement' && <Settlement />}
            {screen.name === 'preauth' && <Preauth />}
            {screen.name === 'tech-qr' && <QrGatewayForm />}
            {screen.name === 'tech-policy' && <TransactionPolicyForm />}
            {screen.name === 'operators' && <Operators />}
            {screen.name === 'audit' && <AuditLog />}
            {screen.name === 'sign-off' && <SignOff />}
            {screen.name === 'cash-move' && <CashMove />}
            {screen.name === 'cash-float' && <FloatScreen />}
            {screen.name === 'data-care' && <DataCare />}
            {screen.name === 'diagnostics' && <Diagnostics />}
            {screen.name === 'peripherals' && <PeripheralsForm />}
            {screen.name === 'tech-back-office' && <BackOfficeForm />}
            {screen.name === 'tech-keys' && <KeyInjection />}
            {screen.name === 'tech-host' && <HostSettingsForm />}
            {screen.name === 'catalogue' && <Catalogue />}
            {screen.name === 'catalogue-transfer' && <CatalogueTransfer />}
            {screen.name === 'scale-templates' && <ScaleTemplates />}
            {screen.name === 'checkout-rules' && <CheckoutRules />}
            {screen.name === 'returns' && <Returns />}
          </Suspense>
        </ScreenBoundary>
      )}
      {/* Card numbers and swipes never stay in a text field, on any screen (setup included). */}
      <ScreenBoundary screenKey="card-data-shield">
        <Suspense fallback={null}>
          <CardDataShield />
        </Suspense>
      </ScreenBoundary>
      {/* A card payment still running that this page did not start (a reload while it was at the host). */}
      {operatorNo !== null && !recovery && (
        <ScreenBoundary screenKey="card-pending">
          <Suspense fallback={null}>
            <CardPending />
          </Suspense>
        </ScreenBoundary>
      )}
      {operatorNo !== null && (
        <ScreenBoundary screenKey="pinpad">
          <Suspense fallback={null}>
            <PinPadPanel />
          </Suspense>
        </ScreenBoundary>
      )}
    </div>
  );
}
