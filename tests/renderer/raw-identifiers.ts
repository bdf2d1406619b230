/**
 * What on a screen is a machine's name rather than a word (issue 18 item 17):
 * an untranslated i18n key, an event key, JSON, a field path, a code.
 */
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

/**
 * The words under `root`, text node by text node (textContent would glue
 * "凭证号" and "查找" of two elements), with the inputs' placeholders.
 */
export function screenTexts(root: HTMLElement): string[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.textContent ?? '');
  root
    .querySelectorAll<HTMLInputElement>('input[placeholder]')
    .forEach((i) => texts.push(i.placeholder));
  return texts;
}
