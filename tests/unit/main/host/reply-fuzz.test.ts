import { Buffer } from 'node:buffer';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyReader, exchange, type ExchangeResult } from '../../../../main/host/client';
import {
  CryptoError,
  KeyCheckError,
  buildWorkingKeysField,
  parseWorkingKeys,
} from '../../../../main/host/crypto';
import { preauthFollowUpRequest, refundRequest } from '../../../../main/host/follow-up-messages';
import {
  FrameReader,
  IsoCodecError,
  buildSettlementTotals,
  defaultHeader,
  defaultTpdu,
  frame,
  macData,
  parseField60,
  parseSettlementTotals,
  swapTpdu,
  unframe,
  unpackBody,
  type FieldValue,
  type IsoMessage,
} from '../../../../main/host/iso8583';
import {
  MSG_TYPE,
  PROCESSING,
  echoRequest,
  financialRequest,
  matchesRequest,
  packWithMac,
  replyMacAcceptable,
  responseCode,
  reversalRequest,
  signInRequest,
  text,
} from '../../../../main/host/messages';
import { settlementRequest } from '../../../../main/host/settlement-messages';
import { TRAINING_TMK_HEX } from '../../../../main/host/training';
import { packReply, replyTo } from '../../../../main/host/training/reply';
import {
  MACED_REQUESTS,
  Rng,
  chunked,
  describeVerdict,
  expectedVerdict,
  firstFrame,
  fuzzSeed,
  mutate,
  refDecode,
  truncations,
  type Mutation,
  type Verdict,
} from './reply-fuzz-kit';

/**
 * Malformed-reply fuzzer (issue 10): valid reply frames of every kind the
 * client receives, damaged in ≥ 10,000 seeded ways, fed to the codec and to
 * the client's reply path. Nothing may throw but the codec's own
 * IsoCodecError, and a reply is accepted exactly when the spec's acceptance
 * rules (HOST-PROTOCOL.md part A, applied by an independent reference
 * decoder) say so. FUZZ_SEED=<n> repeats a run (the seed is printed);
 * FUZZ_CASES=<n> runs more random cases.
 */

const SEED = fuzzSeed();
/** FUZZ_CASES=<n> for a longer hunt; 12,000 by default (about a second). */
const RANDOM_CASES = Math.max(10_000, Number(process.env.FUZZ_CASES) || 12_000);
const SOCKET_CASES = 400;

const TMK = Buffer.from(TRAINING_TMK_HEX, 'hex');
const PIK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
const MAK = Buffer.from('F1E2D3C4B5A69788011223344556677A', 'hex');
const IDS = { terminal: '12345678', merchant: '123456789012345', batch: '000007' };
const NOW = new Date(2025, 2, 14, 9, 30, 15);
const CARD = {
  pan: '6222021234567890003',
  expiry: '3012',
  entryMode: '051',
  track2: '6222021234567890003=30121010000000000',
};
const PIN_BLOCK = Buffer.from('1122334455667788', 'hex');

interface Base {
  readonly name: string;
  readonly request: IsoMessage;
  /** The request as it goes out (for the loopback exchange). */
  readonly requestBody: Buffer;
  /** The MAK the client checks approvals with; null before sign-in. */
  readonly mak: Buffer | null;
  readonly frame: Buffer;
}

function base(
  name: string,
  request: IsoMessage,
  code: string,
  extra: Array<[number, FieldValue]>,
  signed: boolean,
): Base {
  const message = replyTo(request, code, NOW, extra);
  const body = packReply({ kind: 'reply', message, mak: signed ? MAK : null });
  const mak = MACED_REQUESTS.includes(request.mti) ? MAK : null;
  return {
    name,
    request,
    requestBody: packWithMac(request, mak),
    mak,
    frame: frame({ tpdu: swapTpdu(defaultTpdu()), header: defaultHeader(), body }),
  };
}

