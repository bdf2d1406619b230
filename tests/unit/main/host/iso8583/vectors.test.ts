import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  defaultHeader,
  defaultTpdu,
  frame,
  macData,
  packBody,
  unframe,
  unpackBody,
  type IsoMessage,
} from '../../../../../main/host/iso8583';

// Byte vectors written by hand from HOST-PROTOCOL.md part A, NOT produced by
// the codec: one argument per element of the frame, spaces only for reading.
function bytes(...parts: string[]): Buffer {
  return Buffer.from(parts.join('').replace(/\s+/g, ''), 'hex');
}
const hex = (s: string): Buffer => bytes(s);

// Sign-in 0800: fields 11, 41, 42, 60, 63; default TPDU and header.
const SIGN_IN_FRAME = bytes(
  '003C', // LEN = 60 = 5 (TPDU) + 6 (HEADER) + 49 (body), big-endian
  '60 0003 0000', // TPDU: id 60, destination NII 0003, source NII 0000
  '60 31 00 00 00 00', // HEADER, default
  '08 00', // MTI 0800, packed BCD
  // Bitmap. Field f is bit (f-1)%8 from the top of byte (f-1)/8:
  // byte1 0x20 = field 11; byte5 0x80|0x40 = 41, 42; byte7 0x10|0x02 = 60, 63.
  '00 20 00 00 00 C0 00 12',
  '00 00 01', // 11 trace n6 "000001"
  '31 32 33 34 35 36 37 38', // 41 terminal ans8 "12345678" in ASCII
  '31 32 33 34 35 36 37 38 39 30 31 32 33 34 35', // 42 merchant ans15 "123456789012345"
  '00 11', // 60 LLLVAR length: 11 digits, 2 bytes BCD "0011"
  '00 00 00 01 00 30', // 60 "00" "000001" "003", left-aligned, trailing 0 nibble (odd)
  '00 03', // 63 LLLVAR length: 3 bytes
  '30 31 20', // 63 operator "01 " in ASCII
);

const SIGN_IN: IsoMessage = {
  mti: '0800',
  fields: new Map<number, string | Buffer>([
    [11, '000001'],
    [41, '12345678'],
    [42, '123456789012345'],
    [60, '00000001003'],
    [63, '01 '],
  ]),
};

// Sale 0200: fields 2, 3, 4, 11, 14, 22, 25, 35, 41, 42, 49, 52, 60, 64.
const SALE_FRAME = bytes(
  '0076', // LEN = 118 = 11 + 107 (body)
  '60 0003 0000', // TPDU
  '60 31 00 00 00 00', // HEADER
  '02 00', // MTI 0200
  // Bitmap: byte0 0x40|0x20|0x10 = 2, 3, 4; byte1 0x20|0x04 = 11, 14;
  // byte2 0x04 = 22; byte3 0x80 = 25; byte4 0x20 = 35; byte5 0xC0 = 41, 42;
  // byte6 0x80|0x10 = 49, 52; byte7 0x10|0x01 = 60, 64.
  '70 24 04 80 20 C0 90 11',
  '19', // 2 LLVAR length: 19 digits, 1 byte BCD
  '62 22 02 12 34 56 78 90 12 30', // 2 PAN 6222021234567890123, left-aligned, trailing 0 nibble
  '00 00 00', // 3 processing code n6 000000
  '00 00 00 01 23 45', // 4 amount n12 000000012345 (123.45 yuan)
  '00 00 02', // 11 trace n6 000002
  '28 12', // 14 expiry n4 2812
  '00 21', // 22 entry mode n3 021: fixed n is right-aligned, so a leading 0 nibble
  '00', // 25 condition code n2 00
  '35', // 35 LLVAR length: 35 characters
  // 35 track 2 "6222021234567890123=281222012345678": '=' is nibble D,
  // left-aligned, 35 nibbles + a trailing 0 nibble = 18 bytes
  '62 22 02 12 34 56 78 90 12 3D 28 12 22 01 23 45 67 80',
  '31 32 33 34 35 36 37 38', // 41 terminal ans8
  '31 32 33 34 35 36 37 38 39 30 31 32 33 34 35', // 42 merchant ans15
  '31 35 36', // 49 currency an3 "156"
  '11 22 33 44 55 66 77 88', // 52 PIN block b8 (opaque bytes to the codec)
  '00 11', // 60 LLLVAR length: 11 digits
  '22 00 00 01 00 00', // 60 "22" "000001" "000" + trailing 0 nibble
  'A1 B2 C3 D4 E5 F6 07 18', // 64 MAC b8
);

const SALE: IsoMessage = {
  mti: '0200',
  fields: new Map<number, string | Buffer>([
    [2, '6222021234567890123'],
    [3, '000000'],
    [4, '000000012345'],
    [11, '000002'],
    [14, '2812'],
    [22, '021'],
    [25, '00'],
    [35, '6222021234567890123=281222012345678'],
    [41, '12345678'],
    [42, '123456789012345'],
    [49, '156'],
    [52, hex('1122334455667788')],
    [60, '22000001000'],
    [64, hex('A1B2C3D4E5F60718')],
  ]),
};

function framed(msg: IsoMessage): Buffer {
  return frame({ tpdu: defaultTpdu(), header: defaultHeader(), body: packBody(msg) });
}

function expectSameMessage(actual: IsoMessage, expected: IsoMessage): void {
  expect(actual.mti).toBe(expected.mti);
  expect([...actual.fields.keys()]).toEqual([...expected.fields.keys()].sort((a, b) => a - b));
  for (const [id, value] of expected.fields) {
    expect(actual.fields.get(id), `field ${id}`).toEqual(value);
  }
}

const FRAME_HEAD = 2 + 5 + 6;

describe('hand-written frames', () => {
  it('the vectors have the lengths they declare', () => {
    expect(SIGN_IN_FRAME.length).toBe(2 + 0x3c);
    expect(SALE_FRAME.length).toBe(2 + 0x76);
  });

  it('packs and frames a sign-in 0800 to the hand-written bytes', () => {
    expect(framed(SIGN_IN).toString('hex')).toBe(SIGN_IN_FRAME.toString('hex'));
  });

  it('packs and frames a sale 0200 to the hand-written bytes', () => {
    expect(framed(SALE).toString('hex')).toBe(SALE_FRAME.toString('hex'));
  });

  it('packs fields in ascending order whatever order the Map has', () => {
    const shuffled: IsoMessage = { mti: '0200', fields: new Map([...SALE.fields].reverse()) };
    expect(framed(shuffled).equals(SALE_FRAME)).toBe(true);
  });

  it('unframes and unpacks both vectors back to the messages', () => {
    for (const [wire, msg] of [
      [SIGN_IN_FRAME, SIGN_IN],
      [SALE_FRAME, SALE],
    ] as const) {
      const f = unframe(wire);
      expect(f.tpdu.toString('hex')).toBe('6000030000');
      expect(f.header.toString('hex')).toBe('603100000000');
      expectSameMessage(unpackBody(f.body), msg);
    }
  });

  it('macData: the sale body less field 64, the whole sign-in body (no 64)', () => {
    const saleBody = SALE_FRAME.subarray(FRAME_HEAD);
    // Ends with field 60's data: the last byte before the MAC is 60's "00".
    expect(macData(saleBody).toString('hex')).toBe(saleBody.toString('hex').slice(0, -16));
    expect(macData(saleBody).subarray(-6).toString('hex')).toBe('220000010000');
    const signInBody = SIGN_IN_FRAME.subarray(FRAME_HEAD);
    expect(macData(signInBody).equals(signInBody)).toBe(true);
  });
});
