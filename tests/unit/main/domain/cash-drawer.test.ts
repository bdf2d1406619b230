import { describe, expect, it } from 'vitest';
import { DENOMINATIONS_FEN } from '../../../../preload/contract';
import {
  denominationsTotal,
  drawerLines,
  expectedCashFen,
  overShortFen,
  shiftDrawer,
  spanDrawer,
} from '../../../../main/domain/cash-drawer';
import { PosFailure } from '../../../../main/domain/errors';

const SUMS = {
  floatFen: 20_000,
  cashSalesFen: 3_350,
  cashRefundsFen: 1_000,
  paidInFen: 5_000,
  paidOutFen: 1_000,
};

/** A small deterministic generator, so a failure names its case. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s % n;
  };
}

describe('cash drawer arithmetic (integer fen)', () => {
  it('expected = float + cash sales − cash refunds + paid-in − paid-out', () => {
    expect(expectedCashFen(SUMS)).toBe(26_350);
    expect(expectedCashFen({ ...SUMS, floatFen: 0, paidInFen: 0 })).toBe(1_350);
    // A paid-out bigger than what came in: the drawer should hold less than nothing.
    expect(expectedCashFen({ ...SUMS, paidOutFen: 40_000 })).toBe(-12_650);
  });

  it('over/short is counted − expected: short below zero, over above', () => {
    expect(overShortFen(26_300, 26_350)).toBe(-50);
    expect(overShortFen(26_400, 26_350)).toBe(50);
    expect(overShortFen(26_350, 26_350)).toBe(0);
    expect(shiftDrawer(SUMS, 26_300)).toMatchObject({
      expectedFen: 26_350,
      countedFen: 26_300,
      overShortFen: -50,
      counts: 1,
    });
    expect(shiftDrawer(SUMS, null)).toMatchObject({
      countedFen: null,
      overShortFen: null,
      counts: 0,
    });
  });

  it('a count by denomination sums exactly, whatever the mix (no floats: ¥0.10 × 3 is 30 fen)', () => {
    expect(DENOMINATIONS_FEN).toEqual([10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10]);
    expect(denominationsTotal([{ valueFen: 10, pieces: 3 }])).toBe(30);
    expect(
      denominationsTotal([
        { valueFen: 10_000, pieces: 2 },
        { valueFen: 5_000, pieces: 1 },
        { valueFen: 1_000, pieces: 1 },
        { valueFen: 100, pieces: 3 },
      ]),
    ).toBe(26_300);
    const next = rng(15);
    for (let i = 0; i < 500; i += 1) {
      const counts = DENOMINATIONS_FEN.filter(() => next(2) === 1).map((v) => ({
        valueFen: v as (typeof DENOMINATIONS_FEN)[number],
        pieces: next(1_000),
      }));
      // Counted note by note, one piece at a time, the total is the same.
      let oneByOne = 0;
      for (const c of counts) for (let p = 0; p < c.pieces; p += 1) oneByOne += c.valueFen;
      const total = denominationsTotal(counts);
      expect(total, JSON.stringify(counts)).toBe(oneByOne);
      expect(Number.isSafeInteger(total)).toBe(true);
    }
    expect(denominationsTotal([])).toBe(0);
  });

  it('refuses a value that is no note or coin, a repeated one, and broken pieces', () => {
    const issue = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PosFailure ? e.error.fields?.[0]?.rule : 'other';
      }
      return null;
    };
    expect(issue(() => denominationsTotal([{ valueFen: 200 as 100, pieces: 1 }]))).toBe(
      'denomination',
    );
    expect(
      issue(() =>
        denominationsTotal([
          { valueFen: 100, pieces: 1 },
          { valueFen: 100, pieces: 1 },
        ]),
      ),
    ).toBe('denomination');
    expect(issue(() => denominationsTotal([{ valueFen: 100, pieces: 1.5 }]))).toBe('pieces');
    expect(issue(() => denominationsTotal([{ valueFen: 100, pieces: -1 }]))).toBe('pieces');
  });

  it('X/Z add up the counted shifts; the slip names over/short in both languages', () => {
    const x = spanDrawer(SUMS, { counts: 2, countedFen: 52_650, overShortFen: -50 });
    expect(x).toMatchObject({ expectedFen: 26_350, countedFen: 52_650, overShortFen: -50 });
    expect(spanDrawer(SUMS, { counts: 0, countedFen: 0, overShortFen: 0 }).countedFen).toBeNull();
    const text = (fig: Parameters<typeof drawerLines>[0]) =>
      drawerLines(fig)
        .map((l) => (l.kind === 'pair' ? `${l.left} ${l.right}` : l.kind === 'text' ? l.text : ''))
        .join('\n');
    expect(text(shiftDrawer(SUMS, 26_300))).toMatch(/长短款 短款 SHORT RMB -0\.50/);
    expect(text(shiftDrawer(SUMS, 26_400))).toMatch(/长短款 长款 OVER RMB 0\.50/);
    expect(text(shiftDrawer(SUMS, 26_350))).toMatch(/长短款 平 EVEN RMB 0\.00/);
    // Blind: no expected line, no count lines.
    const blind = text({ ...shiftDrawer(SUMS, null), expectedFen: null });
    expect(blind).not.toMatch(/EXPECTED|COUNTED|长短款/);
    expect(text(x)).toMatch(/COUNTED \(2\)/);
  });
});
