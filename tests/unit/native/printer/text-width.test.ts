import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  padEndToWidth,
  padStartToWidth,
  truncateToWidth,
  wrapToWidth,
} from '../../../../native/printer/text-width';

describe('displayWidth', () => {
  it('counts ASCII as one column and everything else as two', () => {
    expect(displayWidth('')).toBe(0);
    expect(displayWidth('AMOUNT 12.00')).toBe(12);
    expect(displayWidth('培训')).toBe(4);
    expect(displayWidth('金额：¥12.00')).toBe(4 + 2 + 2 + 5);
    expect(displayWidth('（）')).toBe(4);
  });

  it('counts an astral character once, not per UTF-16 unit', () => {
    expect(displayWidth('𠀀')).toBe(2);
  });
});

describe('padding by display width', () => {
  it('pads Chinese text to an exact column count', () => {
    expect(padEndToWidth('商户', 8)).toBe('商户    ');
    expect(padStartToWidth('商户', 8)).toBe('    商户');
    expect(displayWidth(padEndToWidth('商户A', 10))).toBe(10);
  });

  it('leaves text that is already too wide untouched', () => {
    expect(padEndToWidth('商户名称', 4)).toBe('商户名称');
  });

  it('truncates without cutting a wide character in half', () => {
    expect(truncateToWidth('培训商户', 5)).toBe('培训');
    expect(truncateToWidth('ab培训', 3)).toBe('ab');
  });
});

describe('wrapToWidth', () => {
  const fits = (lines: string[], columns: number) =>
    lines.every((line) => displayWidth(line) <= columns);

  it('keeps a line that fits as it is', () => {
    expect(wrapToWidth('培训 TRAINING', 32)).toEqual(['培训 TRAINING']);
    expect(wrapToWidth('', 32)).toEqual(['']);
  });

  it('breaks Chinese between characters, never inside one', () => {
    const lines = wrapToWidth('本人确认以上交易同意将其记入本卡账户', 7);
    expect(lines).toEqual(['本人确', '认以上', '交易同', '意将其', '记入本', '卡账户']);
    expect(lines.join('')).toBe('本人确认以上交易同意将其记入本卡账户');
  });

  it('breaks English at spaces and drops the space at the break', () => {
    expect(wrapToWidth('I ACKNOWLEDGE SATISFACTORY RECEIPT', 16)).toEqual([
      'I ACKNOWLEDGE',
      'SATISFACTORY',
      'RECEIPT',
    ]);
  });

  it('hard-wraps an unbroken run longer than a line', () => {
    const lines = wrapToWidth('6222021234567890123456789', 10);
    expect(lines).toEqual(['6222021234', '5678901234', '56789']);
  });

  it('mixes ASCII words and Chinese, keeping each line within the width', () => {
    const text = '持卡人签名 CARDHOLDER SIGNATURE 本人确认以上交易';
    for (const columns of [5, 8, 13, 16, 32]) {
      const lines = wrapToWidth(text, columns);
      expect(fits(lines, columns)).toBe(true);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }
  });

  it('puts a wide character on its own line when the width is a single column', () => {
    expect(wrapToWidth('培训', 1)).toEqual(['培', '训']);
  });
});
