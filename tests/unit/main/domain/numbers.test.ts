import { describe, expect, it } from 'vitest';
import { formatBatchNo, nextTraceNumber } from '../../../../main/domain/numbers';

describe('batch and trace numbers', () => {
  it('counts the trace number up by one and wraps 999999 to 000001', () => {
    expect(nextTraceNumber(0)).toBe(1);
    expect(nextTraceNumber(41)).toBe(42);
    expect(nextTraceNumber(999_998)).toBe(999_999);
    expect(nextTraceNumber(999_999)).toBe(1);
    expect(() => nextTraceNumber(-1)).toThrow(RangeError);
    expect(() => nextTraceNumber(1_000_000)).toThrow(RangeError);
  });

  it('formats batch numbers as six digits and wraps past 999999', () => {
    expect(formatBatchNo(1)).toBe('000001');
    expect(formatBatchNo(123456)).toBe('123456');
    expect(formatBatchNo(1_000_000)).toBe('000001');
    expect(() => formatBatchNo(0)).toThrow(RangeError);
  });
});
