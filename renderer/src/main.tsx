import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createI18n, savedLanguage } from './i18n';
import './styles.css';
import './layout.css';

// The start-up words only: the first screen after sign-in brings the rest.
const i18n = await createI18n(savedLanguage(), { startOnly: true });
const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <I18nextProvider i18n={i18n}>
    <App />
  </I18nextProvider>,
);
