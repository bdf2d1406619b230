/**
 * Weights as a cashier types them: kilograms with up to three decimals
 * ("0.532", "1.2", "2") into integer grams, and back. No floating point.
 */
export const MAX_WEIGHT_G = 99_999;

export function parseKgToGrams(text: string): number | null {
  const m = /^(\d{1,2})(?:\.(\d{0,3}))?$/.exec(text.trim());
  if (!m) return null;
  const grams = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
  return grams >= 1 && grams <= MAX_WEIGHT_G ? grams : null;
}

/** 532 → "0.532" */
export function formatKg(grams: number): string {
  return `${Math.trunc(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
}

/** "10" or "12.5" percent off into basis points (1000, 1250); null when not 0.01–100. */
export function parsePercentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp >= 1 && bp <= 10_000 ? bp : null;
}

/** 1250 → "12.5" */
export function formatBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}
