import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { columnsFor } from '../../../../native/printer/document';
import type { PaperWidth, PrintDocument } from '../../../../native/printer/document';
import { decodeEscPos } from '../../../../native/printer/escpos-decoder';
import { encodeDocument } from '../../../../native/printer/escpos-encoder';
import { displayWidth } from '../../../../native/printer/text-width';

const receipt: PrintDocument = {
  openDrawer: false,
  cut: true,
  lines: [
    { kind: 'text', text: '培训商户', align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: '签购单 POS SALES SLIP', align: 'center' },
    { kind: 'rule', char: '=' },
    { kind: 'pair', left: '商户编号', right: '123456789012345' },
    { kind: 'pair', left: '终端编号', right: '12345678' },
    { kind: 'pair', left: '卡号 CARD NO.', right: '622202******1234' },
    { kind: 'pair', left: '金额 AMOUNT', right: '¥1,234.56', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: '重打印 DUPLICATE', align: 'right' },
    { kind: 'feed', lines: 1 },
  ],
};

function indexOfBytes(haystack: Buffer, needle: number[]): number {
  return haystack.indexOf(Buffer.from(needle));
}

describe.each([58, 80] as PaperWidth[])('round trip at %i mm', (paperWidth) => {
  const columns = columnsFor(paperWidth);
  const decoded = decodeEscPos(encodeDocument(receipt, { paperWidth }));
  const texts = decoded.lines.map((line) => line.text);

  it('decodes cleanly', () => {
    expect(decoded.unknownCommands).toBe(0);
    expect(decoded.cuts).toBe(1);
    expect(decoded.drawerKicks).toBe(0);
  });

  it('keeps double size, bold and centring on the title', () => {
    expect(decoded.lines[0]).toEqual({
      text: '培训商户',
      align: 'center',
      bold: true,
      double: true,
    });
    expect(decoded.lines[1]).toEqual({
      text: '签购单 POS SALES SLIP',
      align: 'center',
      bold: false,
      double: false,
    });
  });

  it('right-aligns pair values to exactly the paper width by display width', () => {
    for (const [label, value] of [
      ['商户编号', '123456789012345'],
      ['终端编号', '12345678'],
      ['卡号 CARD NO.', '622202******1234'],
      ['金额 AMOUNT', '¥1,234.56'],
    ] as const) {
      const line = decoded.lines.find((l) => l.text.startsWith(label));
      expect(line, label).toBeDefined();
      expect(line?.align).toBe('left');
      expect(displayWidth(line?.text ?? '')).toBe(columns);
      expect(line?.text.endsWith(value)).toBe(true);
    }
    expect(decoded.lines.find((l) => l.text.startsWith('金额'))?.bold).toBe(true);
    expect(decoded.lines.find((l) => l.text.startsWith('商户编号'))?.bold).toBe(false);
  });

  it('fills rules to the paper width', () => {
    expect(texts).toContain('='.repeat(columns));
    expect(texts).toContain('-'.repeat(columns));
  });

  it('keeps right alignment on text lines', () => {
    expect(decoded.lines.find((l) => l.text === '重打印 DUPLICATE')?.align).toBe('right');
  });
});

describe('wrapping', () => {
  it('wraps long text within the paper width and double text within half of it', () => {
    const consent = '本人确认以上交易，同意将其记入本卡账户。I ACKNOWLEDGE SATISFACTORY RECEIPT';
    for (const paperWidth of [58, 80] as PaperWidth[]) {
      const columns = columnsFor(paperWidth);
      const decoded = decodeEscPos(
        encodeDocument(
          {
            cut: false,
            lines: [
              { kind: 'text', text: consent },
              { kind: 'text', text: '培训商户收银台测试门店名称', size: 'double' },
            ],
          },
          { paperWidth },
        ),
      );
      const normal = decoded.lines.filter((l) => !l.double);
      const double = decoded.lines.filter((l) => l.double);
      expect(normal.length).toBeGreaterThan(1);
      expect(normal.every((l) => displayWidth(l.text) <= columns)).toBe(true);
      expect(
        normal
          .map((l) => l.text)
          .join('')
          .replace(/ /g, ''),
      ).toBe(consent.replace(/ /g, ''));
      expect(double.every((l) => displayWidth(l.text) <= columns / 2)).toBe(true);
      expect(double.map((l) => l.text).join('')).toBe('培训商户收银台测试门店名称');
    }
  });

  it('moves a value that does not fit beside its label to its own right-aligned line', () => {
    const label = '交易参考号 REFERENCE NUMBER';
    const value = '1234567890123';
    const decoded = decodeEscPos(
      encodeDocument(
        { cut: false, lines: [{ kind: 'pair', left: label, right: value }] },
        { paperWidth: 58 },
      ),
    );
    expect(decoded.lines.map((l) => l.text)).toEqual([
      label,
      ' '.repeat(32 - value.length) + value,
    ]);
  });

  it('turns newlines into separate lines and control characters into spaces', () => {
    const decoded = decodeEscPos(
      encodeDocument(
        { cut: false, lines: [{ kind: 'text', text: '第一行\n第二\x1b@行\tEND' }] },
        { paperWidth: 80 },
      ),
    );
    expect(decoded.lines.map((l) => l.text)).toEqual(['第一行', '第二 @行 END']);
    expect(decoded.unknownCommands).toBe(0);
  });
});