const sale = financialRequest({
  ids: IDS,
  trace: '000123',
  card: CARD,
  pinBlock: PIN_BLOCK,
  processingCode: PROCESSING.sale,
  messageTypeCode: MSG_TYPE.sale,
  amountFen: 12_345,
});
const balance = financialRequest({
  ids: IDS,
  trace: '000124',
  card: CARD,
  pinBlock: PIN_BLOCK,
  processingCode: PROCESSING.balance,
  messageTypeCode: MSG_TYPE.balance,
  amountFen: null,
});
const preauth = financialRequest({
  ids: IDS,
  trace: '000125',
  card: CARD,
  pinBlock: PIN_BLOCK,
  processingCode: PROCESSING.preauth,
  messageTypeCode: MSG_TYPE.preauth,
  amountFen: 80_000,
  mti: '0100',
  posCondition: '06',
});
const refund = refundRequest({
  ids: IDS,
  trace: '000126',
  card: CARD,
  amountFen: 5_000,
  original: { batchNo: '000006', traceNo: '000044', rrn: '000987654321', mmdd: '0313' },
});
const completion = preauthFollowUpRequest({
  kind: 'complete',
  ids: IDS,
  trace: '000127',
  card: CARD,
  amountFen: 90_000,
  original: { batchNo: '000007', traceNo: '000125', authCode: 'P12345' },
});
const reversal = reversalRequest({
  ids: IDS,
  originalTrace: '000123',
  card: CARD,
  processingCode: PROCESSING.sale,
  messageTypeCode: MSG_TYPE.sale,
  amountFen: 12_345,
  reason: '98',
});
const side = { debitCount: 3, debitAmount: 45_600, creditCount: 1, creditAmount: 1_000, result: 0 };
const settlement = settlementRequest({
  ids: IDS,
  trace: '000130',
  operatorNo: '01',
  totals: { domestic: side, foreign: { ...side, debitCount: 0, debitAmount: 0 } },
});
const verdict48 = (result: number) =>
  buildSettlementTotals({
    domestic: { ...side, result },
    foreign: { ...side, debitCount: 0, debitAmount: 0, result },
  });
const WORKING_KEYS = buildWorkingKeysField(TMK, PIK, MAK);

const APPROVAL: Array<[number, FieldValue]> = [
  [37, '250314000123'],
  [38, 'A1B2C3'],
  [63, 'CUP Training Bank'],
];

const BASES: readonly Base[] = [
  base('0210 sale approved', sale, '00', APPROVAL, true),
  base('0210 sale declined 51', sale, '51', [], true),
  base('0210 sale A0 without MAC', sale, 'A0', [], false),
  base(
    '0210 balance',
    balance,
    '00',
    [
      [54, '1002156C000000123456'],
      [63, 'CUP'],
    ],
    true,
  ),
  base('0110 pre-auth approved', preauth, '00', APPROVAL, true),
  base('0230 refund approved', refund, '00', [[37, '250314000126']], true),
  base('0210 completion approved', completion, '00', APPROVAL, true),
  base(
    '0810 sign-in with keys',
    signInRequest(IDS, '000001', '01'),
    '00',
    [[62, WORKING_KEYS]],
    false,
  ),
  base('0830 echo', echoRequest(IDS, '000002'), '00', [], false),
  base('0410 reversal', reversal, '00', [], true),
  base('0510 settlement balanced', settlement, '00', [[48, verdict48(1)]], true),
  base('0510 settlement unbalanced', settlement, '95', [[48, verdict48(2)]], true),
];

// --- checks --------------------------------------------------------------------

interface Failure {
  base: string;
  what: string;
  problem: string;
}

/** Runs `fn`; a throw is fine only if it is one of `allowed`. */
function typed<T>(
  fn: () => T,
  allowed: ReadonlyArray<abstract new (...args: never[]) => Error>,
): { ok: true; value: T } | { ok: false; error: Error } | { ok: false; crash: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (allowed.some((cls) => e instanceof cls)) return { ok: false, error: e as Error };
    return { ok: false, crash: e };
  }
}

const crashText = (e: unknown) =>
  e instanceof Error ? `${e.constructor.name}: ${e.message}` : `non-error thrown: ${String(e)}`;

function sameMessage(a: IsoMessage, b: IsoMessage): boolean {
  if (a.mti !== b.mti || a.fields.size !== b.fields.size) return false;
  for (const [id, v] of a.fields) {
    const w = b.fields.get(id);
    if (w === undefined) return false;
    if (Buffer.isBuffer(v) || Buffer.isBuffer(w)) {
      if (!Buffer.isBuffer(v) || !Buffer.isBuffer(w) || !v.equals(w)) return false;
    } else if (v !== w) return false;
  }
  return true;
}

/** What the client makes of the bytes: ReplyReader (exchange's own), then the services' checks. */
function clientVerdict(
  b: Base,
  chunks: readonly Buffer[],
): { verdict: Verdict; reply: IsoMessage | null } {
  const reader = new ReplyReader();
  let result: ReturnType<ReplyReader['push']> = null;
  for (const chunk of chunks) {
    result = reader.push(chunk);
    if (result) break;
  }
  if (!result) return { verdict: { kind: 'incomplete' }, reply: null };
  if (result.kind !== 'reply') return { verdict: { kind: 'malformed' }, reply: null };
  const reply = result.message;
  if (!matchesRequest(b.request, reply).ok) return { verdict: { kind: 'not-the-answer' }, reply };
  const code = responseCode(reply) ?? '';
  if (b.mak && !replyMacAcceptable(result.body, reply, b.mak))
    return { verdict: { kind: 'bad-mac' }, reply };
  return { verdict: { kind: 'answer', code }, reply };
}

