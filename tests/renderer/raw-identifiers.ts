// Issue 18 item 17: what on a screen is a machine's name (an i18n key, an event
// key, JSON, a field path, a code) rather than a word. Shared by the screen walks.
const FILES = /\.(sqlite|csv|json|log|xlsx|png|txt|bak|db)$/i;

/** What on the screen is a machine's name rather than a word. */
export function rawIdentifiers(text: string): string[] {
  const found: string[] = [];
  // An i18n key or an event key: sale.title, audit.actions.x, drawer.opened.
  for (const m of text.matchAll(/\b[a-z][a-zA-Z]*(?:\.[a-zA-Z][a-zA-Z0-9]*)+\b/g))
    if (!FILES.test(m[0])) found.push(m[0]);
  // A key with a colon (a zod path, a detail key): minFen:, onMs:.
  for (const m of text.matchAll(/\b[a-z]+[A-Z][a-zA-Z]*:/g)) found.push(m[0]);
  for (const m of text.matchAll(/\{"|"\w+":/g)) found.push(m[0]);
  // A code in brackets: (bad-length).
  for (const m of text.matchAll(/[(（][a-z]+(?:[-_][a-z]+)+[)）]/g)) found.push(m[0]);
  for (const m of text.matchAll(/\b\w+: (?:true|false)\b/g)) found.push(m[0]);
  return found;
}
