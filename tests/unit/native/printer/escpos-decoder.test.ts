import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { PrintDocument } from '../../../../native/printer/document';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';

// mulberry32: a tiny seeded PRNG so a failing fuzz case reproduces.
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? iconv.encode(p, 'gb18030') : Buffer.from(p))),
  );

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

describe('decodeEscPos', () => {
  it('reads text with alignment, bold and size as set when the line began', () => {
    const decoded = decodeEscPos(
      bytes(
        [ESC, 0x40, ESC, 0x61, 1, ESC, 0x21, 0x30, ESC, 0x45, 1],
        '培训',
        [LF, ESC, 0x21, 0, ESC, 0x61, 2],
        'R',
        [ESC, 0x61, 0, ESC, 0x45, 1],
        'r',
        [LF],
      ),
    );
    expect(decoded.lines).toEqual([
      { text: '培训', align: 'center', bold: true, double: true },
      { text: 'Rr', align: 'right', bold: false, double: false },
    ]);
  });

  it('understands GS ! sizes, ESC ! bold, ESC d feeds and both cut forms', () => {
    const decoded = decodeEscPos(
      bytes([GS, 0x21, 0x11], 'big', [LF, GS, 0x21, 0x00, ESC, 0x21, 0x08], 'bold', [
        ESC,
        0x64,
        2,
        GS,
        0x56,
        0x42,
        3,
        GS,
        0x56,
        0x01,
      ]),
    );
    expect(decoded.lines.map((l) => [l.text, l.bold, l.double])).toEqual([
      ['big', false, true],
      ['bold', true, false],
      ['', true, false],
    ]);
    expect(decoded.cuts).toBe(2);
    expect(decoded.unknownCommands).toBe(0);
  });

  it('skips the toggles and settings escpos emits without counting them unknown', () => {
    const decoded = decodeEscPos(
      bytes(
        [ESC, 0x34, ESC, 0x35, ESC, 0x2d, 0, ESC, 0x4d, 1, ESC, 0x32, ESC, 0x33, 30],
        [ESC, 0x20, 0, ESC, 0x3f, LF, 0, ESC, 0x72, 0, GS, 0x42, 0x31, 0x0d],
        'ok',
        [0x0d, LF],
      ),
    );
    expect(decoded.lines.map((l) => l.text)).toEqual(['ok']);
    expect(decoded.unknownCommands).toBe(0);
  });

  it('counts drawer kicks and returns a trailing line without LF', () => {
    const decoded = decodeEscPos(bytes([ESC, 0x70, 0, 25, 250, ESC, 0x70, 1, 25, 250], '末行'));
    expect(decoded.drawerKicks).toBe(2);
    expect(decoded.lines).toEqual([{ text: '末行', align: 'left', bold: false, double: false }]);
  });

  it('counts unknown and truncated commands and carries on past unknown ones', () => {
    const decoded = decodeEscPos(bytes([ESC, 0xff], 'A', [LF, 0x01], 'B', [LF, ESC, 0x61]));
    expect(decoded.lines.map((l) => l.text)).toEqual(['A', 'B']);
    expect(decoded.unknownCommands).toBe(3);
  });

  it('accepts a Uint8Array view into a larger buffer', () => {
    const backing = new Uint8Array([0x41, 0x42, 0x43, LF, 0x44]);
    expect(decodeEscPos(backing.subarray(1, 4)).lines.map((l) => l.text)).toEqual(['BC']);
  });

  it('never throws on 2,000 seeded random byte arrays', () => {
    const random = seeded(20240611);
    // Bias towards command prefixes so parameter parsing is exercised, not just text.
    const interesting = [ESC, GS, 0x1c, 0x10, LF, 0x0d, 0x00, 0x81, 0xfe, 0x30];
    for (let n = 0; n < 2000; n++) {
      const length = Math.floor(random() * 300);
      const input = new Uint8Array(length);
      for (let k = 0; k < length; k++) {
        input[k] =
          random() < 0.3
            ? (interesting[Math.floor(random() * interesting.length)] as number)
            : Math.floor(random() * 256);
      }
      const decoded = decodeEscPos(input);
      expect(Array.isArray(decoded.lines)).toBe(true);
      expect(decoded.unknownCommands).toBeGreaterThanOrEqual(0);
    }
  });

  it('never throws on any truncation of a real receipt', () => {
    const doc: PrintDocument = {
      openDrawer: true,
      cut: true,
      lines: [
        { kind: 'text', text: '培训商户', align: 'center', bold: true, size: 'double' },
        { kind: 'pair', left: '金额 AMOUNT', right: '¥1,234.56', bold: true },
        { kind: 'rule' },
        { kind: 'text', text: '持卡人签名 CARDHOLDER SIGNATURE', align: 'right' },
      ],
    };
    const full = encodeDocument(doc, { paperWidth: 58 });
    const complete = decodeEscPos(full);
    for (let end = 0; end <= full.length; end++) {
      const decoded = decodeEscPos(full.subarray(0, end));
      expect(decoded.lines.length).toBeLessThanOrEqual(complete.lines.length);
      expect(decoded.cuts).toBeLessThanOrEqual(1);
    }
    for (let start = 0; start <= full.length; start++) {
      expect(() => decodeEscPos(full.subarray(start))).not.toThrow();
    }
  });
});
