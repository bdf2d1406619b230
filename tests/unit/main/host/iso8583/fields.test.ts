import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  FIELDS,
  FIELD_NUMBERS,
  IsoCodecError,
  packBody,
  unpackBody,
  type FieldValue,
  type IsoMessage,
} from '../../../../../main/host/iso8583';

function one(id: number, value: FieldValue, mti = '0200'): IsoMessage {
  return { mti, fields: new Map([[id, value]]) };
}

/** The body bytes after MTI (2) and bitmap (8) for a one-field message. */
function fieldBytes(id: number, value: FieldValue): string {
  return packBody(one(id, value)).subarray(10).toString('hex').toUpperCase();
}

function roundTrip(msg: IsoMessage): IsoMessage {
  return unpackBody(packBody(msg));
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof IsoCodecError) return e.code;
    throw e;
  }
  return undefined;
}

describe('field table', () => {
  it('defines exactly the fields of the spec', () => {
    expect(FIELD_NUMBERS).toEqual([
      2, 3, 4, 11, 12, 13, 14, 22, 25, 35, 37, 38, 39, 41, 42, 48, 49, 52, 54, 60, 61, 62, 63, 64,
    ]);
    const notation = (id: number): string => {
      const f = FIELDS[id];
      if (!f) return 'missing';
      return f.length === 'fixed' ? `${f.format}${f.max}` : `${f.length} ${f.format}..${f.max}`;
    };
    expect(FIELD_NUMBERS.map((id) => `${id} ${notation(id)}`)).toEqual([
      '2 LLVAR n..19',
      '3 n6',
      '4 n12',
      '11 n6',
      '12 n6',
      '13 n4',
      '14 n4',
      '22 n3',
      '25 n2',
      '35 LLVAR z..37',
      '37 an12',
      '38 an6',
      '39 an2',
      '41 ans8',
      '42 ans15',
      '48 LLLVAR ans..322',
      '49 an3',
      '52 b8',
      '54 LLLVAR an..20',
      '60 LLLVAR n..17',
      '61 LLLVAR n..29',
      '62 LLLVAR b..512',
      '63 LLLVAR ans..163',
      '64 b8',
    ]);
    expect(Object.isFrozen(FIELDS)).toBe(true);
  });
});

describe('field formats on the wire', () => {
  it('fixed n: right-aligned BCD, a leading 0 nibble when odd', () => {
    expect(fieldBytes(3, '310000')).toBe('310000');
    expect(fieldBytes(22, '051')).toBe('0051');
    expect(fieldBytes(25, '06')).toBe('06');
    expect(fieldBytes(4, '999999999999')).toBe('999999999999');
  });

  it('LLVAR n: BCD length in digits, left-aligned data, a trailing 0 nibble when odd', () => {
    expect(fieldBytes(2, '4000001234562000')).toBe('16' + '4000001234562000');
    expect(fieldBytes(2, '6222021234567890123')).toBe('19' + '62220212345678901230');
    expect(fieldBytes(2, '1')).toBe('01' + '10');
    expect(fieldBytes(2, '')).toBe('00');
  });

  it('LLLVAR n: two-byte BCD length', () => {
    expect(fieldBytes(61, '000001000002')).toBe('0012' + '000001000002');
    expect(fieldBytes(61, '00000100000212345')).toBe('0017' + '000001000002123450');
  });

  it("z: '=' as nibble D", () => {
    expect(fieldBytes(35, '123=45')).toBe('06' + '123D45');
    expect(fieldBytes(35, '1=2')).toBe('03' + '1D20');
    expect(fieldBytes(35, '=')).toBe('01' + 'D0');
  });

  it('an/ans: ASCII, fixed ones space-padded right; LLLVAR counts bytes', () => {
    expect(fieldBytes(38, 'A1')).toBe('413120202020');
    expect(fieldBytes(39, '00')).toBe('3030');
    expect(fieldBytes(41, 'T1')).toBe('5431202020202020');
    expect(fieldBytes(63, '01 ')).toBe('0003' + '303120');
    expect(fieldBytes(54, '')).toBe('0000');
  });

  it('b: raw bytes; LLLVAR length counts bytes', () => {
    expect(fieldBytes(52, Buffer.from('0102030405060708', 'hex'))).toBe('0102030405060708');
    expect(fieldBytes(62, Buffer.alloc(40, 0xab))).toBe('0040' + 'AB'.repeat(40));
  });
});

describe('bitmap', () => {
  it('sets exactly the bits of the present fields, MSB first', () => {
    for (const id of FIELD_NUMBERS) {
      const spec = FIELDS[id];
      if (!spec) throw new Error('table');
      const value: FieldValue =
        spec.format === 'b'
          ? Buffer.alloc(spec.max)
          : (spec.format === 'an' || spec.format === 'ans' ? 'A' : '1').repeat(
              spec.length === 'fixed' ? spec.max : 1,
            );
      const bitmap = packBody(one(id, value)).subarray(2, 10);
      const expected = Buffer.alloc(8);
      expected[Math.floor((id - 1) / 8)] = 0x80 >> ((id - 1) % 8);
      expect(bitmap.toString('hex'), `field ${id}`).toBe(expected.toString('hex'));
    }
  });

  it('an MTI-only message has an all-zero bitmap', () => {
    expect(packBody({ mti: '0820', fields: new Map() }).toString('hex')).toBe(
      '0820' + '0000000000000000',
    );
    expect(roundTrip({ mti: '0820', fields: new Map() }).fields.size).toBe(0);
  });
});

