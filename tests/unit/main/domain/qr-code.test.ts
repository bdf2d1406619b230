import { describe, expect, it } from 'vitest';
import {
  classifyPaymentCode,
  localTimeParts,
  makeOrderNo,
  maskPaymentCode,
} from '../../../../main/domain/qr-code';

/** `prefix` followed by zeros up to `length` digits. */
const code = (prefix: string, length: number) => prefix.padEnd(length, '0');

describe('classifyPaymentCode', () => {
  it.each([
    ['10', 'wechat'],
    ['13', 'wechat'],
    ['15', 'wechat'],
  ] as const)('takes 18 digits starting %s as %s', (prefix, wallet) => {
    expect(classifyPaymentCode(code(prefix, 18))).toEqual({
      ok: true,
      wallet,
      code: code(prefix, 18),
    });
  });

  it('refuses WeChat codes of 17 or 19 digits', () => {
    expect(classifyPaymentCode(code('13', 17))).toEqual({ ok: false, reason: 'bad-length' });
    expect(classifyPaymentCode(code('13', 19))).toEqual({ ok: false, reason: 'bad-length' });
  });

  it.each(['25', '28', '30'])('takes Alipay codes starting %s from 16 to 24 digits', (prefix) => {
    for (const length of [16, 20, 24]) {
      expect(classifyPaymentCode(code(prefix, length))).toMatchObject({
        ok: true,
        wallet: 'alipay',
      });
    }
    expect(classifyPaymentCode(code(prefix, 15))).toEqual({ ok: false, reason: 'bad-length' });
    expect(classifyPaymentCode(code(prefix, 25))).toEqual({ ok: false, reason: 'bad-length' });
  });

  it('takes UnionPay QR codes starting 62 from 16 to 20 digits', () => {
    for (const length of [16, 18, 20]) {
      expect(classifyPaymentCode(code('62', length))).toMatchObject({
        ok: true,
        wallet: 'unionpay',
      });
    }
    expect(classifyPaymentCode(code('62', 15))).toEqual({ ok: false, reason: 'bad-length' });
    expect(classifyPaymentCode(code('62', 21))).toEqual({ ok: false, reason: 'bad-length' });
  });

  it.each(['09', '16', '24', '31', '61', '63', '00', '99'])(
    'refuses the prefix %s just outside every range',
    (prefix) => {
      for (const length of [16, 18, 20]) {
        expect(classifyPaymentCode(code(prefix, length))).toEqual({
          ok: false,
          reason: 'unknown-prefix',
        });
      }
    },
  );

  it('trims whitespace, CR and LF a keyboard-wedge scanner adds', () => {
    const wechat = '134567890123456789';
    for (const raw of [`${wechat}\r\n`, `${wechat}\n`, `\t ${wechat} `, `\r${wechat}\r`]) {
      expect(classifyPaymentCode(raw)).toEqual({ ok: true, wallet: 'wechat', code: wechat });
    }
  });

  it('says empty for nothing but whitespace', () => {
    for (const raw of ['', ' ', '\r\n', '\t \n']) {
      expect(classifyPaymentCode(raw)).toEqual({ ok: false, reason: 'empty' });
    }
  });

  it('refuses letters, inner spaces, signs and full-width digits as not-digits', () => {
    for (const raw of [
      '13456789012345678A',
      'abc',
      '134567890 23456789',
      '-34567890123456789',
      '１３4567890123456789',
      '13456789012345.678',
    ]) {
      expect(classifyPaymentCode(raw)).toEqual({ ok: false, reason: 'not-digits' });
    }
  });

  it('calls a lone digit too short rather than guessing its prefix', () => {
    expect(classifyPaymentCode('1')).toEqual({ ok: false, reason: 'bad-length' });
    expect(classifyPaymentCode('13')).toEqual({ ok: false, reason: 'bad-length' });
    expect(classifyPaymentCode('77')).toEqual({ ok: false, reason: 'unknown-prefix' });
  });
});

describe('maskPaymentCode', () => {
  it('shows the first 4 and last 4 only', () => {
    expect(maskPaymentCode('134567890123456789')).toBe('1345**********6789');
    expect(maskPaymentCode('281234567890123456789012')).toBe('2812****************9012');
    expect(maskPaymentCode('123456789')).toBe('1234*6789');
  });

  it('masks a code of 8 characters or fewer entirely instead of showing it all', () => {
    expect(maskPaymentCode('12345678')).toBe('********');
    expect(maskPaymentCode('123')).toBe('***');
    expect(maskPaymentCode('')).toBe('');
  });
});

describe('makeOrderNo', () => {
  const at = { year: 2025, month: 3, day: 7, hour: 9, minute: 5, second: 4 };

  it('is terminal + yyMMddHHmmss + trace, zero-padded', () => {
    expect(makeOrderNo('T0000001', at, '000042')).toBe('T0000001250307090504000042');
    expect(
      makeOrderNo(
        '12345678',
        { year: 2099, month: 12, day: 31, hour: 23, minute: 59, second: 59 },
        '999999',
      ),
    ).toBe('12345678991231235959999999');
    expect(makeOrderNo('T0000001', at, '000042')).toHaveLength(26);
  });

  it('throws on malformed parts (they come from validated parameters)', () => {
    expect(() => makeOrderNo('t0000001', at, '000042')).toThrow(RangeError);
    expect(() => makeOrderNo('T000001', at, '000042')).toThrow(RangeError);
    expect(() => makeOrderNo('T0000001', at, '42')).toThrow(RangeError);
    expect(() => makeOrderNo('T0000001', { ...at, month: 13 }, '000042')).toThrow(RangeError);
    expect(() => makeOrderNo('T0000001', { ...at, hour: 24 }, '000042')).toThrow(RangeError);
    expect(() => makeOrderNo('T0000001', { ...at, second: 60 }, '000042')).toThrow(RangeError);
    expect(() => makeOrderNo('T0000001', { ...at, day: 0 }, '000042')).toThrow(RangeError);
    expect(() => makeOrderNo('T0000001', { ...at, year: 1999 }, '000042')).toThrow(RangeError);
  });

  it('reads local time parts from an instant', () => {
    const ms = new Date(2025, 2, 7, 9, 5, 4).getTime();
    expect(localTimeParts(ms)).toEqual(at);
  });
});
