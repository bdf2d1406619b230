import commands from 'escpos/commands.js';
import iconv from 'iconv-lite';
import { Buffer } from 'node:buffer';
import type { Align, PaperWidth, PrintDocument, PrintLine } from './document';
import { columnsFor } from './document';
import { encodeRasterImage, type MonoBitmap } from './raster';
import { displayWidth, padStartToWidth, wrapToWidth } from './text-width';

/**
 * Character sets a receipt can be printed in. Chinese printers power on in their Chinese mode,
 * which reads GB18030 (GBK on older heads); the others are for imported printers without it.
 */
export type CodePage = 'gb18030' | 'big5' | 'pc437' | 'pc850' | 'pc858';

interface CodePageSpec {
  /** iconv-lite encoding of the text bytes. */
  encoding: string;
  /** Bytes that put the printer in this character set. */
  select: readonly number[];
}

const FS_CHINESE_ON = [0x1c, 0x26]; // FS &: two-byte (Chinese) character mode
const FS_CHINESE_OFF = [0x1c, 0x2e]; // FS .: back to single-byte code tables
const escT = (n: number): number[] => [0x1b, 0x74, n]; // ESC t n: character code table

export const CODE_PAGES: Readonly<Record<CodePage, CodePageSpec>> = {
  gb18030: { encoding: 'GB18030', select: FS_CHINESE_ON },
  big5: { encoding: 'big5', select: FS_CHINESE_ON },
  pc437: { encoding: 'cp437', select: [...FS_CHINESE_OFF, ...escT(0)] },
  pc850: { encoding: 'cp850', select: [...FS_CHINESE_OFF, ...escT(2)] },
  pc858: { encoding: 'cp858', select: [...FS_CHINESE_OFF, ...escT(19)] },
};

/** The cash drawer kick (ESC p m t1 t2): which connector pin, and how long the pulse lasts. */
export interface DrawerPulse {
  /** Drawer connector pin 2 (the first drawer; default) or pin 5 (a second drawer). */
  pin?: 2 | 5;
  /** Pulse on time in ms (2–510, in steps of 2; default 50). */
  onMs?: number;
  /** Pulse off time in ms (2–510, in steps of 2; default 500). */
  offMs?: number;
}

export interface EncodeOptions {
  paperWidth: PaperWidth;
  /**
   * Character set of the text. Left out: GB18030 with no command sent, the printer's power-on
   * mode (and the bytes every stored job so far has). Given: its select command follows ESC @, so
   * `'gb18030'` also brings back a printer another program left in a single-byte table.
   */
  codePage?: CodePage;
  /** Drawer kick timing for documents with openDrawer (default pin 2, 50 ms on, 500 ms off). */
  drawer?: DrawerPulse;
  /** Printed centred at the top of the document (a shop logo); cropped to the paper's width. */
  logo?: MonoBitmap;
  /**
   * false: the printer has no cutter. A document that asks for a cut gets the same feed without
   * GS V, so its last lines clear the tear bar instead of staying under the head.
   */
  cutter?: boolean;
}

// escpos' cashdraw() emits only `ESC p m` and leaves out the two pulse-timing bytes, so a printer
// would swallow whatever follows as t1/t2. We send the whole command; the defaults 25 and 250
// (× 2 ms: 50 ms on, 500 ms off) are the widely used "27,112,0,25,250" drawer code.
const DEFAULT_DRAWER_ON_MS = 50;
const DEFAULT_DRAWER_OFF_MS = 500;

const pulseUnits = (ms: number | undefined, fallback: number): number => {
  const value = ms === undefined || !Number.isFinite(ms) ? fallback : ms;
  return Math.min(255, Math.max(1, Math.round(value / 2)));
};

// Bar code look: 64 dots high, 2-dot modules (a 14-digit order number in code set C is 224 dots,
// inside a 58 mm head's 384), human-readable digits below in font A.
const BARCODE_SETUP = [0x1d, 0x68, 64, 0x1d, 0x77, 2, 0x1d, 0x48, 2, 0x1d, 0x66, 0];
const CODE128_SET_B = [0x7b, 0x42]; // "{B"
const CODE128_SET_C = [0x7b, 0x43]; // "{C"

