import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { PosCore } from '../../main/core/pos-core';
import { App } from '../../renderer/src/App';
import { createI18n } from '../../renderer/src/i18n';
import { useAppStore } from '../../renderer/src/stores/app-store';
import { installPos } from './in-process-pos';

/**
 * The whole app in jsdom on a real core, as a user starts it: `window.pos`
 * wired to the core, the app store back at boot, the chosen language.
 */
export async function renderApp(core: PosCore, language: 'zh-CN' | 'en' = 'zh-CN') {
  installPos(core);
  useAppStore.setState({
    info: null,
    session: null,
    screen: { name: 'boot' },
    notice: null,
    bootError: null,
  });
  const i18n = await createI18n(language);
  render(
    <I18nextProvider i18n={i18n}>
      <App />
    </I18nextProvider>,
  );
  return i18n;
}
