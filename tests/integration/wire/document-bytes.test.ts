import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../support/core';
import { cardTill, type CardTill } from '../cards/harness';
import { encodeDocument } from '../../../native/printer/escpos-encoder';
import { decodeEscPos, textOf } from './escpos-decoder';

const LOGO = {
  width: 600,
  height: 300,
  pixels: Array.from({ length: 600 * 300 }, (_, i) => i % 3),
};

describe('ESC/POS document bytes: logo, code page, drawer, styles, widths', () => {
  it.each([58, 80] as const)(
    '%i mm: a logo wider than the head is cropped, sent in bands; text within the columns',
    (paperWidth) => {
      const bytes = encodeDocument(
        {
          openDrawer: true,
          cut: true,
          lines: [
            {
              kind: 'text',
              text: '测试便利店 一个很长很长很长很长很长的店名',
              size: 'double',
              bold: true,
              align: 'center',
            },
            {
              kind: 'pair',
              left: '商品金额 GROSS AMOUNT OF ALL THE LINES',
              right: 'RMB 999,999.99',
            },
            {
              kind: 'text',
              text: 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
            },
            { kind: 'rule', char: '=' },
            { kind: 'barcode', data: 'R20261124000001' },
            { kind: 'text', text: '\u001b@ \u0007 控制字符', align: 'right' },
          ],
        },
        { paperWidth, codePage: 'gb18030', logo: LOGO },
      );
      const job = decodeEscPos(bytes);
      const dots = paperWidth === 58 ? 384 : 576;
      const columns = paperWidth === 58 ? 32 : 48;
      expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]); // ESC @, FS & (GB18030 two-byte mode)
      expect(job.kicks).toEqual([[0, 25, 250]]);
      const rasters = job.events.filter((e) => e.startsWith('raster'));
      expect(rasters).toEqual([
        `raster@0:${dots}x128`,
        `raster@0:${dots}x128`,
        `raster@0:${dots}x44`,
      ]);
      for (const l of job.lines) expect(l.columns, l.text).toBeLessThanOrEqual(columns);
      expect(job.barcodes[0]!.dots).toBeLessThanOrEqual(dots);
      expect(job.lines.at(-1)?.text ?? '').toBe(''); // feed lines before the cut
      expect(textOf(job)).toContain('控制字符');
      expect(job.events.at(-1)).toBe(`cut@${job.lines.length}`);
    },
  );
});

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

describe('a printer without a cutter (peripherals.cut off)', () => {
  it('gets no GS V, but the same feed, so the last line clears the tear bar', async () => {
    till = await cardTill({
      asTechnician: async (core) => {
        const now = await ok<{ peripherals: Record<string, unknown> }>(core, 'peripherals:get');
        await ok(core, 'peripherals:save', {
          ...now,
          peripherals: { ...now.peripherals, cut: false },
        });
      },
    });
    await ok(till.core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });
    const [bytes] = await till.printer.waitForJobs(1);
    const job = decodeEscPos(bytes!);
    expect(job.cuts).toEqual([]);
    const lastText = job.lines.findLastIndex((l) => l.text.trim() !== '');
    expect(job.lines[lastText]!.text).toContain('谢谢惠顾');
    // What follows the last printed line: the receipt's own feed plus the 4 lines a cut would feed.
    expect(job.lines.length - 1 - lastText).toBeGreaterThanOrEqual(5);
  });
});