/** Length of the run of digits in `s` from `at`. */
function digitRun(s: string, at: number): number {
  let n = 0;
  while (at + n < s.length && s.charCodeAt(at + n) >= 0x30 && s.charCodeAt(at + n) <= 0x39) n++;
  return n;
}

/**
 * `GS k 73 n d1…dn`: a Code 128 bar code. Digits go in code set C (one symbol per pair), the rest
 * in code set B (printable ASCII; anything else is left out, a literal `{` is written `{{`),
 * switching with `{C` / `{B` where a digit run is long enough to pay for the switch (4 at either
 * end, 6 in the middle). A return number `R` + 14 digits in set B alone is 15 data symbols,
 * 400 dots at 2-dot modules (440 with the quiet zones): wider than a 58 mm head (384); with the
 * switch it is 9, 246 dots. The data is cut at 255 bytes (n is one byte) between symbols, never
 * inside a `{x` pair.
 */
export function encodeCode128(data: string): Buffer {
  const text = [...data]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) <= 0x7e)
    .join('');
  // One entry per symbol's bytes (a code set switch or a literal brace is two), so that the
  // 255-byte cut below falls between symbols.
  const body: number[][] = [];
  let set: 'B' | 'C' | null = null;
  let i = 0;
  while (i < text.length) {
    const run = digitRun(text, i);
    const atEdge = i === 0 || i + run === text.length;
    if (
      set === 'C' ? run >= 2 : run >= (atEdge ? 4 : 6) || (run === text.length && run % 2 === 0)
    ) {
      // An odd run starts with one digit in set B, so that set C gets whole pairs.
      if (run % 2 === 1) {
        if (set !== 'B') body.push(CODE128_SET_B);
        set = 'B';
        body.push([text.charCodeAt(i)]);
        i += 1;
      }
      if (set !== 'C') body.push(CODE128_SET_C);
      set = 'C';
      const pairs = Math.floor((run - (run % 2)) / 2);
      for (let k = 0; k < pairs; k++, i += 2) body.push([Number(text.slice(i, i + 2))]);
      continue;
    }
    if (set !== 'B') body.push(CODE128_SET_B);
    set = 'B';
    const c = text.charCodeAt(i);
    body.push(c === 0x7b ? [0x7b, 0x7b] : [c]);
    i += 1;
  }
  if (body.length === 0) body.push(CODE128_SET_B);
  const bytes: number[] = [];
  for (const unit of body) {
    if (bytes.length + unit.length > 255) break;
    bytes.push(...unit);
  }
  return Buffer.from([...BARCODE_SETUP, 0x1d, 0x6b, 73, bytes.length, ...bytes, 0x0a]);
}

/** `ESC p m t1 t2` for the pulse; times outside 2–510 ms are clamped to it. */
export function encodeDrawerPulse(pulse: DrawerPulse = {}): Buffer {
  return Buffer.from([
    0x1b,
    0x70,
    pulse.pin === 5 ? 1 : 0,
    pulseUnits(pulse.onMs, DEFAULT_DRAWER_ON_MS),
    pulseUnits(pulse.offMs, DEFAULT_DRAWER_OFF_MS),
  ]);
}

// Printable width of the head in dots (8 dots/mm): 48 mm on 58 mm paper, 72 mm on 80 mm paper.
const PAPER_DOTS: Readonly<Record<PaperWidth, number>> = { 58: 384, 80: 576 };

function cropToWidth(image: MonoBitmap, maxWidth: number): MonoBitmap {
  if (image.width <= maxWidth) return image;
  const pixels: (number | boolean)[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < maxWidth; x++) pixels.push(image.pixels[y * image.width + x] ?? 0);
  }
  return { width: maxWidth, height: image.height, pixels };
}

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
 * The bytes escpos' Printer would produce for the calls the encoder makes, built without it:
 * its commands are ASCII strings and its text is `iconv.encode(text + EOL)`, and ASCII encodes to
 * itself in every code page we offer, so runs of commands and text are kept as one string and
 * encoded once when binary bytes (drawer pulse, bar code, logo) or the end come. Encoding each
 * line on its own through a growing buffer took most of a receipt's encoding time (issue 17).
 */
