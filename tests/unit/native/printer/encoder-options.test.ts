import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../../../native/printer/document';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import {
  encodeDocument,
  encodeDrawerPulse,
  type CodePage,
} from '../../../../native/printer/escpos-encoder';
import { bitmapFromRows, encodeRasterImage } from '../../../../native/printer/raster';

const doc: PrintDocument = {
  cut: false,
  lines: [{ kind: 'text', text: 'Café 培训 ABC' }],
};
const at = (bytes: Buffer, needle: number[]): number => bytes.indexOf(Buffer.from(needle));

describe('code page', () => {
  it('left out: GB18030 text and no select command (the bytes stored jobs already have)', () => {
    const bytes = encodeDocument(doc, { paperWidth: 58 });
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect(at(bytes, [0x1c, 0x26])).toBe(-1);
    expect(bytes.includes(iconv.encode('培训', 'gb18030'))).toBe(true);
  });

  it.each([
    ['gb18030', [0x1c, 0x26], 'GB18030'],
    ['big5', [0x1c, 0x26], 'big5'],
    ['pc437', [0x1c, 0x2e, 0x1b, 0x74, 0], 'cp437'],
    ['pc850', [0x1c, 0x2e, 0x1b, 0x74, 2], 'cp850'],
    ['pc858', [0x1c, 0x2e, 0x1b, 0x74, 19], 'cp858'],
  ] as [CodePage, number[], string][])(
    '%s: select command after ESC @, text in it',
    (page, select, enc) => {
      const bytes = encodeDocument(doc, { paperWidth: 58, codePage: page });
      expect([...bytes.subarray(0, 2 + select.length)]).toEqual([0x1b, 0x40, ...select]);
      expect(bytes.includes(iconv.encode('Café', enc))).toBe(true);
      const decoded = decodeEscPos(bytes);
      expect(decoded.unknownCommands).toBe(0);
      expect(decoded.lines).toHaveLength(1);
    },
  );
});

describe('drawer pulse', () => {
  it('defaults to pin 2, 50 ms on, 500 ms off', () => {
    expect([...encodeDrawerPulse()]).toEqual([0x1b, 0x70, 0, 25, 250]);
  });

  it('pin 5 and custom times in 2 ms units', () => {
    expect([...encodeDrawerPulse({ pin: 5, onMs: 100, offMs: 200 })]).toEqual([
      0x1b, 0x70, 1, 50, 100,
    ]);
  });

  it('clamps times to what the command can say (2–510 ms)', () => {
    expect([...encodeDrawerPulse({ onMs: 0, offMs: 10_000 })]).toEqual([0x1b, 0x70, 0, 1, 255]);
    expect([...encodeDrawerPulse({ onMs: Number.NaN })].slice(3)).toEqual([25, 250]);
  });

  it('a document that opens the drawer uses the configured pulse', () => {
    const bytes = encodeDocument(
      { cut: false, openDrawer: true, lines: [] },
      { paperWidth: 80, drawer: { pin: 5, onMs: 120, offMs: 240 } },
    );
    expect([...bytes]).toEqual([0x1b, 0x40, 0x1b, 0x70, 1, 60, 120]);
    expect(decodeEscPos(bytes).drawerKicks).toBe(1);
  });
});

describe('logo', () => {
  const logo = bitmapFromRows(['.####.', '#....#', '.####.']);

  it('prints centred after the drawer kick and before the first line, then back to left', () => {
    const bytes = encodeDocument(
      { cut: false, openDrawer: true, lines: [{ kind: 'text', text: 'SHOP' }] },
      { paperWidth: 58, logo },
    );
    const raster = encodeRasterImage(logo);
    const kick = at(bytes, [0x1b, 0x70]);
    const centre = at(bytes, [0x1b, 0x61, 0x01]);
    const image = bytes.indexOf(raster);
    const left = at(bytes, [0x1b, 0x61, 0x00]);
    const text = bytes.indexOf(Buffer.from('SHOP'));
    expect(kick).toBeGreaterThan(0);
    expect(centre).toBeGreaterThan(kick);
    expect(image).toBeGreaterThan(centre);
    expect(left).toBeGreaterThan(image);
    expect(text).toBeGreaterThan(left);
    const decoded = decodeEscPos(bytes);
    expect(decoded.unknownCommands).toBe(0);
    expect(decoded.lines).toEqual([{ text: 'SHOP', align: 'left', bold: false, double: false }]);
  });

  it('is cropped to the paper: 384 dots on 58 mm, 576 on 80 mm', () => {
    const wide = { width: 600, height: 1, pixels: new Uint8Array(600).fill(1) };
    const on58 = encodeDocument({ cut: false, lines: [] }, { paperWidth: 58, logo: wide });
    const on80 = encodeDocument({ cut: false, lines: [] }, { paperWidth: 80, logo: wide });
    const header = (bytes: Buffer) => {
      const i = at(bytes, [0x1d, 0x76, 0x30]);
      return [...bytes.subarray(i + 4, i + 8)];
    };
    expect(header(on58)).toEqual([48, 0, 1, 0]);
    expect(header(on80)).toEqual([72, 0, 1, 0]);
  });
});
