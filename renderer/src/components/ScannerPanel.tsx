import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosError, ScannerPanel as Panel } from '../../../preload/contract';
import { pos } from '../lib/pos';
import { ErrorMessage } from './Messages';

/**
 * The simulated scanner (training mode): stands for the scanner on the
 * counter. Each button "scans" one training payment code; the code comes back
 * like any scan, as a `scanner:scanned` event, to whichever screen is waiting
 * for one. Shows nothing unless the simulated scanner is in use.
 */
export function ScannerPanel() {
  const { t, i18n } = useTranslation();
  const [panel, setPanel] = useState<Panel | null>(null);
  const [error, setError] = useState<PosError | null>(null);

  useEffect(() => {
    let live = true;
    void pos()
      .scanner.panel({})
      .then((r) => live && r.ok && setPanel(r.value));
    return () => {
      live = false;
    };
  }, []);

  if (!panel?.simulated) return null;

  const scan = (codeId: string) => {
    setError(null);
    void pos()
      .scanner.simulate({ codeId })
      .then((r) => {
        if (!r.ok) setError(r.error);
      });
  };

  return (
    <aside className="scanner" data-testid="scanner-panel" aria-label={t('scanner.title')}>
      <header>
        <strong>{t('scanner.title')}</strong>{' '}
        <span className="training-badge">{t('app.training')}</span>
      </header>
      <p>{t('scanner.hint')}</p>
      <ul className="scanner-codes">
        {panel.codes.map((c) => (
          <li key={c.id}>
            <button type="button" data-testid={`scanner-code-${c.id}`} onClick={() => scan(c.id)}>
              <span>{i18n.language === 'en' ? c.nameEn : c.nameZh}</span>
              <small>{c.code}</small>
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} testId="scanner-error" />
    </aside>
  );
}
