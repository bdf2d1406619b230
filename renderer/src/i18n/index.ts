import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'pos.language';

export function savedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/**
 * Each language's words are a chunk of their own, fetched when the language
 * is first used: the page starts with the active one only, and a switch
 * (Alt+L) fetches the other once.
 */
const CATALOGS: Record<Language, () => Promise<object>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};

const lazyCatalogs: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, done) {
    const load = CATALOGS[language as Language] as (() => Promise<object>) | undefined;
    if (!load) return done(new Error(`no words for language ${language}`), false);
    load().then(
      (words) => done(null, words as Record<string, string>),
      (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), false),
    );
  },
};

/**
 * Chinese first: zh-CN is the default. There is no fallback language to load
 * beside the active one: en carries every zh-CN key (tests/unit/contract.test.ts).
 */
export async function createI18n(language: Language = savedLanguage()): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance
    .use(lazyCatalogs)
    .use(initReactI18next)
    .init({
      lng: language,
      supportedLngs: [...LANGUAGES],
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = language;
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // private mode: the choice just isn't remembered
    }
  });
  return instance;
}
