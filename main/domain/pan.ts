/** Card numbers beyond first 6 / last 4 are never shown, logged or stored in clear. */
export function maskPan(pan: string): string {
  if (!/^\d{13,19}$/.test(pan)) throw new RangeError('not a card number');
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/**
 * 外卡 for the settlement totals: cards of the international schemes (Amex 3x,
 * Visa 4x, Mastercard 5x) count as foreign; UnionPay (62, 60, 9x) as domestic.
 * Real acquirers send a BIN table; this is the rule until one is configured.
 */
export function isForeignCard(pan: string): boolean {
  return /^[345]/.test(pan);
}

/** UnionPay balance (field 54): account type n2, amount type n2, currency n3, C/D, amount n12. */
export function parseBalance(text: string): number | null {
  const m = /^\d{2}\d{2}156([CD])(\d{12})$/.exec(text.trim());
  if (!m) return null;
  const fen = Number(m[2]);
  return m[1] === 'D' ? -fen : fen;
}

/**
 * Free text from the outside (a host's issuer name in field 63, a gateway's
 * message) with every run of 13 or more digits — a card number, track data,
 * a payment code a confused server echoes back — cut to its first `keep` /
 * last 4 digits, so it can be stored, printed and logged.
 */
export function maskDigitRuns(text: string, keep = 6): string {
  return text.replace(
    /\d{13,}/g,
    (run) => `${run.slice(0, keep)}${'*'.repeat(run.length - keep - 4)}${run.slice(-4)}`,
  );
}
