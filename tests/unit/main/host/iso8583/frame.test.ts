import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HEADER_HEX,
  DEFAULT_TPDU_HEX,
  FrameReader,
  IsoCodecError,
  defaultHeader,
  defaultTpdu,
  frame,
  swapTpdu,
  unframe,
} from '../../../../../main/host/iso8583';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function f(bodyHex: string): Buffer {
  return frame({ tpdu: defaultTpdu(), header: defaultHeader(), body: hex(bodyHex) });
}

describe('frame / unframe', () => {
  it('frames as LEN(2, BE) ‖ TPDU ‖ HEADER ‖ body', () => {
    expect(f('08000000000000000000').toString('hex')).toBe(
      '0015' + '6000030000' + '603100000000' + '08000000000000000000',
    );
    expect(DEFAULT_TPDU_HEX).toBe('6000030000');
    expect(DEFAULT_HEADER_HEX).toBe('603100000000');
  });

  it('the defaults are fresh copies', () => {
    const a = defaultTpdu();
    a[0] = 0;
    expect(defaultTpdu().toString('hex')).toBe('6000030000');
  });

  it('refuses a TPDU or header of the wrong size', () => {
    expect(() => frame({ tpdu: hex('60'), header: defaultHeader(), body: hex('') })).toThrow(
      IsoCodecError,
    );
    expect(() => frame({ tpdu: defaultTpdu(), header: hex('6031'), body: hex('') })).toThrow(
      /header must be 6 bytes, got 2/,
    );
    expect(() =>
      frame({ tpdu: defaultTpdu(), header: defaultHeader(), body: Buffer.alloc(65525) }),
    ).toThrow(/2-byte length/);
  });

  it('unframe splits and copies', () => {
    const wire = f('0800');
    const parts = unframe(wire);
    expect(parts.tpdu.toString('hex')).toBe('6000030000');
    expect(parts.header.toString('hex')).toBe('603100000000');
    expect(parts.body.toString('hex')).toBe('0800');
    wire.fill(0);
    expect(parts.body.toString('hex')).toBe('0800');
  });
});

describe('swapTpdu', () => {
  it('swaps destination and source NII, keeping the id byte', () => {
    expect(swapTpdu(hex('60 0003 0000')).toString('hex')).toBe('6000000003');
    expect(swapTpdu(hex('60 1234 5678')).toString('hex')).toBe('6056781234');
    expect(swapTpdu(swapTpdu(hex('60 1234 5678'))).toString('hex')).toBe('6012345678');
    expect(() => swapTpdu(hex('600003'))).toThrow(IsoCodecError);
  });
});

describe('FrameReader', () => {
  const a = f('0800 0000000000000000');
  const b = f('0810 0000000000000000 AA');

  it('returns whole frames, length included', () => {
    expect(new FrameReader().push(a)).toEqual([a]);
  });

  it('joins a frame split across chunks, byte by byte', () => {
    const reader = new FrameReader();
    const out: Buffer[] = [];
    for (let i = 0; i < a.length; i++) out.push(...reader.push(a.subarray(i, i + 1)));
    expect(out).toEqual([a]);
    expect(reader.buffered).toBe(0);
  });

  it('splits several frames in one chunk and keeps the partial rest', () => {
    const reader = new FrameReader();
    const stream = Buffer.concat([a, b, a]);
    expect(reader.push(stream.subarray(0, a.length + b.length + 3))).toEqual([a, b]);
    expect(reader.buffered).toBe(3);
    expect(reader.push(stream.subarray(a.length + b.length + 3))).toEqual([a]);
  });

  it('is not disturbed by the caller reusing its chunk buffer', () => {
    const reader = new FrameReader();
    const chunk = Buffer.from(a.subarray(0, 5));
    expect(reader.push(chunk)).toEqual([]);
    chunk.fill(0xff);
    expect(reader.push(a.subarray(5))).toEqual([a]);
  });

  it('refuses a declared length over the maximum, then stays failed', () => {
    const reader = new FrameReader();
    let caught: unknown;
    try {
      reader.push(hex('2001'));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IsoCodecError);
    expect((caught as IsoCodecError).code).toBe('ISO_FRAME_TOO_LARGE');
    expect((caught as IsoCodecError).message).toContain('8193');
    expect(() => reader.push(a)).toThrow(IsoCodecError);
  });

  it('returns the frames before a bad length, then fails on the next push', () => {
    const reader = new FrameReader();
    expect(reader.push(Buffer.concat([a, hex('FFFF 00')]))).toEqual([a]);
    expect(() => reader.push(Buffer.alloc(0))).toThrow(/declares 65535 bytes/);
  });

  it('takes a smaller maximum, refuses a length below TPDU + header', () => {
    expect(() => new FrameReader(100).push(hex('0065'))).toThrow(/declares 101 bytes/);
    expect(new FrameReader(100).push(hex('0064'))).toEqual([]);
    expect(() => new FrameReader().push(hex('000A'))).toThrow(IsoCodecError);
    expect(() => new FrameReader(5)).toThrow(IsoCodecError);
  });

  it('8192 itself is accepted', () => {
    const big = frame({
      tpdu: defaultTpdu(),
      header: defaultHeader(),
      body: Buffer.alloc(8192 - 11),
    });
    expect(new FrameReader().push(big)).toEqual([big]);
  });
});
