import { Buffer } from 'node:buffer';
import { IsoCodecError } from './errors';

/**
 * Framing on the TCP stream:
 *   LEN(2, big-endian, bytes after itself) ‖ TPDU(5) ‖ HEADER(6) ‖ body
 * where body = MTI ‖ bitmap ‖ fields (message.ts).
 */
export interface Frame {
  readonly tpdu: Buffer;
  readonly header: Buffer;
  readonly body: Buffer;
}

export const LENGTH_BYTES = 2;
export const TPDU_BYTES = 5;
export const HEADER_BYTES = 6;
/** The smallest declared length a frame can have: TPDU and header, empty body. */
export const MIN_DECLARED_LENGTH = TPDU_BYTES + HEADER_BYTES;
/** The largest a 2-byte length can say. */
const MAX_LENGTH_FIELD = 0xffff;
/** A frame of this profile is a few hundred bytes; 8 KiB leaves room and bounds memory. */
export const DEFAULT_MAX_FRAME_LENGTH = 8192;

/** Hex, not Buffers: a module-level Buffer could be mutated by any caller. */
export const DEFAULT_TPDU_HEX = '6000030000';
export const DEFAULT_HEADER_HEX = '603100000000';

export function defaultTpdu(): Buffer {
  return Buffer.from(DEFAULT_TPDU_HEX, 'hex');
}

export function defaultHeader(): Buffer {
  return Buffer.from(DEFAULT_HEADER_HEX, 'hex');
}

export function frame({ tpdu, header, body }: Frame): Buffer {
  if (tpdu.length !== TPDU_BYTES) {
    throw new IsoCodecError(
      'ISO_BAD_FRAME',
      `TPDU must be ${TPDU_BYTES} bytes, got ${tpdu.length}`,
    );
  }
  if (header.length !== HEADER_BYTES) {
    throw new IsoCodecError(
      'ISO_BAD_FRAME',
      `header must be ${HEADER_BYTES} bytes, got ${header.length}`,
    );
  }
  const declared = TPDU_BYTES + HEADER_BYTES + body.length;
  if (declared > MAX_LENGTH_FIELD) {
    throw new IsoCodecError(
      'ISO_BAD_FRAME',
      `frame of ${declared} bytes does not fit the 2-byte length (max ${MAX_LENGTH_FIELD})`,
    );
  }
  const len = Buffer.alloc(LENGTH_BYTES);
  len.writeUInt16BE(declared, 0);
  return Buffer.concat([len, tpdu, header, body]);
}

/** Splits one complete frame (length prefix included). The parts are copies. */
export function unframe(buf: Buffer): Frame {
  if (buf.length < LENGTH_BYTES) {
    throw new IsoCodecError(
      'ISO_TRUNCATED',
      `frame is ${buf.length} byte(s), shorter than its ${LENGTH_BYTES}-byte length`,
      { offset: buf.length },
    );
  }
  const declared = buf.readUInt16BE(0);
  const actual = buf.length - LENGTH_BYTES;
  if (declared < MIN_DECLARED_LENGTH) {
    throw new IsoCodecError(
      'ISO_BAD_FRAME',
      `declared length ${declared} is below the minimum ${MIN_DECLARED_LENGTH} (TPDU + header)`,
      { offset: 0 },
    );
  }
  if (declared > actual) {
    throw new IsoCodecError(
      'ISO_TRUNCATED',
      `declared length ${declared} but only ${actual} byte(s) follow the length`,
      { offset: buf.length },
    );
  }
  if (declared < actual) {
    throw new IsoCodecError(
      'ISO_TRAILING_BYTES',
      `declared length ${declared} but ${actual} byte(s) follow the length`,
      { offset: LENGTH_BYTES + declared },
    );
  }
  const bodyStart = LENGTH_BYTES + TPDU_BYTES + HEADER_BYTES;
  return {
    tpdu: Buffer.from(buf.subarray(LENGTH_BYTES, LENGTH_BYTES + TPDU_BYTES)),
    header: Buffer.from(buf.subarray(LENGTH_BYTES + TPDU_BYTES, bodyStart)),
    body: Buffer.from(buf.subarray(bodyStart)),
  };
}

/**
 * The reply's TPDU: `60 DDDD SSSS` → `60 SSSS DDDD`. The ID byte is kept as
 * it is rather than checked: the host decides what it sends there.
 */
export function swapTpdu(tpdu: Buffer): Buffer {
  if (tpdu.length !== TPDU_BYTES) {
    throw new IsoCodecError(
      'ISO_BAD_FRAME',
      `TPDU must be ${TPDU_BYTES} bytes, got ${tpdu.length}`,
    );
  }
  return Buffer.concat([tpdu.subarray(0, 1), tpdu.subarray(3, 5), tpdu.subarray(1, 3)]);
}

/**
 * Cuts a TCP byte stream into frames. `push` returns every frame completed by
 * the chunk, each one WHOLE — the 2-byte length included — so that it can go
 * straight to `unframe`. A declared length above `maxLength` or below the
 * minimum is an error (ISO_FRAME_TOO_LARGE / ISO_BAD_FRAME): the stream can't
 * be resynchronised after it, so the reader stays failed and every later push
 * throws; the caller drops the connection. Frames completed before the bad
 * length in the same chunk are still returned (a good reply followed by junk
 * is still the reply), and the error comes with the next push.
 */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private failure: IsoCodecError | undefined;

  constructor(private readonly maxLength: number = DEFAULT_MAX_FRAME_LENGTH) {
    if (!Number.isInteger(maxLength) || maxLength < MIN_DECLARED_LENGTH) {
      throw new IsoCodecError(
        'ISO_BAD_FRAME',
        `maxLength must be an integer >= ${MIN_DECLARED_LENGTH}, got ${maxLength}`,
      );
    }
  }

  /** Bytes received but not yet part of a complete frame. */
  get buffered(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): Buffer[] {
    if (this.failure) throw this.failure;
    // concat copies, so a caller that reuses its chunk buffer can't corrupt what's pending.
    this.pending = Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    while (this.pending.length >= LENGTH_BYTES) {
      const declared = this.pending.readUInt16BE(0);
      if (declared > this.maxLength || declared < MIN_DECLARED_LENGTH) {
        this.failure = new IsoCodecError(
          declared > this.maxLength ? 'ISO_FRAME_TOO_LARGE' : 'ISO_BAD_FRAME',
          `frame declares ${declared} bytes; accepted ${MIN_DECLARED_LENGTH}..${this.maxLength}`,
          { offset: 0 },
        );
        this.pending = Buffer.alloc(0);
        if (frames.length > 0) return frames;
        throw this.failure;
      }
      const total = LENGTH_BYTES + declared;
      if (this.pending.length < total) break;
      // Copy out, so a frame never pins (or shares) the caller's chunk.
      frames.push(Buffer.from(this.pending.subarray(0, total)));
      this.pending = this.pending.subarray(total);
    }
    return frames;
  }
}
