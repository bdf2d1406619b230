import { Buffer } from 'node:buffer';
import { x919Mac } from '../../../../main/host/crypto';
import {
  FIELDS,
  MAC_FIELD,
  MAC_LENGTH,
  MIN_DECLARED_LENGTH,
  DEFAULT_MAX_FRAME_LENGTH,
  type FieldSpec,
  type FieldValue,
  type IsoMessage,
} from '../../../../main/host/iso8583';

/**
 * The pieces of the malformed-reply fuzzer shared by the unit test (codec and
 * reply acceptance, no sockets) and the integration test (a real card sale
 * whose reply the training host damages): a seeded PRNG, a reference decoder
 * written from HOST-PROTOCOL.md part A independently of main/host/iso8583, the
 * mutations, and the oracle that says what the client must make of the bytes.
 */

// --- seeded PRNG ------------------------------------------------------------

export const DEFAULT_FUZZ_SEED = 0x8583_0210;

/** FUZZ_SEED from the environment (decimal or 0x hex), else the default. */
export function fuzzSeed(): number {
  const raw = process.env.FUZZ_SEED?.trim();
  if (!raw) return DEFAULT_FUZZ_SEED;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`FUZZ_SEED must be an integer, got ${raw}`);
  return n >>> 0;
}

/** mulberry32: small, fast, and the same sequence on every machine for one seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 2^32). */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.u32() % n;
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

// --- reference decoder ------------------------------------------------------

/** Where one field sits in a body: its length prefix (if any) and its data. */
export interface FieldSpan {
  readonly id: number;
  readonly spec: FieldSpec;
  /** Offset of the length prefix; equals `dataAt` for fixed fields. */
  readonly at: number;
  readonly dataAt: number;
  readonly end: number;
}

export type RefDecoded =
  { ok: true; message: IsoMessage; spans: FieldSpan[] } | { ok: false; why: string };

const isN = (spec: FieldSpec) => spec.format === 'n' || spec.format === 'z';

/**
 * Packed BCD digits at `at`, `digits` of them, with the pad nibble (when
 * odd) on the left (`right` aligned) or the right; null if any nibble is not
 * a digit ('=' as D allowed in track 2) or the pad is not 0.
 */
function refBcd(
  buf: Buffer,
  at: number,
  digits: number,
  rightAligned: boolean,
  track2: boolean,
): string | null {
  const nibbles: number[] = [];
  for (let i = 0; i < Math.ceil(digits / 2); i++) {
    const b = buf[at + i];
    if (b === undefined) return null;
    nibbles.push(b >> 4, b & 0x0f);
  }
  if (digits % 2 === 1) {
    const pad = rightAligned ? nibbles.shift() : nibbles.pop();
    if (pad !== 0) return null;
  }
  let out = '';
  for (const n of nibbles) {
    if (n <= 9) out += String(n);
    else if (track2 && n === 0xd) out += '=';
    else return null;
  }
  return out;
}

