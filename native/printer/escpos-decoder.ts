import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Align } from './document';

export interface DecodedLine {
  text: string;
  align: Align;
  bold: boolean;
  /** Characters enlarged (double width and/or height) when the line started. */
  double: boolean;
  /** A bar code printed on this line (GS k); `text` is then its human-readable data. */
  barcode?: { symbology: 'code128' | 'other'; data: string };
}

export interface DecodedReceipt {
  lines: DecodedLine[];
  cuts: number;
  drawerKicks: number;
  unknownCommands: number;
}

const LF = 0x0a;
const CR = 0x0d;
const HT = 0x09;
const FF = 0x0c;
const NUL = 0x00;
const DEL = 0x7f;
const DLE = 0x10;
const ESC = 0x1b;
const FS = 0x1c;
const GS = 0x1d;

const code = (ch: string): number => ch.charCodeAt(0);

// Total length (prefix included) of fixed-length commands that only change state we don't model
// or that we read separately below. Lengths per the Epson ESC/POS reference, plus escpos' own
// extras (ESC 4/5, ESC ? LF NUL, ESC O/l/Q margins).
const ESC_FIXED = new Map<number, number>([
  [code('2'), 2],
  [code('4'), 2],
  [code('5'), 2],
  [code('<'), 2],
  [code('L'), 2],
  [code('S'), 2],
  [code('3'), 3],
  [code(' '), 3],
  [code('%'), 3],
  [code('-'), 3],
  [code('='), 3],
  [code('?'), 4],
  [code('G'), 3],
  [code('M'), 3],
  [code('O'), 3],
  [code('Q'), 3],
  [code('R'), 3],
  [code('T'), 3],
  [code('U'), 3],
  [code('V'), 3],
  [code('c'), 4],
  [code('l'), 3],
  [code('r'), 3],
  [code('t'), 3],
  [code('{'), 3],
  [code('$'), 4],
  [code('\\'), 4],
  [code('B'), 4],
  [code('W'), 10],
]);
const GS_FIXED = new Map<number, number>([
  [code('B'), 3],
  [code('H'), 3],
  [code('I'), 3],
  [code('a'), 3],
  [code('b'), 3],
  [code('f'), 3],
  [code('h'), 3],
  [code('w'), 3],
  [code('E'), 3],
  [code('L'), 4],
  [code('W'), 4],
  [code('P'), 4],
  [code('$'), 4],
  [code('\\'), 4],
]);
const FS_FIXED = new Map<number, number>([
  [code('&'), 2],
  [code('.'), 2],
  [code('!'), 3],
  [code('-'), 3],
  [code('W'), 3],
  [code('p'), 4],
]);
const DLE_FIXED = new Map<number, number>([
  [0x04, 3], // DLE EOT n: real-time status
  [0x05, 3], // DLE ENQ n
  [0x14, 5], // DLE DC4 fn m t
]);

interface State {
  align: Align;
  bold: boolean;
  widthMag: number;
  heightMag: number;
}

const initialState = (): State => ({ align: 'left', bold: false, widthMag: 1, heightMag: 1 });

function alignOf(n: number): Align {
  if (n === 1 || n === 49) return 'center';
  if (n === 2 || n === 50) return 'right';
  return 'left';
}

/** The characters a Code 128 payload stands for: `{C` pairs as two digits, `{A`/`{B` as ASCII. */
function code128Text(payload: Buffer): string {
  let set = 'B' as 'A' | 'B' | 'C';
  let out = '';
  for (let k = 0; k < payload.length; k++) {
    const c = payload[k] as number;
    if (c === 0x7b && k + 1 < payload.length) {
      const sel = payload[k + 1] as number;
      k += 1;
      if (sel === 0x41) set = 'A';
      else if (sel === 0x42) set = 'B';
      else if (sel === 0x43) set = 'C';
      else if (sel === 0x7b) out += '{';
      continue;
    }
    out += set === 'C' ? String(c).padStart(2, '0') : String.fromCharCode(c);
  }
  return out;
}

/**
 * Reads ESC/POS bytes back into lines of text with their attributes. Built for the command
 * subset our encoder (via escpos) emits plus common commands other drivers send, and total over
 * arbitrary input: a command it doesn't know, or one cut short by the end of the data, is counted
 * in `unknownCommands` and skipped, never thrown.
 */
