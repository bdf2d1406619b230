import { useTranslation } from 'react-i18next';

/** On every screen: zh-CN ↔ en. Alt+L does the same from the keyboard. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="language-switch"
      aria-label={t('app.languageLabel')}
      onClick={() => void i18n.changeLanguage(next)}
    >
      {t('app.language')}
    </button>
  );
}