/** Decodes a body (MTI onwards) the way HOST-PROTOCOL.md part A describes it. */
export function refDecode(body: Buffer): RefDecoded {
  if (body.length < 10) return { ok: false, why: 'shorter than MTI + bitmap' };
  const mti = refBcd(body, 0, 4, true, false);
  if (mti === null) return { ok: false, why: 'MTI not BCD' };
  const ids: number[] = [];
  for (let bit = 1; bit <= 64; bit++) {
    const byte = body[2 + ((bit - 1) >> 3)] ?? 0;
    if ((byte & (0x80 >> ((bit - 1) % 8))) !== 0) ids.push(bit);
  }
  if (ids.includes(1)) return { ok: false, why: 'secondary bitmap' };
  const fields = new Map<number, FieldValue>();
  const spans: FieldSpan[] = [];
  let at = 10;
  for (const id of ids) {
    const spec = FIELDS[id];
    if (!spec) return { ok: false, why: `field ${id} not in the table` };
    const start = at;
    let count = spec.max;
    if (spec.length !== 'fixed') {
      const prefixDigits = spec.length === 'LLVAR' ? 2 : 3;
      const prefix = refBcd(body, at, prefixDigits, true, false);
      if (prefix === null) return { ok: false, why: `field ${id}: bad length prefix` };
      count = Number(prefix);
      if (count > spec.max) return { ok: false, why: `field ${id}: length over max` };
      at += Math.ceil(prefixDigits / 2);
    }
    const size = isN(spec) ? Math.ceil(count / 2) : count;
    if (at + size > body.length) return { ok: false, why: `field ${id}: truncated` };
    let value: FieldValue;
    if (spec.format === 'b') value = Buffer.from(body.subarray(at, at + size));
    else if (spec.format === 'an' || spec.format === 'ans')
      value = body.toString('latin1', at, at + size);
    else {
      const digits = refBcd(body, at, count, spec.length === 'fixed', spec.format === 'z');
      if (digits === null) return { ok: false, why: `field ${id}: not BCD` };
      value = digits;
    }
    fields.set(id, value);
    spans.push({ id, spec, at: start, dataAt: at, end: at + size });
    at += size;
  }
  if (at !== body.length) return { ok: false, why: 'trailing bytes' };
  return { ok: true, message: { mti, fields }, spans };
}

// --- what the client must make of the bytes -----------------------------------

/**
 * incomplete: no whole first frame yet (the client waits: timeout or closed);
 * malformed: the first frame is not a reply (framing, codec, no response code);
 * not-the-answer: a reply, but not to this request (MTI, 3, 4, 11, 41, 42);
 * bad-mac: to a MACed request, an approval (39 = 00) without a valid MAC, or
 *   any reply whose MAC (field 64) is there but wrong — a damaged decline may
 *   be a damaged approval;
 * answer: accepted, with the response code.
 */
export type Verdict =
  | { kind: 'incomplete' }
  | { kind: 'malformed' }
  | { kind: 'not-the-answer' }
  | { kind: 'bad-mac' }
  | { kind: 'answer'; code: string };

/** Requests that carry a MAC, whose approvals must carry a valid one (HOST-PROTOCOL.md). */
export const MACED_REQUESTS: readonly string[] = ['0200', '0220', '0100', '0400', '0500', '0320'];

const DECLARED_MIN = MIN_DECLARED_LENGTH;
const DECLARED_MAX = DEFAULT_MAX_FRAME_LENGTH;
const BODY_AT = 2 + 5 + 6;

/** The first frame of a byte stream (length prefix included), or what stops it being one. */
export function firstFrame(
  stream: Buffer,
): { kind: 'frame'; frame: Buffer } | { kind: 'incomplete' } | { kind: 'malformed' } {
  if (stream.length < 2) return { kind: 'incomplete' };
  const declared = stream.readUInt16BE(0);
  if (declared < DECLARED_MIN || declared > DECLARED_MAX) return { kind: 'malformed' };
  if (stream.length < 2 + declared) return { kind: 'incomplete' };
  return { kind: 'frame', frame: stream.subarray(0, 2 + declared) };
}

/** The oracle: the spec's acceptance rules applied to the reference decoding. */
export function expectedVerdict(request: IsoMessage, stream: Buffer, mak: Buffer | null): Verdict {
  const first = firstFrame(stream);
  if (first.kind !== 'frame') return first;
  const body = first.frame.subarray(BODY_AT);
  const decoded = refDecode(body);
  if (!decoded.ok) return { kind: 'malformed' };
  const reply = decoded.message;
  const code = reply.fields.get(39);
  if (typeof code !== 'string' || !/^[A-Za-z0-9]{2}$/.test(code)) return { kind: 'malformed' };
  const expectedMti = (Number(request.mti) + 10).toString().padStart(4, '0');
  if (reply.mti !== expectedMti) return { kind: 'not-the-answer' };
  for (const n of [3, 4, 11, 41, 42]) {
    const sent = request.fields.get(n);
    if (sent !== undefined && reply.fields.get(n) !== sent) return { kind: 'not-the-answer' };
  }
  const mac = reply.fields.get(MAC_FIELD);
  if (MACED_REQUESTS.includes(request.mti) && (code === '00' || mac !== undefined)) {
    if (!mak || !Buffer.isBuffer(mac)) return { kind: 'bad-mac' };
    const covered = body.subarray(0, body.length - MAC_LENGTH);
    if (!x919Mac(mak, covered).equals(mac)) return { kind: 'bad-mac' };
  }
  return { kind: 'answer', code };
}

