import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import { charWidth, displayWidth, padEndToWidth, truncateToWidth } from '../printer/text-width';
import type { DisplayLines } from './types';

/*
 * The command subset every ESC/POS-style pole display (Epson DM-D and the common CD5220-type
 * clones in their ESC/POS mode) understands:
 *
 *   ESC @   initialise: clear the screen, cursor home, overwrite mode
 *   CLR     0x0C: clear the screen and put the cursor home
 *   HOM     0x0B: cursor to the top left, screen kept
 *   CR, LF  cursor to the start of the line / down one line
 *
 * In overwrite mode the cursor runs on from the end of the top line to the start of the bottom
 * line and from the end of the bottom line back home, so "HOM + 2 × 20 cells" repaints both lines
 * without the flicker a CLR before each update gives.
 */

export const VFD_COLUMNS = 20;
export const VFD_ROWS = 2;

export const ESC_INIT: Buffer = Buffer.from([0x1b, 0x40]);
export const CLR = 0x0c;
export const HOM = 0x0b;
const CR = 0x0d;
const LF = 0x0a;
const BS = 0x08;
const HT = 0x09;
const ESC = 0x1b;

/**
 * Text bytes: 'gb18030' for displays with a Chinese font (ASCII bytes are the same either way);
 * 'ascii' for displays without one, where anything else shows as '?'.
 */
export type VfdEncoding = 'gb18030' | 'ascii';

export interface VfdOptions {
  columns?: number;
  encoding?: VfdEncoding;
}

// Control characters in data would reach the display as commands.
function printable(s: string, encoding: VfdEncoding): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += ' ';
    else if (encoding === 'ascii' && cp >= 0x80) out += '?';
    else out += ch;
  }
  return out;
}

/** One line laid out to exactly `columns` cells (a wide character that doesn't fit becomes a space). */
export function fitLine(
  text: string,
  columns = VFD_COLUMNS,
  encoding: VfdEncoding = 'gb18030',
): string {
  return padEndToWidth(truncateToWidth(printable(text, encoding), columns), columns);
}

function encodeText(text: string, encoding: VfdEncoding): Buffer {
  return encoding === 'ascii' ? Buffer.from(text, 'latin1') : iconv.encode(text, 'gb18030');
}

/** The bytes that repaint both lines: HOM, then the two lines of exactly `columns` cells each. */
export function encodeShow(lines: DisplayLines, opts: VfdOptions = {}): Buffer {
  const columns = opts.columns ?? VFD_COLUMNS;
  const encoding = opts.encoding ?? 'gb18030';
  const text = fitLine(lines[0], columns, encoding) + fitLine(lines[1], columns, encoding);
  return Buffer.concat([Buffer.from([HOM]), encodeText(text, encoding)]);
}

export function encodeClear(): Buffer {
  return Buffer.from([CLR]);
}

/**
 * What a display shows after receiving bytes: a model of the screen fed with the commands above,
 * for the simulated display and for tests that read what a driver sent.
 */
export class VfdScreen {
  readonly columns: number;
  private cells: string[][] = [];
  private row = 0;
  private col = 0;
  private pending: number[] = [];

  constructor(columns = VFD_COLUMNS) {
    this.columns = columns;
    this.clear();
  }

  private clear(): void {
    this.cells = Array.from({ length: VFD_ROWS }, () => Array<string>(this.columns).fill(' '));
    this.row = 0;
    this.col = 0;
  }

  private advance(): void {
    this.col += 1;
    if (this.col >= this.columns) {
      this.col = 0;
      this.row = (this.row + 1) % VFD_ROWS;
    }
  }

  private put(ch: string): void {
    const width = charWidth(ch);
    // A wide glyph never straddles the end of a line: it starts on the next one.
    if (width === 2 && this.col === this.columns - 1) {
      (this.cells[this.row] as string[])[this.col] = ' ';
      this.advance();
    }
    (this.cells[this.row] as string[])[this.col] = ch;
    this.advance();
    if (width === 2) {
      (this.cells[this.row] as string[])[this.col] = '';
      this.advance();
    }
  }

