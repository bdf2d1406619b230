import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials (拼音首字母) of product names, so a cashier types 「kkkl」 for
 * 可口可乐. pinyin-pro reads a character in context (长城 → cc, 长大 → zd, from
 * its word dictionary) rather than one reading per character, which is what
 * makes polyphones mostly right; where a character has other readings with a
 * different initial, a few alternative spellings are kept too, so 「zc」 still
 * finds 长城 for a cashier who reads it that way.
 */

/** Spellings kept per name: the library's reading first, then single-character alternatives. */
export const MAX_INITIALS_VARIANTS = 4;

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Every initial a character's readings start with (长 → c, z). Remembered per
 * character: names share characters, and this is most of the cost of an
 * import of 100,000 products.
 */
const initialsCache = new Map<string, readonly string[]>();
function initialsOf(char: string): readonly string[] {
  let letters = initialsCache.get(char);
  if (!letters) {
    const readings = pinyin(char, {
      pattern: 'first',
      toneType: 'none',
      type: 'array',
      multiple: true,
    });
    letters = [...new Set(readings.map((r) => r.toLowerCase().slice(0, 1)).filter(Boolean))];
    initialsCache.set(char, letters);
  }
  return letters;
}

/** Lower case, full-width to half-width (ＡＢ１ → ab1), so typed and stored text compare alike. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The letters and digits of `text`, one per entry (punctuation and spaces dropped). */
export function wordChars(text: string): string[] {
  return [...normalizeText(text)].filter((c) => WORD_CHAR.test(c));
}

/**
 * The initials of `name`: Chinese characters by their pinyin's first letter,
 * letters and digits as they are (可口可乐 330ml → kkkl330ml), everything else
 * dropped. The first entry is the library's reading in context; the others
 * change one polyphonic character each to another reading's initial.
 */
export function pinyinInitials(name: string): string[] {
  const chars = [...normalizeText(name)];
  const firsts = pinyin(chars.join(''), {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
  });
  // One entry per character; should the library ever group differently, read each alone.
  const aligned =
    firsts.length === chars.length
      ? firsts
      : chars.map((c) => pinyin(c, { pattern: 'first', toneType: 'none', type: 'array' })[0] ?? '');
  const primary: string[] = chars.map((c, i) =>
    HAN.test(c) ? (aligned[i] ?? '').toLowerCase().slice(0, 1) : WORD_CHAR.test(c) ? c : '',
  );
  const variants = [primary.join('')];
  for (let i = 0; i < chars.length && variants.length < MAX_INITIALS_VARIANTS; i++) {
    const c = chars[i]!;
    if (!HAN.test(c)) continue;
    for (const letter of initialsOf(c)) {
      if (letter === primary[i]) continue;
      const v = [...primary.slice(0, i), letter, ...primary.slice(i + 1)].join('');
      if (!variants.includes(v)) variants.push(v);
      if (variants.length >= MAX_INITIALS_VARIANTS) break;
    }
  }
  return variants.filter((v) => v.length > 0);
}

/**
 * A search query as phrases of single characters: each whitespace-separated
 * part must appear as consecutive characters in the name or in one of its
 * initials spellings. Empty when the query has no letters or digits.
 */
export function queryPhrases(query: string): string[][] {
  return normalizeText(query)
    .split(/\s+/)
    .map((part) => wordChars(part))
    .filter((chars) => chars.length > 0);
}
