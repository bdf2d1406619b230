import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128Values, code128Widths } from '../../renderer/src/lib/code128';

describe('Code 128 for the virtual printer', () => {
  it('has 107 distinct symbols of 11 modules (stop 13) whose bars are even, as the standard has', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
    CODE128_PATTERNS.forEach((p, v) => {
      const w = [...p].map(Number);
      expect(
        w.reduce((a, b) => a + b, 0),
        `symbol ${v}`,
      ).toBe(v === 106 ? 13 : 11);
      const bars = w.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
      expect(bars % 2, `bars of symbol ${v}`).toBe(0);
    });
  });

  it('encodes an order number in code set C with its mod-103 check', () => {
    // start C 105; 20 26 12 04 00 00 01; check (105 + 20·1 + 26·2 + 12·3 + 4·4 + 0 + 0 + 1·7) mod 103
    const check = (105 + 20 + 52 + 36 + 16 + 7) % 103;
    expect(code128Values('20261204000001')).toEqual([105, 20, 26, 12, 4, 0, 0, 1, check, 106]);
    // start (11) + 7 pairs (77) + check (11) + stop (13)
    expect(code128Widths('20261204000001').reduce((a, b) => a + b, 0)).toBe(112);
  });

  it('falls back to code set B for anything else', () => {
    expect(code128Values('AB1')).toEqual([104, 33, 34, 17, (104 + 33 + 68 + 51) % 103, 106]);
  });
});
