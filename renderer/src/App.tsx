import { Catalogue } from './screens/catalogue/Catalogue';
import { CatalogueTransfer } from './screens/catalogue/CatalogueTransfer';
import { ScaleTemplates } from './screens/catalogue/ScaleTemplates';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './components/Header';
import { ErrorMessage } from './components/Messages';
import { pos } from './lib/pos';
import { useAppStore } from './stores/app-store';
import { usePrintStore } from './stores/print-store';
import { ChangePasswordForm } from './screens/ChangePasswordForm';
import { FindOriginal } from './screens/history/FindOriginal';
import { History } from './screens/history/History';
import { Reports } from './screens/reports/Reports';
import { BackOfficeForm } from './screens/tech/BackOfficeForm';
import { AuditLog } from './screens/manager/AuditLog';
import { Operators } from './screens/manager/Operators';
import { SignOff } from './screens/SignOff';
import { PeripheralsForm } from './screens/tech/PeripheralsForm';
import { Diagnostics } from './screens/tech/Diagnostics';
import { DataCare } from './screens/tech/DataCare';
import { TransactionPolicyForm } from './screens/tech/TransactionPolicyForm';
import { QrGatewayForm } from './screens/tech/QrGatewayForm';
import { Preauth } from './screens/Preauth';
import { Settlement } from './screens/Settlement';
import { PrintQueue } from './screens/PrintQueue';
import { SetupWizard } from './screens/SetupWizard';
import { SignInScreen } from './screens/SignInScreen';
import { Standby } from './screens/Standby';
import { Balance } from './screens/Balance';
import { Sale } from './screens/sale/Sale';
import { HostSettingsForm } from './screens/tech/HostSettingsForm';
import { KeyInjection } from './screens/tech/KeyInjection';
import { PinPadPanel } from './components/PinPadPanel';

export function App() {
  const { t, i18n } = useTranslation();
  const screen = useAppStore((s) => s.screen);
  const refresh = useAppStore((s) => s.refresh);
  const signedIn = useAppStore((s) => s.signedIn);
  const bootError = useAppStore((s) => s.bootError);
  const subscribe = usePrintStore((s) => s.subscribe);
  const setHostStatus = useAppStore((s) => s.setHostStatus);
  const loadJobs = usePrintStore((s) => s.load);

  useEffect(() => {
    void refresh();
    void loadJobs();
    const offPrint = subscribe();
    const offHost = pos().events.on('host:status', setHostStatus);
    return () => {
      offPrint();
      offHost();
    };
  }, [refresh, loadJobs, subscribe, setHostStatus]);

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

  return (
    <div className="app">
      <Header />
      <ErrorMessage error={bootError} testId="boot-error" />
      {screen.name === 'boot' && <main className="screen">{t('app.loading')}</main>}
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
      {screen.name === 'find-original' && <FindOriginal key={screen.mode} mode={screen.mode} />}
      {screen.name === 'settlement' && <Settlement />}
      {screen.name === 'preauth' && <Preauth />}
      {screen.name === 'tech-qr' && <QrGatewayForm />}
      {screen.name === 'tech-policy' && <TransactionPolicyForm />}
      {screen.name === 'operators' && <Operators />}
      {screen.name === 'audit' && <AuditLog />}
      {screen.name === 'sign-off' && <SignOff />}
      {screen.name === 'data-care' && <DataCare />}
      {screen.name === 'diagnostics' && <Diagnostics />}
      {screen.name === 'peripherals' && <PeripheralsForm />}
      {screen.name === 'tech-back-office' && <BackOfficeForm />}
      {screen.name === 'tech-keys' && <KeyInjection />}
      {screen.name === 'tech-host' && <HostSettingsForm />}
      {screen.name === 'catalogue' && <Catalogue />}
      {screen.name === 'catalogue-transfer' && <CatalogueTransfer />}
      {screen.name === 'scale-templates' && <ScaleTemplates />}
      <PinPadPanel />
    </div>
  );
}
