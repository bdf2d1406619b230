import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mergeWords } from './merge-words';

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
 * Each language's words are chunks of their own, fetched when the language is
 * first used: the page starts with the active one's start-up words (sign-in,
 * header, errors, field rules), and the first screen after sign-in brings the
 * rest (`loadAllWords`, awaited by every lazy screen). A switch (Alt+L)
 * fetches the other language's words once, with the rest if it is wanted.
 */
const START_WORDS: Record<Language, () => Promise<object>> = {
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
  en: () => import('./en').then((m) => m.en),
};
const REST_WORDS: Record<Language, () => Promise<object>> = {
  'zh-CN': () => import('./zh-CN.rest').then((m) => m.zhCNRest),
  en: () => import('./en.rest').then((m) => m.enRest),
};

const isLanguage = (v: string): v is Language => (LANGUAGES as readonly string[]).includes(v);

/** One instance's words: whether it wants the rest, and which languages have it. */
interface WordsState {
  wantRest: boolean;
  withRest: Set<Language>;
  pending: Map<Language, Promise<void>>;
}

function catalogBackend(state: WordsState): BackendModule {
  return {
    type: 'backend',
    init: () => undefined,
    read(language, _namespace, done) {
      if (!isLanguage(language)) return done(new Error(`no words for language ${language}`), false);
      const load = async () => {
        const start = await START_WORDS[language]();
        if (!state.wantRest) return start;
        const rest = await REST_WORDS[language]();
        state.withRest.add(language);
        return mergeWords(start, rest);
      };
      load().then(
        (words) => done(null, words as Record<string, string>),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err)), false),
      );
    },
  };
}

const states = new WeakMap<i18n, WordsState>();
let active: i18n | null = null;

/**
 * Every word of the active language (and of any other already loaded), for
 * the screens after sign-in: resolves at once when they are there.
 */
export function loadAllWords(instance: i18n | null = active): Promise<void> {
  const state = instance ? states.get(instance) : undefined;
  if (!instance || !state) return Promise.resolve();
  state.wantRest = true;
  const languages = LANGUAGES.filter(
    (l) => instance.hasResourceBundle(l, 'translation') && !state.withRest.has(l),
  );
  return Promise.all(
    languages.map((language) => {
      let p = state.pending.get(language);
      if (!p) {
        p = REST_WORDS[language]().then((words) => {
          instance.addResourceBundle(language, 'translation', words, true, true);
          state.withRest.add(language);
          state.pending.delete(language);
        });
        state.pending.set(language, p);
      }
      return p;
    }),
  ).then(() => undefined);
}

/**
 * Chinese first: zh-CN is the default. There is no fallback language to load
 * beside the active one: en carries every zh-CN key (tests/unit/contract.test.ts).
 * The page starts with `startOnly` (the rest comes with the first screen after
 * sign-in); tests and tools get every word at once.
 */
export async function createI18n(
  language: Language = savedLanguage(),
  opts: { startOnly?: boolean } = {},
): Promise<i18n> {
  const instance = i18next.createInstance();
  const state: WordsState = { wantRest: !opts.startOnly, withRest: new Set(), pending: new Map() };
  states.set(instance, state);
  active = instance;
  await instance
    .use(catalogBackend(state))
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
