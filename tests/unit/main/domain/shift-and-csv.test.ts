import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../../../main/domain/csv';
import { shiftTotals } from '../../../../main/domain/shift';

describe('shift totals (交班)', () => {
  it('lists every tender, nets voids and refunds, and the total is the sum of the lines', () => {
    const { tenders, total } = shiftTotals([
      { tender: 'cash', kind: 'sale', count: 3, amountFen: 10_050 },
      { tender: 'cash', kind: 'void', count: 1, amountFen: 2_000 },
      { tender: 'card', kind: 'sale', count: 2, amountFen: 88_800 },
      { tender: 'card', kind: 'refund', count: 1, amountFen: 800 },
    ]);
    expect(tenders.map((t) => [t.tender, t.netFen])).toEqual([
      ['cash', 8_050],
      ['card', 88_000],
      ['qr', 0],
    ]);
    for (const key of ['salesCount', 'salesFen', 'voidsFen', 'refundsFen', 'netFen'] as const)
      expect(total[key]).toBe(tenders.reduce((s, t) => s + t[key], 0));
    expect(total).toMatchObject({ salesCount: 5, voidsCount: 1, refundsCount: 1, netFen: 96_050 });
  });

  it('goes negative when more went back than came in (refunds of an earlier shift)', () => {
    const { total } = shiftTotals([{ tender: 'cash', kind: 'refund', count: 1, amountFen: 500 }]);
    expect(total.netFen).toBe(-500);
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('收银员01')).toBe('收银员01');
    expect(csvField(null)).toBe('');
    expect(csvField(-12)).toBe('-12');
  });

  it('neutralises spreadsheet formulas in text', () => {
    for (const f of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx'])
      expect(csvField(f).replace(/^"/, '').startsWith("'")).toBe(true);
  });

  it('ends rows with CRLF', () => {
    expect(csvRow(['a', 1, null])).toBe('a,1,\r\n');
  });
});
