import { describe, expect, it } from 'vitest';
import { PosFailure } from '../../../../../main/domain/errors';
import {
  csvCell,
  csvLine,
  localDateRange,
  localDayStart,
  yuan,
} from '../../../../../main/services/data-care/export-service';

describe('CSV cells', () => {
  it('leaves plain text alone and quotes what needs quoting', () => {
    expect(csvCell('矿泉水')).toBe('矿泉水');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell('')).toBe('');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86 123')).toBe("'+86 123");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 'b,c', '=x'])).toBe(`a,"b,c",'=x\r\n`);
  });
});

describe('yuan from fen', () => {
  it('uses integer arithmetic, two decimals, no grouping', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(10)).toBe('0.10');
    expect(yuan(1234)).toBe('12.34');
    expect(yuan(99999999)).toBe('999999.99');
    expect(yuan(-1234)).toBe('-12.34');
    expect(yuan(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
    expect(() => yuan(12.5)).toThrow(RangeError);
  });
});

describe('local date range', () => {
  it('covers whole local days, inclusive', () => {
    expect(localDateRange('2026-11-24', '2026-11-25')).toEqual({
      from: new Date(2026, 10, 24).getTime(),
      to: new Date(2026, 10, 26).getTime(),
    });
    expect(localDateRange('2026-12-31', '2026-12-31').to).toBe(new Date(2027, 0, 1).getTime());
  });

  it('refuses impossible dates and backwards ranges', () => {
    expect(localDayStart('2026-02-29')).toBeNull();
    expect(localDayStart('2028-02-29')).toBe(new Date(2028, 1, 29).getTime());
    expect(localDayStart('2026-1-5')).toBeNull();
    expect(() => localDateRange('2026-11-25', '2026-11-24')).toThrow(PosFailure);
    expect(() => localDateRange('x', '2026-11-24')).toThrow(PosFailure);
  });
});