describe('bytes on the wire', () => {
  it('starts with ESC @ and encodes Chinese as GB18030', () => {
    const bytes = encodeDocument(receipt, { paperWidth: 58 });
    expect([...bytes.subarray(0, 2)]).toEqual([0x1b, 0x40]);
    expect(indexOfBytes(bytes, [0xc5, 0xe0, 0xd1, 0xb5])).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from('培训', 'utf8'))).toBe(false);
    expect(iconv.decode(iconv.encode('签购单', 'gb18030'), 'gb18030')).toBe('签购单');
    expect(bytes.includes(iconv.encode('签购单', 'gb18030'))).toBe(true);
  });

  it('kicks the drawer (ESC p 0 t1 t2, pin 2) right after initialising', () => {
    const bytes = encodeDocument({ cut: false, openDrawer: true, lines: [] }, { paperWidth: 80 });
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x70, 0x00]);
    expect(bytes.length).toBe(7);
    expect(decodeEscPos(bytes)).toMatchObject({ drawerKicks: 1, unknownCommands: 0, lines: [] });
  });

  it('feeds past the cutter then cuts with GS V', () => {
    const bytes = encodeDocument(
      { cut: true, lines: [{ kind: 'text', text: 'END' }] },
      { paperWidth: 80 },
    );
    const tail = [...bytes.subarray(bytes.length - 3)];
    expect(tail[0]).toBe(0x1d);
    expect(tail[1]).toBe(0x56);
    expect([0, 1]).toContain(tail[2]);
    expect(bytes[bytes.length - 4]).toBe(0x0a);
    const decoded = decodeEscPos(bytes);
    expect(decoded.cuts).toBe(1);
    expect(decoded.lines[0]?.text).toBe('END');
  });

  it('emits no drawer kick and no cut unless asked', () => {
    const bytes = encodeDocument(
      { cut: false, lines: [{ kind: 'text', text: 'A' }] },
      { paperWidth: 58 },
    );
    expect(indexOfBytes(bytes, [0x1b, 0x70])).toBe(-1);
    expect(indexOfBytes(bytes, [0x1d, 0x56])).toBe(-1);
  });

  it('feeds exactly the requested number of blank lines, none for zero', () => {
    const lf = (doc: PrintDocument) =>
      [...encodeDocument(doc, { paperWidth: 58 })].filter((b) => b === 0x0a).length;
    expect(lf({ cut: false, lines: [{ kind: 'feed', lines: 3 }] })).toBe(3);
    expect(lf({ cut: false, lines: [{ kind: 'feed', lines: 0 }] })).toBe(0);
  });

  it('re-sends bold after a size change, since ESC ! clears it on the printer', () => {
    const decoded = decodeEscPos(
      encodeDocument(
        {
          cut: false,
          lines: [
            { kind: 'text', text: 'A', bold: true },
            { kind: 'text', text: 'B', bold: true, size: 'double' },
            { kind: 'text', text: 'C', bold: true },
            { kind: 'text', text: 'D' },
          ],
        },
        { paperWidth: 80 },
      ),
    );
    expect(decoded.lines.map((l) => [l.text, l.bold, l.double])).toEqual([
      ['A', true, false],
      ['B', true, true],
      ['C', true, false],
      ['D', false, false],
    ]);
  });
});
