/** A message for the catalogue screens: an i18n key with its values (follows a language switch). */
export type Notice = { key: string; params?: Record<string, string | number> };
