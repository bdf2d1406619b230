/**
 * The shared card-data detector (preload/contract/card-data.ts) that the
 * renderer's fields and the main side's contract rules use: swiped track
 * data and typed card numbers are found, barcodes, payment codes and the
 * till's order numbers are not.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ProductCode, ScannedCode } from '../../../preload/contract/catalogue';
import { PlainText } from '../../../preload/contract/common';
import { OperatorName } from '../../../preload/contract/operators';
import { PaymentCodeInput } from '../../../preload/contract/qr';
import { MerchantName } from '../../../preload/contract/terminal';
import {
  findCardData,
  hasCardData,
  luhnValid,
  maskCardData,
  startsTrackData,
} from '../../../preload/contract/card-data';
import { withCheckDigit } from '../../../preload/contract/gs1';
import { classifyPaymentCode } from '../../../preload/contract/payment-code';

/** `body` with its Luhn check digit appended. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

const UNIONPAY_16 = withLuhn('622202123456789'); // 6222021234567894
const UNIONPAY_19 = withLuhn('621700123456789012');
const VISA = '4111111111111111';
const MASTERCARD = '5555555555554444';
const MASTERCARD_2 = withLuhn('222100000000000');
const AMEX = '378282246310005';
const JCB = '3530111333300000';
const DINERS = '30569309025904';

describe('card-data detector', () => {
  it('Luhn: test card numbers pass, one digit changed fails', () => {
    for (const pan of [VISA, MASTERCARD, AMEX, JCB, DINERS, UNIONPAY_16, UNIONPAY_19])
      expect(luhnValid(pan), pan).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('6222021234567890')).toBe(false);
  });

  it('finds track 1 and track 2 as a wedge reader types them', () => {
    const swipe = `%B${UNIONPAY_16}^ZHANG/SAN^25121010000000000?;${UNIONPAY_16}=25121010000000000?`;
    const hits = findCardData(swipe);
    expect(hits.map((h) => [h.kind, h.pan])).toEqual([
      ['track1', UNIONPAY_16],
      ['track2', UNIONPAY_16],
    ]);
    // The whole swipe is covered: nothing of it is left in clear.
    expect(maskCardData(swipe)).toBe('622202******7894622202******7894');
  });

  it('track data is card data whatever its number (sentinels say it is a track)', () => {
    // Not Luhn-valid: the brief's example number, still a track.
    expect(hasCardData('%B6222021234567890^ZHANG/SAN^2512101?')).toBe(true);
    expect(hasCardData(';6222021234567890=2512101?')).toBe(true);
    expect(hasCardData('B4111111111111111^DOE/J^2512')).toBe(true);
    // Without its sentinel, track 2 needs a Luhn-valid number and a real month.
    expect(hasCardData(`${VISA}=2512101000`)).toBe(true);
    expect(hasCardData('6222021234567890=2512101000')).toBe(false);
    expect(hasCardData('1234567890123=2513')).toBe(false);
  });

  it('finds bare card numbers of every scheme, alone or inside text', () => {
    for (const pan of [
      VISA,
      MASTERCARD,
      MASTERCARD_2,
      AMEX,
      JCB,
      DINERS,
      UNIONPAY_16,
      UNIONPAY_19,
    ]) {
      expect(hasCardData(pan), pan).toBe(true);
      expect(hasCardData(`可乐 ${pan} 330ml`), pan).toBe(true);
    }
    expect(findCardData(`no.${VISA}!`)).toEqual([{ kind: 'pan', start: 3, end: 19, pan: VISA }]);
  });

  it('finds numbers grouped by spaces or dashes', () => {
    expect(hasCardData('6222 0212 3456 7894')).toBe(true);
    expect(hasCardData('4111-1111-1111-1111')).toBe(true);
    expect(hasCardData('3782 822463 10005')).toBe(true);
    expect(hasCardData(`卡号 ${UNIONPAY_19.slice(0, 6)} ${UNIONPAY_19.slice(6)} 谢谢`)).toBe(true);
    // A short number before it does not hide it.
    expect(hasCardData('12 4111 1111 1111 1111')).toBe(true);
    expect(maskCardData('卡 4111 1111 1111 1111 好')).toBe('卡 411111******1111 好');
  });

  it('does not take ordinary numbers for cards', () => {
    expect(hasCardData('4111111111111112')).toBe(false); // Luhn fails
    expect(hasCardData(withLuhn('990000000000000'))).toBe(false); // no scheme prefix
    expect(hasCardData(withLuhn('41111111111'))).toBe(false); // 12 digits
    expect(hasCardData(withLuhn('41111111111111111111'))).toBe(false); // 21 digits
    expect(hasCardData('可口可乐 330ml 罐装 24 罐')).toBe(false);
    expect(hasCardData('2026-12-06 09:30')).toBe(false);
  });

  it('valid GS1 barcodes are not card data, even with a card prefix and a Luhn-valid number', () => {
    // An EAN-13 starting with 4 (Germany) that also passes Luhn.
    let ean = '';
    for (let n = 400000000000; !ean; n++) {
      const c = withCheckDigit(String(n));
      if (luhnValid(c)) ean = c;
    }
    expect(ean).toHaveLength(13);
    expect(hasCardData(ean)).toBe(false);
    // GTIN-14 and an 18-digit scale label with a right check digit.
    let gtin = '';
    for (let n = 3000000000000; !gtin; n++) {
      const c = withCheckDigit(String(n));
      if (luhnValid(c)) gtin = c;
    }
    expect(hasCardData(gtin)).toBe(false);
    let label = '';
    for (let n = 10000000; !label; n++) {
      const c = withCheckDigit(`250000000${n}`);
      if (luhnValid(c)) label = c;
    }
    expect(label).toHaveLength(18);
    expect(hasCardData(label)).toBe(false);
    // The fixtures' Chinese EAN-13 codes.
    expect(hasCardData('6901234567892')).toBe(false);
    expect(hasCardData(withCheckDigit('690123456789'))).toBe(false);
  });

  it('payment codes go on as payment codes where the field takes them', () => {
    const wechat = '134567890123456789';
    expect(classifyPaymentCode(wechat).ok).toBe(true);
    expect(hasCardData(wechat)).toBe(false); // 13… is no card scheme
    // A UnionPay payment code is the shape of a UnionPay card number: taken as
    // a payment code only where payment codes are accepted (the trade-off).
    expect(classifyPaymentCode(UNIONPAY_16).ok).toBe(true);
    expect(hasCardData(UNIONPAY_16, { paymentCodes: true })).toBe(false);
    expect(hasCardData(UNIONPAY_16)).toBe(true);
    // Alipay codes 25–27… overlap Mastercard's 2-series.
    const alipay = withLuhn('260000000000000');
    expect(classifyPaymentCode(alipay).ok).toBe(true);
    expect(hasCardData(alipay, { paymentCodes: true })).toBe(false);
    // Grouped or swiped is never a payment code.
    expect(hasCardData('6222 0212 3456 7894', { paymentCodes: true })).toBe(true);
    expect(hasCardData(`;${UNIONPAY_16}=2512101?`, { paymentCodes: true })).toBe(true);
  });

  it('the till’s order numbers are not card data', () => {
    expect(hasCardData('20261204000123')).toBe(false);
    expect(hasCardData('单号 20261206000001')).toBe(false);
  });

  it('for logs (loose): any Luhn-valid 13–19 digits, grouped too, whatever the prefix', () => {
    const plain = withLuhn('990000000000000');
    const masked = `990000******${plain.slice(-4)}`;
    expect(maskCardData(`x ${plain} y`, { loose: true })).toBe(`x ${masked} y`);
    const grouped = plain.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(maskCardData(`pan=${grouped}.`, { loose: true })).toBe(`pan=${masked}.`);
    // A barcode is masked in a log too: a log risks nothing by it.
    expect(maskCardData(withCheckDigit('690123456789'), { loose: true })).toMatch(/\*/);
  });

  it('sees a swipe start before its number is complete', () => {
    expect(startsTrackData('%B6')).toBe(true);
    expect(startsTrackData(';62')).toBe(true);
    expect(startsTrackData('6901234')).toBe(false);
    expect(startsTrackData('可乐;')).toBe(false);
  });
});