function escposWriter(encoding: string) {
  const parts: Buffer[] = [];
  let text = '';
  const flushText = () => {
    if (text !== '') parts.push(iconv.encode(text, encoding));
    text = '';
  };
  const { TEXT_FORMAT, HARDWARE, PAPER, EOL } = commands;
  const ALIGN = {
    lt: TEXT_FORMAT.TXT_ALIGN_LT,
    ct: TEXT_FORMAT.TXT_ALIGN_CT,
    rt: TEXT_FORMAT.TXT_ALIGN_RT,
  } as const;
  return {
    /** escpos' hardware('init'): ESC @. */
    init(): void {
      text += HARDWARE.HW_INIT;
    },
    align(align: keyof typeof ALIGN): void {
      text += ALIGN[align];
    },
    /** escpos' size(n, n) for n = 1 or 2: ESC ! 0, then ESC ! 0x30 for double. */
    size(factor: 1 | 2): void {
      text += TEXT_FORMAT.TXT_NORMAL;
      if (factor === 2) text += TEXT_FORMAT.TXT_4SQUARE;
    },
    /** A command of ASCII bytes (ESC E n). */
    command(ascii: string): void {
      text += ascii;
    },
    /** A line of text and its line feed, in the code page. */
    text(line: string): void {
      text += line + EOL;
    },
    bytes(data: Buffer): void {
      flushText();
      parts.push(data);
    },
    feed(lines: number): void {
      text += EOL.repeat(lines);
    },
    /** escpos' cut(true, feed): the feed, then GS V 1 (partial cut). */
    cut(feed: number): void {
      text += EOL.repeat(feed) + PAPER.PAPER_PART_CUT;
    },
    done(): Buffer {
      flushText();
      return Buffer.concat(parts);
    },
  };
}

/**
 * Encodes a document as ESC/POS bytes with GB18030 text. Every style change is emitted only when
 * it differs from the printer's current state, which is known exactly because the job starts
 * with ESC @.
 */
export function encodeDocument(doc: PrintDocument, opts: EncodeOptions): Buffer {
  const printer = escposWriter(CODE_PAGES[opts.codePage ?? 'gb18030'].encoding);
  const columns = columnsFor(opts.paperWidth);
  const current: Style = { ...PLAIN };

  const setStyle = (want: Style): void => {
    if (want.align !== current.align) {
      printer.align(ESCPOS_ALIGN[want.align]);
      current.align = want.align;
    }
    if (want.double !== current.double) {
      printer.size(want.double ? 2 : 1);
      current.double = want.double;
      // size() sends ESC ! n, which also clears emphasis on the printer.
      current.bold = false;
    }
    if (want.bold !== current.bold) {
      // Bold via ESC E only: escpos' style() also sends ESC 4/ESC 5 (which it calls italic but
      // Epson ESC/POS does not define) and an underline reset we never need.
      printer.command(
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
      case 'barcode':
        setStyle({ ...PLAIN, align: 'center' });
        printer.bytes(encodeCode128(line.data));
        return;
      case 'feed': {
        const lines = Math.min(MAX_FEED_LINES, Math.max(0, Math.floor(line.lines)));
        // escpos' feed(0) fed one line (`n || 1`): none is none.
        if (lines > 0) printer.feed(lines);
        return;
      }
    }
  };

  printer.init();
  if (opts.codePage !== undefined) printer.bytes(Buffer.from(CODE_PAGES[opts.codePage].select));
  // Kick first: the drawer opens while the receipt is still printing, not after the tear.
  if (doc.openDrawer) printer.bytes(encodeDrawerPulse(opts.drawer));
  if (opts.logo) {
    setStyle({ ...PLAIN, align: 'center' });
    // A raster image prints at once and leaves the print position at the start of the next line.
    printer.bytes(encodeRasterImage(cropToWidth(opts.logo, PAPER_DOTS[opts.paperWidth])));
  }
  for (const line of doc.lines) encodeLine(line);
  if (doc.cut && opts.cutter !== false) printer.cut(CUT_FEED_LINES);
  else if (doc.cut) printer.feed(CUT_FEED_LINES);
  return printer.done();
}