const stats = { cases: 0, byVerdict: new Map<string, number>() };
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function checkCase(b: Base, m: Mutation & { kind: string }, rng: Rng, failures: Failure[]): void {
  const fail = (problem: string) => failures.push({ base: b.name, what: m.what, problem });
  stats.cases++;
  const expected = expectedVerdict(b.request, m.bytes, b.mak);
  count(stats.byVerdict, describeVerdict(expected));

  // 1. The codec alone, on the first frame and on the raw bytes as a body.
  const first = firstFrame(m.bytes);
  if (first.kind === 'frame') {
    const parts = typed(() => unframe(first.frame), [IsoCodecError]);
    if (!parts.ok && 'crash' in parts) fail(`unframe crashed: ${crashText(parts.crash)}`);
    if (parts.ok) {
      const decoded = typed(() => unpackBody(parts.value.body), [IsoCodecError]);
      const ref = refDecode(parts.value.body);
      if (!decoded.ok && 'crash' in decoded)
        fail(`unpackBody crashed: ${crashText(decoded.crash)}`);
      else if (decoded.ok !== ref.ok)
        fail(
          `unpackBody ${decoded.ok ? 'decoded' : 'refused'}, the reference ${ref.ok ? 'decodes' : `refuses (${ref.why})`}`,
        );
      else if (decoded.ok && ref.ok && !sameMessage(decoded.value, ref.message))
        fail('unpackBody and the reference decode to different messages');
      const mac = typed(() => macData(parts.value.body), [IsoCodecError]);
      if (!mac.ok && 'crash' in mac) fail(`macData crashed: ${crashText(mac.crash)}`);
    }
  }
  const raw = m.bytes.subarray(13);
  for (const [label, fn] of [
    ['unpackBody(raw)', () => unpackBody(raw)],
    ['unframe(bytes)', () => unframe(m.bytes)],
    ['macData(raw)', () => macData(raw)],
  ] as Array<[string, () => unknown]>) {
    const r = typed(fn, [IsoCodecError]);
    if (!r.ok && 'crash' in r) fail(`${label} crashed: ${crashText(r.crash)}`);
  }

  // 2. The client's reply path, in random chunks and in one piece: same verdict, the oracle's.
  let client: ReturnType<typeof clientVerdict>;
  let whole: ReturnType<typeof clientVerdict>;
  try {
    client = clientVerdict(b, chunked(rng, m.bytes));
    whole = clientVerdict(b, [m.bytes]);
  } catch (e) {
    fail(`reply path threw: ${crashText(e)}`);
    return;
  }
  if (describeVerdict(client.verdict) !== describeVerdict(whole.verdict))
    fail(
      `chunking changed the verdict: ${describeVerdict(client.verdict)} / ${describeVerdict(whole.verdict)}`,
    );
  if (describeVerdict(client.verdict) !== describeVerdict(expected))
    fail(
      `client says ${describeVerdict(client.verdict)}, the rules say ${describeVerdict(expected)}`,
    );

  // 3. What the services read from an accepted reply: typed errors only.
  const reply = client.verdict.kind === 'answer' ? client.reply : null;
  if (!reply) return;
  const f62 = reply.fields.get(62);
  if (b.request.mti === '0800' && Buffer.isBuffer(f62)) {
    const keys = typed(() => parseWorkingKeys(f62, TMK), [KeyCheckError, CryptoError]);
    if (!keys.ok && 'crash' in keys) fail(`parseWorkingKeys crashed: ${crashText(keys.crash)}`);
    if (f62.equals(WORKING_KEYS) !== keys.ok)
      fail(`field 62 ${f62.equals(WORKING_KEYS) ? 'intact but refused' : 'damaged but accepted'}`);
  }
  for (const [label, fn] of [
    ['parseField60', () => parseField60(text(reply, 60) ?? '')],
    ['parseSettlementTotals', () => parseSettlementTotals(text(reply, 48) ?? '')],
  ] as Array<[string, () => unknown]>) {
    const r = typed(fn, [IsoCodecError]);
    if (!r.ok && 'crash' in r) fail(`${label} crashed: ${crashText(r.crash)}`);
  }
}

function report(failures: Failure[]): string {
  const shown = failures.slice(0, 15).map((f) => `  [${f.base}] ${f.what}: ${f.problem}`);
  return `${failures.length} failure(s) with FUZZ_SEED=${SEED}:\n${shown.join('\n')}`;
}

// --- the runs --------------------------------------------------------------------