describe('round trips', () => {
  const cases: [number, FieldValue][] = [
    [2, '4000001234562000'],
    [2, '6222021234567890123'],
    [2, '1'],
    [2, ''],
    [3, '000000'],
    [4, '000000000001'],
    [11, '999999'],
    [12, '235959'],
    [13, '1231'],
    [14, '0001'],
    [22, '012'],
    [25, '06'],
    [35, '6222021234567890123=28122201234567890'],
    [35, '4000001234562000=2812'],
    [35, '='],
    [35, '0'],
    [35, ''],
    [37, '123456789012'],
    [37, 'ABC         '],
    [38, '0A1B2C'],
    [39, 'A0'],
    [41, '12345678'],
    [42, 'ABCDEFGHIJKLMNO'],
    [48, '0'.repeat(322)],
    [48, '~!@#$%^&*() {}'],
    [48, ''],
    [49, '156'],
    [52, Buffer.from('ffffffffffffffff', 'hex')],
    [54, '1002156C000000012345'],
    [60, '22000001000'],
    [60, '1'.repeat(17)],
    [60, '2'],
    [61, '0'.repeat(29)],
    [61, '000001000002'],
    [62, Buffer.alloc(512, 7)],
    [62, Buffer.alloc(0)],
    [63, '01 '],
    [63, 'x'.repeat(163)],
    [64, Buffer.alloc(8)],
  ];
  it.each(cases)('field %i = %j', (id, value) => {
    const back = roundTrip(one(id, value)).fields.get(id);
    const spec = FIELDS[id];
    const expected =
      typeof value === 'string' && spec?.length === 'fixed' ? value.padEnd(spec.max) : value;
    expect(back).toEqual(expected);
  });

  it('fixed an/ans come back with their padding', () => {
    expect(roundTrip(one(38, 'AB')).fields.get(38)).toBe('AB    ');
  });

  it('a message with every field round-trips', () => {
    const all = new Map<number, FieldValue>(cases.filter(([, v]) => v.length > 0).reverse());
    const back = roundTrip({ mti: '0210', fields: all });
    expect(back.mti).toBe('0210');
    expect([...back.fields.keys()]).toEqual(FIELD_NUMBERS);
  });
});

describe('pack validation', () => {
  it.each([
    ['fixed n too short', 3, '00000'],
    ['fixed n too long', 3, '0000000'],
    ['n with a letter', 4, '00000000000A'],
    ['n with a space', 11, '00001 '],
    ['LLVAR n over max', 2, '1'.repeat(20)],
    ['z over max', 35, '1'.repeat(38)],
    ['z with D instead of =', 35, '123D45'],
    ['an with punctuation', 39, 'A-'],
    ['an over fixed length', 39, '000'],
    ['ans with a control char', 41, '1234567\n'],
    ['ans with non-ASCII', 63, '银联'],
    ['LLLVAR ans over max', 63, 'x'.repeat(164)],
    ['LLLVAR an over max', 54, 'A'.repeat(21)],
    ['b given a string', 52, '0102030405060708'],
    ['b fixed too short', 64, Buffer.alloc(7)],
    ['b fixed too long', 52, Buffer.alloc(9)],
    ['LLLVAR b over max', 62, Buffer.alloc(513)],
    ['text given a Buffer', 41, Buffer.from('12345678')],
  ] as [string, number, FieldValue][])('%s', (_what, id, value) => {
    expect(codeOf(() => packBody(one(id, value)))).toBe('ISO_INVALID_VALUE');
  });

  it('refuses a field not in the table and names it', () => {
    expect(codeOf(() => packBody(one(5, '1')))).toBe('ISO_UNKNOWN_FIELD');
    expect(() => packBody(one(1, '1'))).toThrow(/field 1 /);
    expect(codeOf(() => packBody(one(65, '1')))).toBe('ISO_UNKNOWN_FIELD');
  });

  it('refuses a bad MTI', () => {
    for (const mti of ['080', '08000', '08A0', '']) {
      expect(codeOf(() => packBody({ mti, fields: new Map() }))).toBe('ISO_INVALID_VALUE');
    }
  });

  it('names the field, its format and the problem', () => {
    expect(() => packBody(one(3, '123'))).toThrow(
      'field 3 (processing code, n6): expected exactly 6 digits, got 3',
    );
    let caught: unknown;
    try {
      packBody(one(2, '1'.repeat(20)));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IsoCodecError);
    expect((caught as IsoCodecError).field).toBe(2);
    expect((caught as IsoCodecError).message).toMatch(/LLVAR n\.\.19.*20.*19/);
  });
});