  feed(bytes: Uint8Array): void {
    const data = this.pending.length > 0 ? [...this.pending, ...bytes] : [...bytes];
    this.pending = [];
    let i = 0;
    while (i < data.length) {
      const b = data[i] as number;
      if (b === ESC) {
        if (i + 1 >= data.length) {
          this.pending = data.slice(i);
          return;
        }
        if (data[i + 1] === 0x40) this.clear();
        i += 2; // other ESC x: not modelled
      } else if (b === CLR) {
        this.clear();
        i += 1;
      } else if (b === HOM) {
        this.row = 0;
        this.col = 0;
        i += 1;
      } else if (b === CR) {
        this.col = 0;
        i += 1;
      } else if (b === LF) {
        this.row = (this.row + 1) % VFD_ROWS;
        i += 1;
      } else if (b === BS) {
        this.col = Math.max(0, this.col - 1);
        i += 1;
      } else if (b === HT) {
        this.advance();
        i += 1;
      } else if (b < 0x80) {
        if (b >= 0x20 && b !== 0x7f) this.put(String.fromCharCode(b));
        i += 1;
      } else {
        // GB18030: 2 bytes (lead 0x81–0xFE, trail 0x40–0xFE) or 4 (second byte a digit).
        const len = data[i + 1] !== undefined && (data[i + 1] as number) <= 0x39 ? 4 : 2;
        if (i + len > data.length) {
          this.pending = data.slice(i);
          return;
        }
        this.put(iconv.decode(Buffer.from(data.slice(i, i + len)), 'gb18030'));
        i += len;
      }
    }
  }

  /** Both lines as shown, each `columns` cells wide. */
  lines(): [string, string] {
    const [top, bottom] = this.cells.map((row) => row.join('')) as [string, string];
    return [top, bottom];
  }
}

/** What `bytes` leave on a fresh display: both lines, trailing spaces kept. */
export function decodeVfd(bytes: Uint8Array, columns = VFD_COLUMNS): [string, string] {
  const screen = new VfdScreen(columns);
  screen.feed(bytes);
  return screen.lines();
}

// --- what the customer sees -------------------------------------------------------------------

export interface AmountLineOptions {
  columns?: number;
  /** Put before the amount, e.g. '¥' on a display with that glyph. Default none. */
  symbol?: string;
}

/** Integer fen as yuan with thousands separators: 123456 → "1,234.56", -5 → "-0.05". */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount must be whole fen, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** Label flush left, value flush right, on one line of `columns` cells; the label gives way. */
export function labelValueLine(label: string, value: string, columns = VFD_COLUMNS): string {
  const v = truncateToWidth(value, columns);
  const room = columns - displayWidth(v) - 1;
  const l = room > 0 ? truncateToWidth(label, room) : '';
  return padEndToWidth(l, columns - displayWidth(v)) + v;
}

export interface AmountDueLabels {
  due: string;
}

export interface ChangeLabels {
  paid: string;
  change: string;
}

/** ASCII, so they show on any display; pass 应付 / 实收 / 找零 for one with a Chinese font. */
export const DEFAULT_AMOUNT_DUE_LABELS: AmountDueLabels = { due: 'TOTAL' };
export const DEFAULT_CHANGE_LABELS: ChangeLabels = { paid: 'PAID', change: 'CHANGE' };

/** Amount due: "TOTAL        1,234.56" on the top line, the bottom line blank. */
export function amountDueLines(
  fen: number,
  labels: AmountDueLabels = DEFAULT_AMOUNT_DUE_LABELS,
  opts: AmountLineOptions = {},
): [string, string] {
  const value = `${opts.symbol ?? ''}${formatYuan(fen)}`;
  return [labelValueLine(labels.due, value, opts.columns), ''];
}

/** After a cash sale: what the customer handed over, and the change. */
export function changeLines(
  paidFen: number,
  changeFen: number,
  labels: ChangeLabels = DEFAULT_CHANGE_LABELS,
  opts: AmountLineOptions = {},
): [string, string] {
  const symbol = opts.symbol ?? '';
  return [
    labelValueLine(labels.paid, `${symbol}${formatYuan(paidFen)}`, opts.columns),
    labelValueLine(labels.change, `${symbol}${formatYuan(changeFen)}`, opts.columns),
  ];
}