export function decodeEscPos(bytes: Uint8Array): DecodedReceipt {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: DecodedReceipt = { lines: [], cuts: 0, drawerKicks: 0, unknownCommands: 0 };
  let state = initialState();
  let text: number[] = [];
  // Attributes are those in force when the line's first character arrived, as on paper.
  let lineStyle: Omit<DecodedLine, 'text'> | null = null;

  const snapshot = (): Omit<DecodedLine, 'text'> => ({
    align: state.align,
    bold: state.bold,
    double: state.widthMag > 1 || state.heightMag > 1,
  });
  const endLine = (): void => {
    const style = lineStyle ?? snapshot();
    out.lines.push({ text: iconv.decode(Buffer.from(text), 'gb18030'), ...style });
    text = [];
    lineStyle = null;
  };
  const flushPending = (): void => {
    if (text.length > 0) endLine();
  };

  let i = 0;
  // Byte `offset` places into the command at `i`; undefined when the data ends first.
  const at = (offset: number): number | undefined => data[i + offset];

  // Handles one command starting at `i` (prefix byte `b`); returns its length, or null when the
  // data ends inside it.
  const decodeCommand = (b: number): number | null => {
    const op = at(1);
    if (b !== ESC && b !== GS && b !== FS && b !== DLE) {
      out.unknownCommands += 1;
      return 1;
    }
    if (op === undefined) return null;
    const need = (n: number): boolean => i + n <= data.length;

    if (b === ESC) {
      switch (op) {
        case code('@'):
          // Initialise also discards whatever sits unprinted in the line buffer.
          state = initialState();
          text = [];
          lineStyle = null;
          return 2;
        case code('a'):
          if (!need(3)) return null;
          state.align = alignOf(at(2) as number);
          return 3;
        case code('E'):
          if (!need(3)) return null;
          state.bold = ((at(2) as number) & 1) === 1;
          return 3;
        case code('!'): {
          if (!need(3)) return null;
          const n = at(2) as number;
          state.bold = (n & 0x08) !== 0;
          state.heightMag = n & 0x10 ? 2 : 1;
          state.widthMag = n & 0x20 ? 2 : 1;
          return 3;
        }
        case code('d'): {
          // Prints the buffer (even if empty) and feeds n lines: n = 1 is exactly LF.
          if (!need(3)) return null;
          const n = at(2) as number;
          if (n === 0) flushPending();
          for (let k = 0; k < n; k++) endLine();
          return 3;
        }
        case code('J'):
          if (!need(3)) return null;
          flushPending();
          return 3;
        case code('p'):
          if (!need(5)) return null;
          out.drawerKicks += 1;
          return 5;
        case code('i'):
        case code('m'):
          flushPending();
          out.cuts += 1;
          return 2;
        case code('*'): {
          if (!need(5)) return null;
          const dots = (at(3) as number) + (at(4) as number) * 256;
          const total = 5 + dots * ((at(2) as number) >= 32 ? 3 : 1);
          return need(total) ? total : null;
        }
      }
      const fixed = ESC_FIXED.get(op);
      if (fixed !== undefined) return need(fixed) ? fixed : null;
      out.unknownCommands += 1;
      return 2;
    }

    if (b === GS) {
      switch (op) {
        case code('!'): {
          if (!need(3)) return null;
          const n = at(2) as number;
          state.widthMag = ((n >> 4) & 0x07) + 1;
          state.heightMag = (n & 0x07) + 1;
          return 3;
        }
        case code('V'): {
          if (!need(3)) return null;
          const m = at(2) as number;
          const len = m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4;
          if (!need(len)) return null;
          flushPending();
          out.cuts += 1;
          return len;
        }
        case code('v'): {
          // GS v 0 m xL xH yL yH d1…dk: raster image, k = (xL + xH·256) × (yL + yH·256).
          if (!need(8)) return null;
          const w = (at(4) as number) + (at(5) as number) * 256;
          const h = (at(6) as number) + (at(7) as number) * 256;
          const total = 8 + w * h;
          return need(total) ? total : null;
        }
        case code('k'): {
          // GS k m d1…dk NUL (m 0–6) or GS k m n d1…dn (m 65–79): a bar code on a line of its own.
          if (!need(3)) return null;
          const m = at(2) as number;
          let start = i + 3;
          let end: number;
          let next: number;
          if (m <= 6) {
            end = data.indexOf(NUL, start);
            if (end < 0) return null;
            next = end + 1;
          } else {
            if (!need(4)) return null;
            start = i + 4;
            end = start + (at(3) as number);
            if (end > data.length) return null;
            next = end;
          }
          flushPending();
          const payload = data.subarray(start, end);
          const barcode =
            m === 73
              ? { symbology: 'code128' as const, data: code128Text(payload) }
              : { symbology: 'other' as const, data: payload.toString('latin1') };
          out.lines.push({ text: barcode.data, ...snapshot(), barcode });
          return next - i;
        }
        case code('('): {
          // GS ( fn pL pH …: pL + pH·256 parameter bytes follow.
          if (!need(5)) return null;
          const total = 5 + (at(3) as number) + (at(4) as number) * 256;
          return need(total) ? total : null;
        }
      }
      const fixed = GS_FIXED.get(op);
      if (fixed !== undefined) return need(fixed) ? fixed : null;
      out.unknownCommands += 1;
      return 2;
    }

    const fixed = (b === FS ? FS_FIXED : DLE_FIXED).get(op);
    if (fixed !== undefined) return need(fixed) ? fixed : null;
    out.unknownCommands += 1;
    return 2;
  };

  while (i < data.length) {
    const b = data[i] as number;

    if (b >= 0x20 && b !== DEL) {
      if (lineStyle === null) lineStyle = snapshot();
      text.push(b);
      i += 1;
      continue;
    }
    if (b === LF || b === FF) {
      endLine();
      i += 1;
      continue;
    }
    if (b === HT) {
      if (lineStyle === null) lineStyle = snapshot();
      text.push(0x20);
      i += 1;
      continue;
    }
    if (b === CR || b === NUL || b === DEL) {
      i += 1;
      continue;
    }

    const len = decodeCommand(b);
    if (len === null) {
      // Truncated: nothing after this can be a complete command's parameters.
      out.unknownCommands += 1;
      break;
    }
    i += len;
  }
  flushPending();
  return out;
}