// --- mutations -----------------------------------------------------------------

export interface Mutation {
  /** What was done, for the failure message (with the seed and case number it reproduces). */
  readonly what: string;
  readonly bytes: Buffer;
}

/** Rewrites the 2-byte length so that it covers the rest of the buffer. */
export function fixLength(frame: Buffer): Buffer {
  const out = Buffer.from(frame);
  if (out.length >= 2) out.writeUInt16BE(Math.min(0xffff, out.length - 2), 0);
  return out;
}

function spansOf(frame: Buffer): FieldSpan[] {
  const decoded = refDecode(frame.subarray(BODY_AT));
  return decoded.ok ? decoded.spans : [];
}

const hexOf = (n: number, width = 2) => n.toString(16).padStart(width, '0');

/** The BCD bytes of `value` in `digits` digits, right-aligned (as a length prefix). */
function bcdPrefix(value: number, digits: number): Buffer {
  const text = String(value).padStart(digits + (digits % 2), '0');
  return Buffer.from(text, 'hex');
}

type Mutator = (rng: Rng, frame: Buffer) => Mutation;

const bitFlips: Mutator = (rng, frame) => {
  const out = Buffer.from(frame);
  const n = rng.range(1, 4);
  const at: string[] = [];
  for (let i = 0; i < n; i++) {
    // Mostly in the body, where the codec and the acceptance rules are.
    const pos = rng.chance(0.85) ? rng.range(BODY_AT, out.length - 1) : rng.int(out.length);
    const bit = rng.int(8);
    out[pos] = (out[pos] ?? 0) ^ (1 << bit);
    at.push(`${pos}.${bit}`);
  }
  return { what: `bit flips at ${at.join(',')}`, bytes: out };
};

const byteSet: Mutator = (rng, frame) => {
  const out = Buffer.from(frame);
  const pos = rng.int(out.length);
  const value = rng.pick([0x00, 0xff, 0x7f, 0x80, 0x20, 0x30, 0x99, 0x9a, 0xaa, rng.int(256)]);
  out[pos] = value;
  return { what: `byte ${pos} := ${hexOf(value)}`, bytes: out };
};

const insertBytes: Mutator = (rng, frame) => {
  const pos = rng.range(0, frame.length);
  const extra = rng.bytes(rng.range(1, 4));
  const out = Buffer.concat([frame.subarray(0, pos), extra, frame.subarray(pos)]);
  const fix = rng.chance(0.6);
  return {
    what: `insert ${extra.toString('hex')} at ${pos}${fix ? ', length fixed' : ''}`,
    bytes: fix ? fixLength(out) : out,
  };
};

const deleteBytes: Mutator = (rng, frame) => {
  const pos = rng.int(frame.length);
  const n = rng.range(1, 4);
  const out = Buffer.concat([frame.subarray(0, pos), frame.subarray(pos + n)]);
  const fix = rng.chance(0.6);
  return {
    what: `delete ${n} at ${pos}${fix ? ', length fixed' : ''}`,
    bytes: fix ? fixLength(out) : out,
  };
};

