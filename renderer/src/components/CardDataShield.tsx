import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { installCardDataShield } from '../lib/card-data-shield';

/** How long the notice stays when nobody dismisses it (ms). */
const NOTICE_MS = 8_000;

/**
 * The page's card-data shield (lib/card-data-shield.ts): a card number or a
 * swipe in any text field is cleared before it can stay on the screen, and
 * this notice says why the field emptied.
 */
export function CardDataShield() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(0);
  useEffect(() => installCardDataShield(document, () => setShown((n) => n + 1)), []);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(0), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  if (!shown) return null;
  return (
    <div className="card-data-cleared warning" role="alert" data-testid="card-data-cleared">
      <p>{t('app.cardDataCleared')}</p>
      <button type="button" data-testid="card-data-cleared-dismiss" onClick={() => setShown(0)}>
        {t('app.cardDataDismiss')}
      </button>
    </div>
  );
}
