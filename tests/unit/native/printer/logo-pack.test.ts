import { describe, expect, it } from 'vitest';
import { unpackRows } from '../../../../native/printer/raster';
import { packRows } from '../../../../renderer/src/lib/pack-rows';

describe('receipt logo packing (screen → settings → printer)', () => {
  it('packs rows MSB first and unpacks to the same dots, odd widths included', () => {
    const width = 13;
    const height = 5;
    const black = (x: number, y: number) => (x * 7 + y * 3) % 4 === 0;
    const logo = packRows(width, height, black);
    // ⌈13 / 8⌉ = 2 bytes a row → 10 bytes → 16 base64 characters.
    expect(logo.packed).toHaveLength(16);
    const back = unpackRows(width, height, Buffer.from(logo.packed, 'base64'));
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) expect(back.pixels[y * width + x]).toBe(black(x, y) ? 1 : 0);
  });

  it('puts the first dot of a row in the high bit', () => {
    const logo = packRows(8, 1, (x) => x === 0);
    expect([...Buffer.from(logo.packed, 'base64')]).toEqual([0x80]);
  });
});
