/**
 * QR payment codes (付款码) of PRODUCT.md §4. Pure rules: nothing here touches
 * the network, so a code is refused before any call is made. In the contract
 * so the card-data detector (card-data.ts) of both processes knows a payment
 * code from a card number the same way the till takes one
 * (main/domain/qr-code.ts re-exports these).
 */

export type Wallet = 'wechat' | 'alipay' | 'unionpay';

export type PaymentCodeRefusal = 'empty' | 'not-digits' | 'unknown-prefix' | 'bad-length';

export interface PaymentCode {
  ok: true;
  wallet: Wallet;
  /** The trimmed digits, exactly as they go to the gateway. */
  code: string;
}

export type PaymentCodeClassification = PaymentCode | { ok: false; reason: PaymentCodeRefusal };

interface WalletRule {
  wallet: Wallet;
  /** Two-digit prefixes, inclusive. */
  prefixFrom: number;
  prefixTo: number;
  minLength: number;
  maxLength: number;
}

// The prefix ranges do not overlap, so the prefix alone names the wallet and
// the length is then checked against that wallet's rule.
const RULES: readonly WalletRule[] = [
  { wallet: 'wechat', prefixFrom: 10, prefixTo: 15, minLength: 18, maxLength: 18 },
  { wallet: 'alipay', prefixFrom: 25, prefixTo: 30, minLength: 16, maxLength: 24 },
  { wallet: 'unionpay', prefixFrom: 62, prefixTo: 62, minLength: 16, maxLength: 20 },
];

/**
 * Decides which wallet a scanned code belongs to, or why it is refused.
 *
 * Order of checks (the first that fails is the reason):
 * 1. surrounding whitespace, CR and LF are trimmed (scanners in keyboard-wedge
 *    mode end the code with Enter); nothing left → `empty`;
 * 2. anything but ASCII digits inside (letters, inner spaces, full-width
 *    digits) → `not-digits`;
 * 3. a single digit has no two-digit prefix yet, and no wallet code is that
 *    short → `bad-length`;
 * 4. the two-digit prefix names no wallet → `unknown-prefix`;
 * 5. the length is outside that wallet's range → `bad-length`.
 */
export function classifyPaymentCode(raw: string): PaymentCodeClassification {
  const code = raw.trim();
  if (code === '') return { ok: false, reason: 'empty' };
  if (!/^[0-9]+$/.test(code)) return { ok: false, reason: 'not-digits' };
  if (code.length < 2) return { ok: false, reason: 'bad-length' };
  const prefix = Number(code.slice(0, 2));
  const rule = RULES.find((r) => prefix >= r.prefixFrom && prefix <= r.prefixTo);
  if (!rule) return { ok: false, reason: 'unknown-prefix' };
  if (code.length < rule.minLength || code.length > rule.maxLength) {
    return { ok: false, reason: 'bad-length' };
  }
  return { ok: true, wallet: rule.wallet, code };
}

/**
 * First 4 and last 4 characters visible, the rest `*`, for receipts, logs and
 * the audit timeline. A payment code is a bearer token for a minute, so a code
 * of 8 characters or fewer (never a valid one) is masked entirely rather than
 * shown in full.
 */
export function maskPaymentCode(code: string): string {
  if (code.length <= 8) return '*'.repeat(code.length);
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 8)}${code.slice(-4)}`;
}