const lengthPrefix: Mutator = (rng, frame) => {
  const out = Buffer.from(frame);
  const declared = frame.length - 2;
  const value = rng.pick([
    0,
    1,
    DECLARED_MIN - 1,
    DECLARED_MIN,
    DECLARED_MIN + 1,
    declared - 1,
    declared + 1,
    declared - rng.range(2, 20),
    declared + rng.range(2, 20),
    DECLARED_MAX,
    DECLARED_MAX + 1,
    0xffff,
    rng.int(0x10000),
  ]);
  out.writeUInt16BE(Math.max(0, Math.min(0xffff, value)), 0);
  return { what: `length prefix := ${value}`, bytes: out };
};

const bitmapBit: Mutator = (rng, frame) => {
  const out = Buffer.from(frame);
  const bit = rng.chance(0.1) ? 1 : rng.range(2, 64);
  const pos = BODY_AT + 2 + ((bit - 1) >> 3);
  const mask = 0x80 >> ((bit - 1) % 8);
  // Set for a field that isn't there (the interesting case), or cleared for one that is.
  const set = ((out[pos] ?? 0) & mask) === 0;
  out[pos] = (out[pos] ?? 0) ^ mask;
  return { what: `bitmap bit ${bit} ${set ? 'set' : 'cleared'}`, bytes: out };
};

/** A variable field's length prefix beyond the buffer, over the maximum, zero, or not BCD. */
const varLength: Mutator = (rng, frame) => {
  const spans = spansOf(frame).filter((s) => s.spec.length !== 'fixed');
  if (spans.length === 0) return lengthPrefix(rng, frame);
  const span = rng.pick(spans);
  const digits = span.spec.length === 'LLVAR' ? 2 : 3;
  const out = Buffer.from(frame);
  const here = BODY_AT + span.at;
  const remaining = frame.length - (BODY_AT + span.dataAt);
  const perUnit = isN(span.spec) ? 2 : 1;
  const choice = rng.int(7);
  if (choice === 6) {
    const bad = rng.pick([0xa0, 0x0a, 0xff, 0xf0, 0x1f]);
    out[here + rng.int(Math.ceil(digits / 2))] = bad;
    return { what: `field ${span.id} length prefix byte := ${hexOf(bad)}`, bytes: out };
  }
  const current = Number(refBcd(frame, here, digits, true, false));
  const value = Math.min(
    digits === 2 ? 99 : 999,
    [
      0,
      span.spec.max,
      span.spec.max + 1,
      remaining * perUnit + 1,
      current + 1,
      Math.max(0, current - 1),
      digits === 2 ? 99 : 999,
    ][choice] ?? 0,
  );
  bcdPrefix(value, digits).copy(out, here);
  return { what: `field ${span.id} length prefix := ${value}`, bytes: out };
};

/** A nibble that is not a digit (A–F) in the MTI or a BCD field, or a non-zero pad nibble. */
const badNibble: Mutator = (rng, frame) => {
  const spans = spansOf(frame).filter((s) => isN(s.spec) || s.spec.length !== 'fixed');
  const out = Buffer.from(frame);
  let pos: number;
  let label: string;
  if (spans.length === 0 || rng.chance(0.15)) {
    pos = BODY_AT + rng.int(2);
    label = 'MTI';
  } else {
    const span = rng.pick(spans);
    const inPrefix = span.at !== span.dataAt && (!isN(span.spec) || rng.chance(0.3));
    const from = BODY_AT + (inPrefix ? span.at : span.dataAt);
    const to = BODY_AT + (inPrefix ? span.dataAt : span.end);
    if (to <= from) return bitFlips(rng, frame);
    pos = rng.range(from, to - 1);
    label = `field ${span.id}${inPrefix ? ' prefix' : ''}`;
  }
  const high = rng.chance(0.5);
  const nibble = rng.range(0xa, 0xf);
  const b = out[pos] ?? 0;
  out[pos] = high ? (nibble << 4) | (b & 0x0f) : (b & 0xf0) | nibble;
  return {
    what: `${label}: nibble ${high ? 'high' : 'low'} of byte ${pos} := ${hexOf(nibble, 1)}`,
    bytes: out,
  };
};

