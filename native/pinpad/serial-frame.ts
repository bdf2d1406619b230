/**
 * Framing of the serial PIN pad protocol (the common shape of Chinese PIN pad
 * vendors' protocols; a real model's command table plugs into serial-pinpad.ts):
 *
 *   STX(02) ‖ LEN(2, BCD, bytes of CMD+DATA) ‖ CMD(1, ASCII) ‖ DATA ‖ ETX(03) ‖ LRC
 *
 * LRC = XOR of every byte from LEN through ETX. The receiver answers ACK(06)
 * for a good frame and NAK(15) for a bad one; the sender retransmits on NAK.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;
const MAX_BODY = 9999;

export interface SerialFrame {
  cmd: string;
  data: Buffer;
}

function lrc(bytes: Uint8Array): number {
  let x = 0;
  for (const b of bytes) x ^= b;
  return x;
}

function bcd4(n: number): Buffer {
  const s = String(n).padStart(4, '0');
  return Buffer.from([(Number(s[0]) << 4) | Number(s[1]), (Number(s[2]) << 4) | Number(s[3])]);
}

export function encodeFrame(frame: SerialFrame): Buffer {
  if (!/^[A-Z]$/.test(frame.cmd))
    throw new Error(`bad PIN pad command ${JSON.stringify(frame.cmd)}`);
  const bodyLength = 1 + frame.data.length;
  if (bodyLength > MAX_BODY) throw new Error(`PIN pad frame too long: ${bodyLength} bytes`);
  const checked = Buffer.concat([
    bcd4(bodyLength),
    Buffer.from(frame.cmd, 'ascii'),
    frame.data,
    Buffer.from([ETX]),
  ]);
  return Buffer.concat([Buffer.from([STX]), checked, Buffer.from([lrc(checked)])]);
}

export type ReaderEvent =
  | { type: 'frame'; frame: SerialFrame }
  | { type: 'bad-frame'; reason: string }
  | { type: 'ack' }
  | { type: 'nak' };

/** Splits a byte stream into ACK/NAK bytes and frames; garbage between frames is skipped. */
export class SerialFrameReader {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): ReaderEvent[] {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: ReaderEvent[] = [];
    for (;;) {
      const first = this.buf[0];
      if (first === undefined) break;
      if (first === ACK || first === NAK) {
        out.push({ type: first === ACK ? 'ack' : 'nak' });
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (first !== STX) {
        this.buf = this.buf.subarray(1);
        continue;
      }
      if (this.buf.length < 3) break;
      const lenHex = this.buf.subarray(1, 3).toString('hex');
      if (!/^\d{4}$/.test(lenHex)) {
        out.push({ type: 'bad-frame', reason: `length ${lenHex} is not BCD` });
        this.buf = this.buf.subarray(1);
        continue;
      }
      const bodyLength = Number(lenHex);
      const total = 1 + 2 + bodyLength + 2;
      if (this.buf.length < total) break;
      const checked = this.buf.subarray(1, total - 1);
      const frameLrc = this.buf[total - 1];
      const etx = this.buf[total - 2];
      this.buf = this.buf.subarray(total);
      if (etx !== ETX) out.push({ type: 'bad-frame', reason: 'missing ETX' });
      else if (lrc(checked) !== frameLrc) out.push({ type: 'bad-frame', reason: 'LRC mismatch' });
      else if (bodyLength < 1) out.push({ type: 'bad-frame', reason: 'empty frame' });
      else {
        out.push({
          type: 'frame',
          frame: {
            cmd: String.fromCharCode(checked[2] ?? 0),
            data: Buffer.from(checked.subarray(3, checked.length - 1)),
          },
        });
      }
    }
    return out;
  }
}
