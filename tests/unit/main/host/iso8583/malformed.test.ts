import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  FrameReader,
  IsoCodecError,
  defaultHeader,
  defaultTpdu,
  frame,
  macData,
  packBody,
  unframe,
  unpackBody,
  type IsoMessage,
} from '../../../../../main/host/iso8583';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** The error thrown, which must be a codec error. */
function codecError(fn: () => unknown): IsoCodecError {
  try {
    fn();
  } catch (e) {
    if (e instanceof IsoCodecError) return e;
    throw new Error(`expected an IsoCodecError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected an IsoCodecError, nothing was thrown');
}

function decode(wire: Buffer): IsoMessage {
  return unpackBody(unframe(wire).body);
}

const SALE: IsoMessage = {
  mti: '0200',
  fields: new Map<number, string | Buffer>([
    [2, '6222021234567890123'],
    [3, '000000'],
    [4, '000000012345'],
    [11, '000002'],
    [22, '021'],
    [35, '6222021234567890123=281222012345678'],
    [41, '12345678'],
    [42, '123456789012345'],
    [48, 'detail'],
    [49, '156'],
    [52, Buffer.alloc(8, 1)],
    [60, '22000001000'],
    [62, Buffer.alloc(40, 2)],
    [64, Buffer.alloc(8, 3)],
  ]),
};
const VALID = frame({ tpdu: defaultTpdu(), header: defaultHeader(), body: packBody(SALE) });

/** MTI 0800 + bitmap, then `rest`, for hand-made bodies. */
function body(bitmapHex: string, rest = ''): Buffer {
  return hex(`0800 ${bitmapHex} ${rest}`);
}

describe('malformed frames', () => {
  it('a buffer shorter than the length prefix', () => {
    expect(codecError(() => unframe(Buffer.alloc(0))).code).toBe('ISO_TRUNCATED');
    expect(codecError(() => unframe(hex('00'))).code).toBe('ISO_TRUNCATED');
  });

  it('a declared length below TPDU + header', () => {
    expect(codecError(() => unframe(hex('0003 600003'))).code).toBe('ISO_BAD_FRAME');
  });

  it('a declared length larger than the buffer, and smaller', () => {
    const longer = Buffer.from(VALID);
    longer.writeUInt16BE(VALID.length - 1, 0);
    expect(codecError(() => unframe(longer)).code).toBe('ISO_TRUNCATED');
    const shorter = Buffer.from(VALID);
    shorter.writeUInt16BE(VALID.length - 3, 0);
    const err = codecError(() => unframe(shorter));
    expect(err.code).toBe('ISO_TRAILING_BYTES');
    expect(err.message).toContain(`declared length ${VALID.length - 3}`);
  });

  it('truncation at every byte of a valid frame', () => {
    for (let cut = 0; cut < VALID.length; cut++) {
      const part = VALID.subarray(0, cut);
      expect(codecError(() => decode(part)).code, `cut at ${cut}`).toBe('ISO_TRUNCATED');
    }
    expect(decode(VALID).fields.size).toBe(SALE.fields.size);
  });

  it('a body cut at every byte, with the frame length fixed up to match', () => {
    const full = packBody(SALE);
    for (let cut = 0; cut < full.length; cut++) {
      const err = codecError(() => unpackBody(full.subarray(0, cut)));
      expect(err.code, `cut at ${cut}`).toBe('ISO_TRUNCATED');
    }
  });
});

describe('malformed bodies', () => {
  it('a bitmap bit for a field not in the table', () => {
    // byte0 0x08 = field 5
    const err = codecError(() => unpackBody(body('0800000000000000', '000000')));
    expect(err.code).toBe('ISO_UNKNOWN_FIELD');
    expect(err.field).toBe(5);
    expect(err.message).toContain('field 5');
  });

  it('a bad bitmap bit is reported even when an earlier field is garbage', () => {
    // fields 2 and 5: field 2's bytes are missing, yet the error is about field 5
    expect(codecError(() => unpackBody(body('4800000000000000'))).code).toBe('ISO_UNKNOWN_FIELD');
  });

  it('a secondary bitmap', () => {
    const err = codecError(() => unpackBody(body('8000000000000000', '00'.repeat(8))));
    expect(err.code).toBe('ISO_SECONDARY_BITMAP');
  });

  it('a bad BCD nibble in the MTI, a fixed n field and an LLVAR length', () => {
    expect(codecError(() => unpackBody(hex('08A0 0000000000000000'))).code).toBe('ISO_BAD_BCD');
    // field 11 = 00 0A 01
    const inField = codecError(() => unpackBody(body('0020000000000000', '000A01')));
    expect(inField.code).toBe('ISO_BAD_BCD');
    expect(inField.field).toBe(11);
    expect(inField.offset).toBe(11);
    // field 2, length byte 1A
    expect(
      codecError(() => unpackBody(body('4000000000000000', '1A' + '00'.repeat(13)))).code,
    ).toBe('ISO_BAD_BCD');
  });

  it('a non-zero pad nibble, and a D nibble outside track 2', () => {
    // field 22 n3 = 1021: the leading pad nibble must be 0
    expect(codecError(() => unpackBody(body('0000040000000000', '1021'))).code).toBe('ISO_BAD_BCD');
    // field 2, 3 digits "123" then pad F
    expect(codecError(() => unpackBody(body('4000000000000000', '03 123F'))).code).toBe(
      'ISO_BAD_BCD',
    );
    expect(codecError(() => unpackBody(body('4000000000000000', '02 1D'))).code).toBe(
      'ISO_BAD_BCD',
    );
    // the same D in track 2 is '='
    expect(unpackBody(body('0000000020000000', '02 1D')).fields.get(35)).toBe('1=');
    // but E in track 2 is not
    expect(codecError(() => unpackBody(body('0000000020000000', '02 1E'))).code).toBe(
      'ISO_BAD_BCD',
    );
  });

  it('oversize LLVAR / LLLVAR declared lengths', () => {
    const pan = codecError(() => unpackBody(body('4000000000000000', '20' + '11'.repeat(10))));
    expect(pan.code).toBe('ISO_BAD_LENGTH');
    expect(pan.message).toContain('declared length 20');
    expect(pan.message).toContain('maximum 19');
    // field 63 declares 164 bytes
    expect(
      codecError(() => unpackBody(body('0000000000000002', '0164' + '41'.repeat(164)))).code,
    ).toBe('ISO_BAD_LENGTH');
    // field 62 declares 0999 with a 2-byte buffer
    expect(codecError(() => unpackBody(body('0000000000000004', '0999 0000'))).code).toBe(
      'ISO_BAD_LENGTH',
    );
    // LLL prefix with a non-zero first nibble
    expect(codecError(() => unpackBody(body('0000000000000004', '1001 00'))).code).toBe(
      'ISO_BAD_BCD',
    );
  });

  it('trailing bytes after the last field', () => {
    const err = codecError(() => unpackBody(Buffer.concat([packBody(SALE), hex('00')])));
    expect(err.code).toBe('ISO_TRAILING_BYTES');
    expect(codecError(() => unpackBody(body('0000000000000000', 'FF'))).code).toBe(
      'ISO_TRAILING_BYTES',
    );
  });

  it('macData checks the body can hold what the bitmap says', () => {
    expect(codecError(() => macData(hex('0200'))).code).toBe('ISO_TRUNCATED');
    expect(codecError(() => macData(body('0000000000000001', '0000'))).code).toBe('ISO_TRUNCATED');
  });
});

/** A small seeded PRNG (mulberry32) so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('random input', () => {
  /** Decodes; a message that decodes must pack back to the same bytes unless its text isn't ASCII. */
  function check(wire: Buffer, label: string): 'ok' | 'error' {
    let msg: IsoMessage;
    try {
      msg = decode(wire);
    } catch (e) {
      if (e instanceof IsoCodecError) return 'error';
      throw new Error(`${label}: ${wire.toString('hex')} threw ${String(e)}`, { cause: e });
    }
    try {
      expect(packBody(msg).equals(unframe(wire).body), label).toBe(true);
    } catch (e) {
      if (!(e instanceof IsoCodecError && e.code === 'ISO_INVALID_VALUE')) throw e;
    }
    return 'ok';
  }

  it('5,000 seeded random byte strings give a codec error or a message, never another exception', () => {
    const rnd = prng(8583);
    const counts = { ok: 0, error: 0 };
    for (let i = 0; i < 5000; i++) {
      const kind = i % 3;
      let wire: Buffer;
      if (kind === 0) {
        // Pure noise of any length.
        wire = Buffer.from(
          Array.from({ length: Math.floor(rnd() * 120) }, () => (rnd() * 256) | 0),
        );
      } else if (kind === 1) {
        // A consistent length prefix, random TPDU/header/body: exercises the body parser.
        const bodyLen = 10 + Math.floor(rnd() * 100);
        const b = Buffer.from(Array.from({ length: bodyLen }, () => (rnd() * 256) | 0));
        // Keep the bitmap to table fields half of the time so parsing goes deep.
        if (rnd() < 0.5) {
          const allowed = hex('70 3C 04 80 2E C1 94 1F'); // exactly the table's fields
          for (let j = 2; j < 10; j++) b[j] = (b[j] ?? 0) & (allowed[j - 2] ?? 0);
          b[0] = 0x02;
          b[1] = 0x10;
        }
        wire = frame({ tpdu: defaultTpdu(), header: defaultHeader(), body: b });
      } else {
        // A valid frame with a few bytes changed.
        wire = Buffer.from(VALID);
        const flips = 1 + Math.floor(rnd() * 4);
        for (let f = 0; f < flips; f++) {
          wire[2 + Math.floor(rnd() * (wire.length - 2))] = (rnd() * 256) | 0;
        }
      }
      counts[check(wire, `case ${i}`)]++;
      // The same bytes as a stream: frames or a codec error, nothing else.
      try {
        for (const fr of new FrameReader(256).push(wire)) check(fr, `stream ${i}`);
      } catch (e) {
        if (!(e instanceof IsoCodecError)) throw e;
      }
    }
    // Both outcomes happen, so the test exercises more than the length check.
    expect(counts.ok).toBeGreaterThan(300); // 789 with this seed
    expect(counts.error).toBeGreaterThan(3000); // 4211 with this seed
  });

  it('a FrameReader fed random chunk splits of valid frames returns them whole', () => {
    const rnd = prng(42);
    const stream = Buffer.concat([VALID, VALID, VALID, VALID]);
    for (let round = 0; round < 200; round++) {
      const reader = new FrameReader();
      const got: Buffer[] = [];
      let at = 0;
      while (at < stream.length) {
        const n = 1 + Math.floor(rnd() * 150);
        got.push(...reader.push(stream.subarray(at, at + n)));
        at += n;
      }
      expect(got.length).toBe(4);
      for (const f of got) expect(f.equals(VALID)).toBe(true);
      expect(reader.buffered).toBe(0);
    }
  });
});
