import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import {
  bitmapFromRows,
  encodeRasterImage,
  MAX_RASTER_WIDTH,
  packRows,
} from '../../../../native/printer/raster';

describe('packRows', () => {
  it('puts the leftmost dot in the top bit and pads each row to a byte', () => {
    const image = bitmapFromRows(['#.........', '.#.......#']);
    expect(image.width).toBe(10);
    expect([...packRows(image)]).toEqual([0x80, 0x00, 0x40, 0x40]);
  });

  it('takes booleans and numbers alike', () => {
    const image = { width: 8, height: 1, pixels: [true, false, 1, 0, true, true, false, 1] };
    expect([...packRows(image)]).toEqual([0b10101101]);
  });
});

describe('encodeRasterImage', () => {
  it('is GS v 0 m xL xH yL yH with x in bytes and y in rows', () => {
    const image = bitmapFromRows(['########', '#......#', '########']);
    const bytes = encodeRasterImage(image);
    expect([...bytes]).toEqual([0x1d, 0x76, 0x30, 0x00, 1, 0, 3, 0, 0xff, 0x81, 0xff]);
  });

  it('writes widths over 255 bytes and heights over 255 rows little-endian', () => {
    const width = MAX_RASTER_WIDTH;
    const height = 300;
    const bytes = encodeRasterImage(
      { width, height, pixels: new Uint8Array(width * height).fill(1) },
      height,
    );
    expect([...bytes.subarray(0, 8)]).toEqual([0x1d, 0x76, 0x30, 0, 72, 0, 300 & 0xff, 1]);
    expect(bytes.length).toBe(8 + 72 * 300);
  });

  it('splits a tall image into bands that print back to back', () => {
    const rows = Array.from({ length: 5 }, (_, y) => (y % 2 ? '#' : '.').repeat(9));
    const bytes = encodeRasterImage(bitmapFromRows(rows), 2);
    // 3 bands (2 + 2 + 1 rows) of 2 bytes per row.
    expect([...bytes]).toEqual([
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0x00, 0x00, 0xff, 0x80],
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 2, 0, 0x00, 0x00, 0xff, 0x80],
      ...[0x1d, 0x76, 0x30, 0, 2, 0, 1, 0, 0x00, 0x00],
    ]);
  });

  it('is skipped whole by the decoder', () => {
    const logo = encodeRasterImage(bitmapFromRows(['#'.repeat(40), '.'.repeat(40)]));
    const decoded = decodeEscPos(Buffer.concat([logo, Buffer.from('OK\n')]));
    expect(decoded.unknownCommands).toBe(0);
    expect(decoded.lines.map((l) => l.text)).toEqual(['OK']);
  });

  it('refuses sizes a printer cannot take and pixel arrays of the wrong length', () => {
    expect(() => encodeRasterImage({ width: 0, height: 1, pixels: [] })).toThrow(RangeError);
    expect(() =>
      encodeRasterImage({ width: MAX_RASTER_WIDTH + 1, height: 1, pixels: new Uint8Array(577) }),
    ).toThrow(RangeError);
    expect(() => encodeRasterImage({ width: 8, height: 0, pixels: [] })).toThrow(RangeError);
    expect(() => encodeRasterImage({ width: 8, height: 1, pixels: [1, 0] })).toThrow(RangeError);
    expect(() => encodeRasterImage(bitmapFromRows(['#']), 0)).toThrow(RangeError);
  });
});
