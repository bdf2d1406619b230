import iconv from 'iconv-lite';

/**
 * An acceptance-side ESC/POS reader, written from the Epson command reference
 * and not from native/printer: every byte of a job must belong to a command
 * it knows or to GB18030 text, and it reports what a printer would do with
 * them: lines with their style, bar codes with their real symbol width, cuts
 * and drawer pulses. Anything it does not recognise is an error, not skipped.
 */
export interface EscLine {
  text: string;
  /** Printer columns the line takes (ASCII 1, GB18030 multi-byte 2; ×2 in double width). */
  columns: number;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  doubleWidth: boolean;
  doubleHeight: boolean;
}

export interface EscBarcode {
  type: number;
  codeSet: 'A' | 'B' | 'C';
  /** The characters it encodes (digits for set C). */
  data: string;
  /** Printed width in dots: modules × GS w. */
  dots: number;
  height: number;
  hri: number;
}

export interface EscJob {
  lines: EscLine[];
  barcodes: EscBarcode[];
  /** [pin, t1, t2] of each ESC p. */
  kicks: Array<[number, number, number]>;
  cuts: number[];
  inits: number;
  /** Index in `lines` before which each bar code, cut or kick came. */
  events: string[];
  codePageSelects: string[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;

export function decodeEscPos(job: Buffer): EscJob {
  const out: EscJob = {
    lines: [],
    barcodes: [],
    kicks: [],
    cuts: [],
    inits: 0,
    events: [],
    codePageSelects: [],
  };
  let align: EscLine['align'] = 'left';
  let bold = false;
  let dw = false;
  let dh = false;
  let bcHeight = 162;
  let bcModule = 3;
  let hri = 0;
  let pending: number[] = [];
  let lineStyle: Omit<EscLine, 'text' | 'columns'> | null = null;
  let i = 0;
  const need = (n: number, what: string) => {
    if (i + n > job.length) throw new Error(`${what} at ${i} runs past the end of the job`);
  };
  const flushLine = () => {
    const bytes = Buffer.from(pending);
    pending = [];
    const style = lineStyle ?? { align, bold, doubleWidth: dw, doubleHeight: dh };
    lineStyle = null;
    let columns = 0;
    for (let k = 0; k < bytes.length;) {
      const b = bytes[k]!;
      if (b < 0x80) {
        columns += 1;
        k += 1;
      } else {
        const b2 = bytes[k + 1] ?? -1;
        const four = b2 >= 0x30 && b2 <= 0x39;
        if (b < 0x81 || b > 0xfe) throw new Error(`byte ${b.toString(16)} is not GB18030`);
        if (four) {
          const b3 = bytes[k + 2] ?? -1;
          const b4 = bytes[k + 3] ?? -1;
          if (b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39)
            throw new Error(`broken 4-byte GB18030 sequence at ${k}`);
          k += 4;
        } else {
          if (!((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)))
            throw new Error(`broken 2-byte GB18030 sequence ${b.toString(16)} ${b2} in a line`);
          k += 2;
        }
        columns += 2;
      }
    }
    out.lines.push({
      text: iconv.decode(bytes, 'gb18030'),
      columns: columns * (style.doubleWidth ? 2 : 1),
      ...style,
    });
  };
  const touch = () => {
    // The style a line prints in is the one in force at its first character.
    if (pending.length === 0) lineStyle = { align, bold, doubleWidth: dw, doubleHeight: dh };
  };
  const midLine = (what: string) => {
    if (pending.length > 0 && what === 'align')
      throw new Error(
        `ESC a in the middle of a line (after ${JSON.stringify(iconv.decode(Buffer.from(pending), 'gb18030'))})`,
      );
  };
  while (i < job.length) {
    const b = job[i]!;
    if (b === 0x0a) {
      flushLine();
      i += 1;
      continue;
    }
    if (b === ESC) {
      need(2, 'ESC');
      const c = job[i + 1]!;
      switch (c) {
        case 0x40: // ESC @
          out.inits++;
          align = 'left';
          bold = dw = dh = false;
          i += 2;
          continue;
        case 0x61: {
          need(3, 'ESC a');
          midLine('align');
          const n = job[i + 2]!;
          const a = (
            { 0: 'left', 48: 'left', 1: 'center', 49: 'center', 2: 'right', 50: 'right' } as const
          )[n as 0];
          if (!a) throw new Error(`ESC a ${n}`);
          align = a;
          i += 3;
          continue;
        }
        case 0x21: {
          need(3, 'ESC !');
          const n = job[i + 2]!;
          bold = (n & 0x08) !== 0;
          dh = (n & 0x10) !== 0;
          dw = (n & 0x20) !== 0;
          i += 3;
          continue;
        }
        case 0x45:
          need(3, 'ESC E');
          bold = (job[i + 2]! & 1) === 1;
          i += 3;
          continue;
        case 0x74:
          need(3, 'ESC t');
          out.codePageSelects.push(`ESC t ${job[i + 2]}`);
          i += 3;
          continue;
        case 0x64:
          need(3, 'ESC d');
          for (let k = 0; k < job[i + 2]!; k++) flushLine();
          i += 3;
          continue;
        case 0x70: {
          need(5, 'ESC p');
          const m = job[i + 2]!;
          if (![0, 1, 48, 49].includes(m)) throw new Error(`ESC p m=${m}`);
          out.kicks.push([m, job[i + 3]!, job[i + 4]!]);
          out.events.push(`kick@${out.lines.length}`);
          i += 5;
          continue;
        }
        default:
          throw new Error(`unknown command ESC ${c.toString(16)} at ${i}`);
      }
    }
    if (b === GS) {
      need(2, 'GS');
      const c = job[i + 1]!;
      switch (c) {
        case 0x56: {
          need(3, 'GS V');
          const m = job[i + 2]!;
          if (pending.length) throw new Error('cut in the middle of a line');
          if ([0, 1, 48, 49].includes(m)) i += 3;
          else if ([65, 66].includes(m)) i += 4;
          else throw new Error(`GS V ${m}`);
          out.cuts.push(m);
          out.events.push(`cut@${out.lines.length}`);
          continue;
        }
        case 0x68:
          need(3, 'GS h');
          bcHeight = job[i + 2]!;
          i += 3;
          continue;
        case 0x77:
          need(3, 'GS w');
          bcModule = job[i + 2]!;
          if (bcModule < 1 || bcModule > 6) throw new Error(`GS w ${bcModule}`);
          i += 3;
          continue;
        case 0x48:
          need(3, 'GS H');
          hri = job[i + 2]!;
          i += 3;
          continue;
        case 0x66:
          need(3, 'GS f');
          i += 3;
          continue;
        case 0x21: {
          need(3, 'GS !');
          const n = job[i + 2]!;
          dw = (n & 0x70) !== 0;
          dh = (n & 0x07) !== 0;
          i += 3;
          continue;
        }
        case 0x6b: {
          need(4, 'GS k');
          if (pending.length) throw new Error('bar code in the middle of a line');
          const m = job[i + 2]!;
          if (m !== 73) throw new Error(`GS k ${m}: only Code 128 (73) is expected`);
          const n = job[i + 3]!;
          need(4 + n, 'GS k data');
          const data = job.subarray(i + 4, i + 4 + n);
          if (data[0] !== 0x7b || ![0x41, 0x42, 0x43].includes(data[1]!))
            throw new Error('Code 128 data must start with {A, {B or {C');
          const codeSet = String.fromCharCode(data[1]!) as 'A' | 'B' | 'C';
          let set = codeSet;
          let text = '';
          let symbols = 0;
          for (let k = 2; k < data.length; k++) {
            const d = data[k]!;
            if (d === 0x7b) {
              // "{{" is a literal brace in set A/B; "{A" "{B" "{C" switch sets (a symbol each).
              const sel = data[++k];
              if (sel === undefined) throw new Error('Code 128 data ends inside "{"');
              if (sel === 0x7b && set !== 'C') text += '{';
              else if (sel === 0x41 || sel === 0x42 || sel === 0x43) {
                if (String.fromCharCode(sel) === set)
                  throw new Error(`switch to the set in force (${set})`);
                set = String.fromCharCode(sel) as 'A' | 'B' | 'C';
              } else throw new Error(`"{" followed by ${sel} in Code 128 data`);
            } else if (set === 'C') {
              if (d > 99) throw new Error(`code set C byte ${d}`);
              text += String(d).padStart(2, '0');
            } else {
              if (d < 0x20 || d > 0x7e) throw new Error(`code set ${set} byte ${d}`);
              text += String.fromCharCode(d);
            }
            symbols++;
          }
          // start + data + check (11 modules each) + stop (13) + the 10-module quiet zone
          // Code 128 needs on either side: what the head must have room for.
          const modules = 11 * (1 + symbols + 1) + 13 + 20;
          out.barcodes.push({
            type: m,
            codeSet,
            data: text,
            dots: modules * bcModule,
            height: bcHeight,
            hri,
          });
          out.events.push(`barcode@${out.lines.length}`);
          i += 4 + n;
          continue;
        }
        case 0x76: {
          need(8, 'GS v 0');
          const w = job.readUInt16LE(i + 4);
          const h = job.readUInt16LE(i + 6);
          need(8 + w * h, 'raster data');
          out.events.push(`raster@${out.lines.length}:${w * 8}x${h}`);
          i += 8 + w * h;
          continue;
        }
        case 0x28: {
          need(5, 'GS (');
          const len = job.readUInt16LE(i + 3);
          need(5 + len, `GS ( ${String.fromCharCode(job[i + 2]!)}`);
          out.events.push(`GS(${String.fromCharCode(job[i + 2]!)}@${out.lines.length}`);
          i += 5 + len;
          continue;
        }
        default:
          throw new Error(`unknown command GS ${c.toString(16)} at ${i}`);
      }
    }
    if (b === FS) {
      need(2, 'FS');
      const c = job[i + 1]!;
      if (c !== 0x26 && c !== 0x2e) throw new Error(`unknown command FS ${c.toString(16)}`);
      out.codePageSelects.push(c === 0x26 ? 'FS &' : 'FS .');
      i += 2;
      continue;
    }
    if (b < 0x20 || b === 0x7f) throw new Error(`control byte ${b.toString(16)} at ${i}`);
    touch();
    pending.push(b);
    i += 1;
  }
  if (pending.length)
    throw new Error(
      `job ends inside a line: ${JSON.stringify(iconv.decode(Buffer.from(pending), 'gb18030'))}`,
    );
  return out;
}

/** The text of a job, one line per printed line. */
export const textOf = (j: EscJob) => j.lines.map((l) => l.text).join('\n');
