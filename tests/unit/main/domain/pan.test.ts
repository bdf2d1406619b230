import { describe, expect, it } from 'vitest';
import { isForeignCard, maskPan, parseBalance } from '../../../../main/domain/pan';

describe('maskPan', () => {
  it('keeps the first 6 and last 4 digits of a 16-digit card', () => {
    expect(maskPan('6222021234567890')).toBe('622202******7890');
  });

  it.each([13, 14, 15, 16, 17, 18, 19])('masks a %i-digit card to 6 + stars + 4', (len) => {
    const pan = '6'.concat('0123456789012345678'.slice(0, len - 1));
    const masked = maskPan(pan);
    expect(masked).toHaveLength(len);
    expect(masked.slice(0, 6)).toBe(pan.slice(0, 6));
    expect(masked.slice(-4)).toBe(pan.slice(-4));
    expect(masked.slice(6, -4)).toBe('*'.repeat(len - 10));
  });

  it('hides every middle digit of a 19-digit UnionPay card', () => {
    expect(maskPan('6222021234567890003')).toBe('622202*********0003');
    expect(maskPan('6222021234567890003')).not.toMatch(/1234567890/);
  });

  it.each([
    ['too short (12 digits)', '622202123456'],
    ['too long (20 digits)', '62220212345678900031'],
    ['empty', ''],
    ['letters', '62220212345678A0003'],
    ['spaces inside', '6222 0212 3456 7890'],
    ['leading space', ' 6222021234567890'],
    ['trailing newline', '6222021234567890\n'],
    ['a track 2', '6258071234567890014=30122010000000000'],
    ['full-width digits', '６２２２０２１２３４５６７８９０'],
  ])('refuses %s', (_what, text) => {
    expect(() => maskPan(text)).toThrow(RangeError);
  });

  it('never echoes the refused input in the error', () => {
    for (const text of ['622202123456', '62220212345678900031', '622202123456789A']) {
      expect(() => maskPan(text)).toThrow(RangeError);
      try {
        maskPan(text);
      } catch (err) {
        expect((err as Error).message).not.toMatch(/\d{4}/);
      }
    }
  });
});

describe('isForeignCard', () => {
  it.each([
    ['Visa', '4111111111111111'],
    ['Mastercard', '5555555555554444'],
    ['Amex', '378282246310005'],
    ['JCB (3x)', '3530111333300000'],
  ])('counts %s as foreign', (_scheme, pan) => {
    expect(isForeignCard(pan)).toBe(true);
  });

  it.each([
    ['UnionPay 62', '6222021234567890003'],
    ['UnionPay 60', '6011000990139424'],
    ['domestic 9x', '9558801234567890123'],
    ['other 1x', '1234567890123'],
  ])('counts %s as domestic', (_scheme, pan) => {
    expect(isForeignCard(pan)).toBe(false);
  });

  it('looks only at the first digit', () => {
    expect(isForeignCard('4')).toBe(true);
    expect(isForeignCard('64111111111111111')).toBe(false);
    expect(isForeignCard('')).toBe(false);
    expect(isForeignCard(' 4111111111111111')).toBe(false);
  });
});

describe('parseBalance (field 54)', () => {
  it('reads a credit balance as positive fen', () => {
    // account type 10, amount type 02, currency 156, C, ¥1,234.56
    expect(parseBalance('1002156C000000123456')).toBe(123456);
  });

  it('reads a debit balance as negative fen', () => {
    expect(parseBalance('1001156D000000000789')).toBe(-789);
  });

  it('reads zero and the largest amount', () => {
    expect(parseBalance('0000156C000000000000')).toBe(0);
    expect(parseBalance('3002156C999999999999')).toBe(999_999_999_999);
  });

  it('ignores surrounding white space', () => {
    expect(parseBalance('  1002156C000000001000\n')).toBe(1000);
  });

  it.each([
    ['empty', ''],
    ['another currency (USD 840)', '1002840C000000123456'],
    ['a sign other than C or D', '1002156X000000123456'],
    ['lower-case sign', '1002156c000000123456'],
    ['amount one digit short', '1002156C00000012345'],
    ['amount one digit long', '1002156C0000001234567'],
    ['non-digits in the amount', '1002156C0000001234.6'],
    ['non-digits in the account type', 'AB02156C000000123456'],
    ['two balances run together', '1002156C0000001234561001156C000000000100'],
  ])('returns null for %s', (_what, text) => {
    expect(parseBalance(text)).toBeNull();
  });
});