/** A field taken out cleanly: bit cleared, bytes removed, length fixed (still parses). */
const dropField: Mutator = (rng, frame) => {
  const spans = spansOf(frame);
  if (spans.length === 0) return bitmapBit(rng, frame);
  const span = rng.pick(spans);
  const pos = BODY_AT + 2 + ((span.id - 1) >> 3);
  const out = Buffer.concat([
    frame.subarray(0, BODY_AT + span.at),
    frame.subarray(BODY_AT + span.end),
  ]);
  out[pos] = (out[pos] ?? 0) & ~(0x80 >> ((span.id - 1) % 8));
  return { what: `field ${span.id} dropped`, bytes: fixLength(out) };
};

/** Another well-formed value in a fixed field: the acceptance rules, not the codec, must say no. */
const replaceFixed: Mutator = (rng, frame) => {
  const spans = spansOf(frame).filter((s) => s.spec.length === 'fixed');
  if (spans.length === 0) return bitFlips(rng, frame);
  const preferred = spans.filter((s) => [3, 4, 11, 39, 41, 42, 64].includes(s.id));
  const span = rng.pick(preferred.length > 0 && rng.chance(0.8) ? preferred : spans);
  const out = Buffer.from(frame);
  const size = span.end - span.dataAt;
  let data: Buffer;
  if (span.id === 39) {
    data = Buffer.from(
      rng.pick(['00', '51', '01', '96', 'A0', '0 ', ' 0', '  ', '\u00000', 'z9']),
      'latin1',
    );
  } else if (isN(span.spec)) {
    let digits = '';
    for (let i = 0; i < span.spec.max; i++) digits += String(rng.int(10));
    data = Buffer.from(digits.padStart(size * 2, '0'), 'hex');
  } else if (span.spec.format === 'b') {
    data = rng.bytes(size);
  } else {
    data = Buffer.from(
      Array.from({ length: size }, () => rng.pick([...'0123456789AZaz '])).join(''),
      'latin1',
    );
  }
  data.copy(out, BODY_AT + span.dataAt);
  return { what: `field ${span.id} := ${data.toString('hex')}`, bytes: out };
};

const mti: Mutator = (rng, frame) => {
  const out = Buffer.from(frame);
  const value = rng.pick(['0200', '0210', '0230', '0110', '0410', '0810', '0510', '0000', '9999']);
  Buffer.from(value, 'hex').copy(out, BODY_AT);
  return { what: `MTI := ${value}`, bytes: out };
};

const tpduHeader: Mutator = (rng, frame) => {
  const out = Buffer.from(frame);
  const pos = rng.range(2, BODY_AT - 1);
  out[pos] = rng.int(256);
  return { what: `TPDU/header byte ${pos} := ${hexOf(out[pos] ?? 0)}`, bytes: out };
};

const garbage: Mutator = (rng, frame) => {
  const choice = rng.int(4);
  const junk = rng.bytes(rng.range(0, 300));
  if (choice === 0) return { what: `garbage ${junk.length} bytes`, bytes: junk };
  if (choice === 1)
    return {
      what: `garbage ${junk.length} bytes, length fixed`,
      bytes: fixLength(Buffer.concat([Buffer.alloc(2), junk])),
    };
  // Real TPDU and header around a garbage body.
  const body = rng.chance(0.5)
    ? junk
    : Buffer.concat([frame.subarray(BODY_AT, BODY_AT + 10), junk]);
  return {
    what: `garbage body of ${body.length} bytes${choice === 3 ? ' after the MTI and bitmap' : ''}`,
    bytes: fixLength(Buffer.concat([frame.subarray(0, BODY_AT), body])),
  };
};

/** Bytes after a whole frame (a second frame, junk): only the first frame may count. */
const trailer: Mutator = (rng, frame) => {
  const junk = rng.chance(0.5) ? rng.bytes(rng.range(1, 40)) : frame;
  return { what: `then ${junk.length} more bytes`, bytes: Buffer.concat([frame, junk]) };
};

