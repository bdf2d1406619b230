import { useTranslation } from 'react-i18next';
import { useAppStore } from '../stores/app-store';
import { usePrintStore, waitingJobs } from '../stores/print-store';
import { LanguageSwitch } from './LanguageSwitch';

export function Header() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const session = useAppStore((s) => s.session);
  const go = useAppStore((s) => s.go);
  const jobs = usePrintStore((s) => s.jobs);
  const waiting = waitingJobs(jobs).filter((j) => j.state === 'waiting');

  return (
    <header className="app-header">
      <div className="brand">
        <strong>{t('app.title')}</strong>
        {info?.training && (
          <span className="training-badge" data-testid="training-badge">
            {t('app.training')}
          </span>
        )}
      </div>
      <div className="header-facts">
        {info?.terminal && (
          <span data-testid="header-terminal">
            {t('header.terminal')} {info.terminal.terminalNumber}
          </span>
        )}
        <span data-testid="header-operator">
          {session ? `${t('header.operator')} ${session.operatorNo}` : t('header.notSignedIn')}
        </span>
      </div>
      <LanguageSwitch />
      {waiting.length > 0 && (
        <button
          type="button"
          className="print-banner"
          data-testid="print-waiting-banner"
          onClick={() => session && go({ name: 'print-queue' })}
        >
          {t('print.waitingBanner', { count: waiting.length })}
        </button>
      )}
    </header>
  );
}