describe('the contract’s text and code rules refuse card data alone, under rules.cardData', () => {
  const rules = (schema: z.ZodType, value: string) => {
    const r = schema.safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  const SWIPE = `%B${UNIONPAY_16}^ZHANG/SAN^2512101?;${UNIONPAY_16}=2512101?`;

  it('names and free text: PlainText, operator and merchant names', () => {
    for (const schema of [PlainText(1, 40, 'itemName'), OperatorName, MerchantName]) {
      // Too long and not a name either: only the card rule is named.
      expect(rules(schema, SWIPE)).toEqual(['cardData']);
      expect(rules(schema, '6222 0212 3456 7894')).toEqual(['cardData']);
      expect(rules(schema, `可乐${VISA}`)).toEqual(['cardData']);
      expect(rules(schema, '可口可乐 330ml')).toEqual([]);
    }
  });

  it('codes: PLU, scanned code; a payment code goes on where payment codes are taken', () => {
    expect(rules(ProductCode, withLuhn('422222222222'))).toEqual(['cardData']);
    expect(rules(ProductCode, '6901234567892')).toEqual([]);
    expect(rules(ScannedCode, DINERS)).toEqual(['cardData']);
    expect(rules(PaymentCodeInput, UNIONPAY_16)).toEqual([]);
    expect(rules(PaymentCodeInput, `;${UNIONPAY_16}=2512101?`)).toEqual(['cardData']);
    expect(rules(PaymentCodeInput, '134567890123456789')).toEqual([]);
  });
});