/** Cut short and the length prefix made to agree, so the codec (not the framing) meets the end. */
const truncateFixed: Mutator = (rng, frame) => {
  const n = rng.range(BODY_AT, frame.length - 1);
  return { what: `truncated to ${n}, length fixed`, bytes: fixLength(frame.subarray(0, n)) };
};

const MUTATORS: ReadonlyArray<readonly [string, Mutator, number]> = [
  ['bit-flip', bitFlips, 6],
  ['byte-set', byteSet, 3],
  ['insert', insertBytes, 3],
  ['delete', deleteBytes, 3],
  ['length-prefix', lengthPrefix, 2],
  ['bitmap', bitmapBit, 3],
  ['var-length', varLength, 4],
  ['bad-nibble', badNibble, 4],
  ['drop-field', dropField, 3],
  ['replace-fixed', replaceFixed, 4],
  ['mti', mti, 1],
  ['tpdu-header', tpduHeader, 1],
  ['garbage', garbage, 2],
  ['trailer', trailer, 1],
  ['truncate-fixed', truncateFixed, 2],
];
const TOTAL_WEIGHT = MUTATORS.reduce((sum, [, , w]) => sum + w, 0);

function pickMutator(rng: Rng): readonly [string, Mutator] {
  let x = rng.int(TOTAL_WEIGHT);
  for (const [name, fn, w] of MUTATORS) {
    if (x < w) return [name, fn];
    x -= w;
  }
  throw new Error('unreachable');
}

/** One random mutation of a valid reply frame; a quarter of them stack two or three. */
export function mutate(rng: Rng, frame: Buffer): Mutation & { kind: string } {
  const rounds = rng.chance(0.25) ? rng.range(2, 3) : 1;
  let bytes = frame;
  const kinds: string[] = [];
  const whats: string[] = [];
  for (let i = 0; i < rounds; i++) {
    const [name, fn] = pickMutator(rng);
    // Later rounds may work on bytes that no longer parse; the mutators cope (spans come back empty).
    const m = bytes.length >= BODY_AT + 10 ? fn(rng, bytes) : bitFlipsOrSame(rng, bytes);
    kinds.push(name);
    whats.push(m.what);
    bytes = m.bytes;
  }
  return { kind: kinds.join('+'), what: whats.join('; '), bytes };
}

function bitFlipsOrSame(rng: Rng, bytes: Buffer): Mutation {
  if (bytes.length === 0) return { what: 'nothing left', bytes };
  return bitFlips(rng, bytes);
}

/** Every truncation of a frame: as sent (the framing waits or fails) and with the length fixed. */
export function* truncations(frame: Buffer): Generator<Mutation & { kind: string }> {
  for (let n = 0; n < frame.length; n++) {
    yield { kind: 'truncate', what: `truncated to ${n}`, bytes: frame.subarray(0, n) };
  }
  for (let n = BODY_AT; n < frame.length; n++) {
    yield {
      kind: 'truncate-fixed',
      what: `truncated to ${n}, length fixed`,
      bytes: fixLength(frame.subarray(0, n)),
    };
  }
}

/** Splits bytes into 1–4 chunks at random points, as TCP may deliver them. */
export function chunked(rng: Rng, bytes: Buffer): Buffer[] {
  const cuts = new Set<number>();
  const n = rng.int(4);
  for (let i = 0; i < n && bytes.length > 1; i++) cuts.add(rng.range(1, bytes.length - 1));
  const points = [0, ...[...cuts].sort((a, b) => a - b), bytes.length];
  const out: Buffer[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    out.push(bytes.subarray(points[i] ?? 0, points[i + 1] ?? 0));
  }
  return out;
}

export const describeVerdict = (v: Verdict) => (v.kind === 'answer' ? `answer ${v.code}` : v.kind);
