import { describe, expect, it } from 'vitest';
import {
  IsoCodecError,
  SETTLEMENT_RESULT,
  buildField60,
  buildField61,
  buildSettlementTotals,
  packBody,
  parseField60,
  parseField61,
  parseSettlementTotals,
  unpackBody,
  type SettlementTotals,
} from '../../../../../main/host/iso8583';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof IsoCodecError) return e.code;
    throw e;
  }
  return undefined;
}

describe('field 60', () => {
  it('builds 60.1 ‖ 60.2 ‖ 60.3 for sign-in and sale', () => {
    expect(buildField60({ messageType: '00', batch: '000001', networkCode: '003' })).toBe(
      '00000001003',
    );
    expect(buildField60({ messageType: '22', batch: '000123', networkCode: '000' })).toBe(
      '22000123000',
    );
  });

  it('parses back, with 60.3 optional and extra digits kept', () => {
    expect(parseField60('00000001003')).toEqual({
      messageType: '00',
      batch: '000001',
      networkCode: '003',
    });
    expect(parseField60('22000123')).toEqual({ messageType: '22', batch: '000123' });
    const long = parseField60('22000123000123456');
    expect(long.rest).toBe('123456');
    expect(buildField60(long)).toBe('22000123000123456');
  });

  it('refuses wrong widths and non-digits', () => {
    expect(
      code(() => buildField60({ messageType: '0', batch: '000001', networkCode: '003' })),
    ).toBe('ISO_BAD_SUBFIELD');
    expect(() => buildField60({ messageType: '00', batch: '1', networkCode: '003' })).toThrow(
      /60\.2 batch must be 6 digits/,
    );
    expect(code(() => buildField60({ messageType: '00', batch: '000001', networkCode: '3' }))).toBe(
      'ISO_BAD_SUBFIELD',
    );
    expect(code(() => buildField60({ messageType: '00', batch: '000001', rest: '1' }))).toBe(
      'ISO_BAD_SUBFIELD',
    );
    for (const bad of ['', '0000000', '000000010', '0000000100', 'x0000001003', '1'.repeat(18)]) {
      expect(
        code(() => parseField60(bad)),
        bad,
      ).toBe('ISO_BAD_SUBFIELD');
    }
  });

  it('goes through field 60 of a message', () => {
    const digits = buildField60({ messageType: '00', batch: '000001', networkCode: '201' });
    const body = packBody({ mti: '0500', fields: new Map([[60, digits]]) });
    const back = unpackBody(body).fields.get(60);
    expect(typeof back === 'string' && parseField60(back).networkCode).toBe('201');
  });
});

describe('field 61', () => {
  it('builds with trailing parts left off', () => {
    expect(buildField61({ originalBatch: '000001', originalTrace: '000002' })).toBe('000001000002');
    expect(
      buildField61({ originalBatch: '000001', originalTrace: '000002', originalDate: '0131' }),
    ).toBe('0000010000020131');
    expect(buildField61({ originalBatch: '000009' })).toBe('000009');
  });

  it('refuses a gap or nothing', () => {
    expect(() => buildField61({ originalDate: '0131' })).toThrow(
      /61\.3 original date given but 61\.1 original batch is not/,
    );
    expect(code(() => buildField61({ originalBatch: '000001', originalDate: '0131' }))).toBe(
      'ISO_BAD_SUBFIELD',
    );
    expect(code(() => buildField61({}))).toBe('ISO_BAD_SUBFIELD');
    expect(code(() => buildField61({ originalBatch: '00001' }))).toBe('ISO_BAD_SUBFIELD');
  });

  it('parses 6, 12, 16 and longer', () => {
    expect(parseField61('000001')).toEqual({ originalBatch: '000001' });
    expect(parseField61('000001000002')).toEqual({
      originalBatch: '000001',
      originalTrace: '000002',
    });
    expect(parseField61('0000010000020131')).toEqual({
      originalBatch: '000001',
      originalTrace: '000002',
      originalDate: '0131',
    });
    const long = parseField61('0000010000020131' + '1234567890123');
    expect(long.rest).toBe('1234567890123');
    expect(buildField61(long)).toBe('00000100000201311234567890123');
    for (const bad of ['', '00001', '0000010', '00000100000201', '0'.repeat(30), 'abcdef']) {
      expect(
        code(() => parseField61(bad)),
        bad,
      ).toBe('ISO_BAD_SUBFIELD');
    }
  });
});

describe('field 48 settlement totals', () => {
  const totals: SettlementTotals = {
    domestic: {
      debitCount: 12,
      debitAmount: 1_234_567,
      creditCount: 1,
      creditAmount: 500,
      result: SETTLEMENT_RESULT.REQUEST,
    },
    foreign: { debitCount: 0, debitAmount: 0, creditCount: 0, creditAmount: 0, result: 0 },
  };

  it('builds the 62 digits in the spec order', () => {
    expect(buildSettlementTotals(totals)).toBe(
      // domestic: count 012, amount 000001234567, count 001, amount 000000000500, result 0
      '012' +
        '000001234567' +
        '001' +
        '000000000500' +
        '0' +
        // foreign: all zero
        '000' +
        '000000000000' +
        '000' +
        '000000000000' +
        '0',
    );
  });

  it("parses a reply's verdict", () => {
    const reply =
      '012' +
      '000001234567' +
      '001' +
      '000000000500' +
      '1' +
      '000' +
      '000000000000' +
      '000' +
      '000000000000' +
      '2';
    const parsed = parseSettlementTotals(reply);
    expect(parsed.domestic.result).toBe(SETTLEMENT_RESULT.BALANCED);
    expect(parsed.foreign.result).toBe(SETTLEMENT_RESULT.UNBALANCED);
    expect(parsed.domestic.debitAmount).toBe(1_234_567);
    expect(buildSettlementTotals(parsed)).toBe(reply);
  });

  it('round-trips the maxima', () => {
    const max = {
      debitCount: 999,
      debitAmount: 999_999_999_999,
      creditCount: 999,
      creditAmount: 999_999_999_999,
      result: 9,
    };
    const t = { domestic: max, foreign: max };
    expect(parseSettlementTotals(buildSettlementTotals(t))).toEqual(t);
  });

  it('refuses out-of-range values and malformed text', () => {
    const side = totals.domestic;
    for (const bad of [
      { ...side, debitCount: 1000 },
      { ...side, debitAmount: 1_000_000_000_000 },
      { ...side, creditAmount: -1 },
      { ...side, creditCount: 1.5 },
      { ...side, result: 10 },
    ]) {
      expect(code(() => buildSettlementTotals({ domestic: bad, foreign: side }))).toBe(
        'ISO_BAD_SUBFIELD',
      );
    }
    expect(() =>
      buildSettlementTotals({ domestic: { ...side, debitCount: 1000 }, foreign: side }),
    ).toThrow(/domestic debit count must be an integer 0\.\.999, got 1000/);
    for (const bad of ['', '0'.repeat(61), '0'.repeat(63), 'A' + '0'.repeat(61)]) {
      expect(code(() => parseSettlementTotals(bad))).toBe('ISO_BAD_SUBFIELD');
    }
  });
});