describe(`malformed replies (seed ${SEED})`, () => {
  beforeAll(() => {
    console.log(`reply fuzz: FUZZ_SEED=${SEED}`);
  });

  it('the valid replies themselves are accepted as what they say', () => {
    for (const b of BASES) {
      const v = expectedVerdict(b.request, b.frame, b.mak);
      expect(v.kind, b.name).toBe('answer');
      expect(describeVerdict(clientVerdict(b, [b.frame]).verdict), b.name).toBe(describeVerdict(v));
    }
  });

  it('truncation at every length, as sent and with the length prefix fixed', () => {
    const failures: Failure[] = [];
    const rng = new Rng(SEED ^ 0x7472);
    let n = 0;
    for (const b of BASES) {
      for (const m of truncations(b.frame)) {
        checkCase(b, m, rng, failures);
        n++;
      }
    }
    expect(n).toBeGreaterThan(1_000);
    expect(failures, report(failures)).toEqual([]);
  });

  it(`${RANDOM_CASES} seeded mutations: bit flips, inserts, deletes, lengths, bitmaps, BCD, garbage`, () => {
    const failures: Failure[] = [];
    const rng = new Rng(SEED);
    const started = Date.now();
    for (let i = 0; i < RANDOM_CASES; i++) {
      const b = rng.pick(BASES);
      const m = mutate(rng, b.frame);
      checkCase(b, { ...m, what: `case ${i}: ${m.what}` }, rng, failures);
    }
    const verdicts = Object.fromEntries(stats.byVerdict);
    console.log(
      `reply fuzz: ${RANDOM_CASES} random cases in ${Date.now() - started} ms; ` +
        `${stats.cases} in all with the truncations; verdicts ${JSON.stringify(verdicts)}`,
    );
    expect(failures, report(failures)).toEqual([]);
    // The mutations must reach every outcome, or the oracle is not being exercised.
    for (const kind of ['incomplete', 'malformed', 'not-the-answer', 'bad-mac', 'answer 00'])
      expect(stats.byVerdict.get(kind) ?? 0, kind).toBeGreaterThan(20);
  });
});

describe(`malformed replies over a real socket (seed ${SEED})`, () => {
  /** What the server does with the next connection: the bytes, in chunks, then close or not. */
  let next: { chunks: Buffer[]; keepOpen: boolean } = { chunks: [], keepOpen: false };
  let server: Server;
  let port = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      const plan = next;
      const reader = new FrameReader();
      socket.on('data', (chunk: Buffer) => {
        let frames: Buffer[];
        try {
          frames = reader.push(chunk);
        } catch {
          socket.destroy();
          return;
        }
        if (frames.length === 0) return;
        void (async () => {
          for (const c of plan.chunks) {
            if (socket.destroyed) return;
            socket.write(c);
            await new Promise((r) => setImmediate(r));
          }
          if (!plan.keepOpen) socket.end();
        })();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it(`${SOCKET_CASES} damaged replies through exchange(): a reply only when the rules allow one`, async () => {
    const rng = new Rng(SEED ^ 0x50c7);
    const failures: Failure[] = [];
    const timeoutMs = 150;
    for (let i = 0; i < SOCKET_CASES; i++) {
      const b = rng.pick(BASES);
      const m = mutate(rng, b.frame);
      const keepOpen = rng.chance(0.03);
      next = { chunks: chunked(rng, m.bytes), keepOpen };
      const what = `socket case ${i}${keepOpen ? ' (kept open)' : ''}: ${m.what}`;
      const expected = expectedVerdict(b.request, m.bytes, b.mak);
      const t0 = Date.now();
      const result: ExchangeResult = await exchange(
        {
          host: '127.0.0.1',
          port,
          tls: false,
          timeoutMs,
          connectTimeoutMs: 2_000,
          tpdu: defaultTpdu(),
          header: defaultHeader(),
        },
        b.requestBody,
      );
      const took = Date.now() - t0;
      if (took > timeoutMs + 1_000)
        failures.push({ base: b.name, what, problem: `took ${took} ms` });
      let got: string;
      if (result.kind === 'reply') {
        got = describeVerdict(clientVerdict(b, [m.bytes]).verdict);
        if (got === 'incomplete' || got === 'malformed') got = `reply, though ${got}`;
      } else if (result.kind === 'no-answer') {
        got = result.reason === 'malformed' ? 'malformed' : 'incomplete';
      } else got = `not-sent ${result.reason}`;
      if (got !== describeVerdict(expected))
        failures.push({
          base: b.name,
          what,
          problem: `exchange gave ${got} (${result.kind}), the rules say ${describeVerdict(expected)}`,
        });
    }
    expect(failures, report(failures)).toEqual([]);
  });
});
