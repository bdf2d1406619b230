import { describe, expect, it } from 'vitest';
import {
  AmountFen,
  formatFen,
  formatFenPlain,
  keypadAppendDigit,
  keypadBackspace,
  MAX_AMOUNT_FEN,
  parseYuanToFen,
} from '../../../preload/contract';

describe('money in integer fen', () => {
  it('formats fen as yuan with thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(1234)).toBe('¥12.34');
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(MAX_AMOUNT_FEN)).toBe('¥999,999.99');
    expect(formatFen(-766)).toBe('-¥7.66');
    expect(formatFenPlain(100000000)).toBe('1,000,000.00');
  });

  it('refuses a non-integer amount instead of rounding it', () => {
    expect(() => formatFen(12.5)).toThrow(/not an integer/);
  });

  it('parses typed yuan without floating point', () => {
    expect(parseYuanToFen('12.34')).toBe(1234);
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('3.5')).toBe(350);
    expect(parseYuanToFen('¥1,234.56')).toBe(123456);
    expect(parseYuanToFen('20')).toBe(2000);
    expect(parseYuanToFen('0.29')).toBe(29); // 0.29 * 100 = 28.999… in floating point
    expect(parseYuanToFen('1.005')).toBeNull();
    expect(parseYuanToFen('-1')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
    expect(parseYuanToFen('')).toBeNull();
  });

  it('enters amounts like a bank POS keypad', () => {
    let fen = 0;
    for (const d of [1, 2, 3, 4]) fen = keypadAppendDigit(fen, d);
    expect(fen).toBe(1234);
    expect(keypadBackspace(fen)).toBe(123);
    expect(keypadAppendDigit(MAX_AMOUNT_FEN, 1)).toBe(MAX_AMOUNT_FEN);
    expect(keypadAppendDigit(5, 10)).toBe(5);
  });

  it('bounds a transaction amount to 0.01 – 999,999.99 yuan', () => {
    expect(AmountFen.safeParse(1).success).toBe(true);
    expect(AmountFen.safeParse(MAX_AMOUNT_FEN).success).toBe(true);
    expect(AmountFen.safeParse(0).success).toBe(false);
    expect(AmountFen.safeParse(MAX_AMOUNT_FEN + 1).success).toBe(false);
    expect(AmountFen.safeParse(12.34).success).toBe(false);
  });
});
