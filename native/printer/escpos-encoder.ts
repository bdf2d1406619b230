import Printer from 'escpos/printer.js';
import commands from 'escpos/commands.js';
import { Buffer } from 'node:buffer';
import type { Align, PaperWidth, PrintDocument, PrintLine } from './document';
import { columnsFor } from './document';
import { displayWidth, padStartToWidth, wrapToWidth } from './text-width';

export interface EncodeOptions {
  paperWidth: PaperWidth;
}

// escpos' cashdraw() emits only `ESC p m` and leaves out the two pulse-timing bytes, so a printer
// would swallow whatever follows as t1/t2. We append them: 25 and 250 (× 2 ms: 50 ms on, 500 ms
// off), the widely used "27,112,0,25,250" drawer code.
const DRAWER_PULSE = Buffer.from([25, 250]);
// Lines fed before the cut so the last printed line clears the cutter blade.
const CUT_FEED_LINES = 4;
const MAX_FEED_LINES = 255;

interface Style {
  align: Align;
  bold: boolean;
  double: boolean;
}

const ESCPOS_ALIGN = { left: 'lt', center: 'ct', right: 'rt' } as const;
const PLAIN: Style = { align: 'left', bold: false, double: false };

// Control characters in data (a merchant name typed with a tab, a stray ESC) would otherwise reach
// the printer as commands.
function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    out += cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? ' ' : ch;
  }
  return out;
}

/**
 * Encodes a document as ESC/POS bytes with GB18030 text. Every style change is emitted only when
 * it differs from the printer's current state, which is known exactly because the job starts
 * with ESC @.
 */
export function encodeDocument(doc: PrintDocument, opts: EncodeOptions): Buffer {
  const chunks: Buffer[] = [];
  const printer = new Printer(
    {
      write(data, callback) {
        chunks.push(Buffer.from(data));
        callback?.(null);
      },
    },
    { encoding: 'GB18030' },
  );
  const columns = columnsFor(opts.paperWidth);
  const current: Style = { ...PLAIN };

  const setStyle = (want: Style): void => {
    if (want.align !== current.align) {
      printer.align(ESCPOS_ALIGN[want.align]);
      current.align = want.align;
    }
    if (want.double !== current.double) {
      const factor = want.double ? 2 : 1;
      printer.size(factor, factor);
      current.double = want.double;
      // size() sends ESC ! n, which also clears emphasis on the printer.
      current.bold = false;
    }
    if (want.bold !== current.bold) {
      // Bold via ESC E only: escpos' style() also sends ESC 4/ESC 5 (which it calls italic but
      // Epson ESC/POS does not define) and an underline reset we never need.
      printer.print(
        want.bold ? commands.TEXT_FORMAT.TXT_BOLD_ON : commands.TEXT_FORMAT.TXT_BOLD_OFF,
      );
      current.bold = want.bold;
    }
  };

  const emit = (text: string, style: Style): void => {
    setStyle(style);
    printer.text(text);
  };

  const encodeLine = (line: PrintLine): void => {
    switch (line.kind) {
      case 'text': {
        const double = line.size === 'double';
        const style: Style = { align: line.align ?? 'left', bold: line.bold ?? false, double };
        const width = double ? Math.floor(columns / 2) : columns;
        for (const paragraph of line.text.split(/\r\n|\r|\n/)) {
          for (const wrapped of wrapToWidth(printable(paragraph), width)) emit(wrapped, style);
        }
        return;
      }
      case 'pair': {
        const style: Style = { ...PLAIN, bold: line.bold ?? false };
        const left = printable(line.left);
        const right = printable(line.right);
        const lw = displayWidth(left);
        const rw = displayWidth(right);
        const gap = lw > 0 && rw > 0 ? 1 : 0;
        if (rw === 0) {
          for (const wrapped of wrapToWidth(left, columns)) emit(wrapped, style);
        } else if (lw + gap + rw <= columns) {
          emit(left + ' '.repeat(columns - lw - rw) + right, style);
        } else {
          if (lw > 0) for (const wrapped of wrapToWidth(left, columns)) emit(wrapped, style);
          for (const wrapped of wrapToWidth(right, columns)) {
            emit(padStartToWidth(wrapped, columns), style);
          }
        }
        return;
      }
      case 'rule':
        emit((line.char ?? '-').repeat(columns), PLAIN);
        return;
      case 'feed': {
        const lines = Math.min(MAX_FEED_LINES, Math.max(0, Math.floor(line.lines)));
        // escpos' feed(0) would still feed one line (`n || 1`).
        if (lines > 0) printer.feed(lines);
        return;
      }
    }
  };

  printer.hardware('init');
  // Kick first: the drawer opens while the receipt is still printing, not after the tear.
  if (doc.openDrawer) printer.cashdraw(2).print(DRAWER_PULSE);
  for (const line of doc.lines) encodeLine(line);
  if (doc.cut) printer.cut(true, CUT_FEED_LINES);
  printer.flush();
  return Buffer.concat(chunks);
}
