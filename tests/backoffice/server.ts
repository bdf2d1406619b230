import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A reference back office for tests and demos: a real HTTP server on
 * 127.0.0.1 speaking HOST-PROTOCOL.md part C. It keeps what it accepts in
 * memory and enforces what the protocol promises, so the client under test
 * goes through exactly what a real back office would do to it:
 *
 * | request                              | answer                                          |
 * |--------------------------------------|-------------------------------------------------|
 * | no / wrong `Authorization: Bearer …` | 401                                             |
 * | unknown path or method               | 404                                             |
 * | body over 8 MiB                      | 413                                             |
 * | body not JSON, or not the shape      | 400 (also: header/part naming another batch)    |
 * | PUT header, new                      | 201, stored                                     |
 * | PUT part / POST commit, no header    | 422 (the header comes first)                    |
 * | PUT part n outside 1…partsTotal      | 422                                             |
 * | PUT part n, new, batch not committed | 201, stored                                     |
 * | PUT part n, new, batch committed     | 409 (a committed batch takes nothing new)       |
 * | POST commit, a part missing          | 422 (nothing to check yet; send the parts)      |
 * | POST commit, count/parts/sha256 wrong| 409 (the parts it holds are not what the client |
 * |                                      |  says it sent: different content, not stored)   |
 * | POST commit, matches                 | 201, committed                                  |
 * | any call, same bytes as stored       | 200 (idempotent: nothing stored twice)          |
 * | any call, other bytes than stored    | 409 (never overwritten)                         |
 *
 * "Same content" is the same bytes: the commit's digest is over exact bytes,
 * so two serialisations of equal JSON are different content. The commit
 * digest is checked as main/sync/protocol.ts defines it — SHA-256 over the
 * concatenated raw SHA-256 digests of the parts' bodies in part order —
 * computed here independently from the digests kept per part.
 */

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_PART_TRANSACTIONS = 1000;

export type Fault = number | 'drop' | 'lose-reply' | 'stall';

export interface BackOfficeOptions {
  token: string;
  /** 0 (default) picks a free port. Always 127.0.0.1. */
  port?: number;
  /**
   * Keep each part's transactions (parsed) and each request's body text, for
   * tests that look inside. Off for benchmarks: then only digests and
   * transaction ids are kept.
   */
  keepBodies?: boolean;
  /** Called after each request is logged (the demo CLI prints it). */
  onRequest?(entry: RequestLog): void;
}

export interface RequestLog {
  method: string;
  path: string;
  kind: 'header' | 'part' | 'commit' | 'other';
  merchant?: string;
  terminal?: string;
  batchNo?: string;
  part?: number;
  /** HTTP status sent; 'dropped' (connection cut before processing), 'lost' (processed, then cut), 'stalled' (never answered). */
  status: number | 'dropped' | 'lost' | 'stalled';
  /** SHA-256 (hex) of the body bytes received. */
  sha256: string;
  bytes: number;
  /** The body as received (only with keepBodies). */
  body?: string;
}

export interface StoredPart {
  part: number;
  sha256: string;
  count: number;
  ids: number[];
  /** Parsed transactions (only with keepBodies). */
  transactions?: Array<Record<string, unknown>>;
}

export interface StoredBatch {
  merchant: string;
  terminal: string;
  batchNo: string;
  header: Record<string, unknown>;
  headerSha256: string;
  parts: StoredPart[];
  commit: { count: number; parts: number; sha256: string } | null;
}

export interface BackOffice {
  baseUrl: string;
  /** What it accepted, batch by batch (copies). */
  batches(): StoredBatch[];
  /** Every request seen, in arrival order (copies). */
  requests(): RequestLog[];
  /**
   * The next `n` requests that `match` (any request by default) are not
   * handled normally: answered with `how` when it is a status (e.g. 503), cut
   * before processing ('drop'), processed and stored but cut before the reply
   * ('lose-reply': the acknowledgement is lost), or held open without an
   * answer until the client gives up or the server closes ('stall').
   */
  failNext(n: number, how?: Fault, match?: (r: Pick<RequestLog, 'kind' | 'part'>) => boolean): void;
  /** Resolves with the first logged request (from now or already logged) that matches. */
  waitFor(match: (r: RequestLog) => boolean): Promise<RequestLog>;
  close(): Promise<void>;
}

interface Batch {
  merchant: string;
  terminal: string;
  batchNo: string;
  header: Record<string, unknown>;
  headerSha256: string;
  partsTotal: number;
  txCount: number;
  parts: Map<number, StoredPart>;
  commit: { count: number; parts: number; sha256: string; bodySha256: string } | null;
}

const PATH =
  /^\/v1\/merchants\/([^/]+)\/terminals\/([^/]+)\/batches\/([^/]+)(?:\/parts\/(\d+)|\/(commit))?$/;

export async function startBackOffice(opts: BackOfficeOptions): Promise<BackOffice> {
  const keepBodies = opts.keepBodies ?? true;
  const expected = digest(Buffer.from(`Bearer ${opts.token}`));
  const store = new Map<string, Batch>();
  const log: RequestLog[] = [];
  const waiters: Array<{ match: (r: RequestLog) => boolean; resolve(r: RequestLog): void }> = [];
  const stalled = new Set<ServerResponse>();
  let faults: {
    left: number;
    how: Fault;
    match: (r: Pick<RequestLog, 'kind' | 'part'>) => boolean;
  } = { left: 0, how: 503, match: () => true };

  function record(entry: RequestLog): void {
    log.push(entry);
    opts.onRequest?.(entry);
    for (const w of [...waiters]) {
      if (w.match(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  /** The answer to one well-formed, authorised request, applied to the store. */
  function handle(
    kind: RequestLog['kind'],
    ids: { merchant: string; terminal: string; batchNo: string; part?: number },
    raw: Buffer,
    sha256: string,
  ): { status: number; body: unknown } {
    const key = `${ids.merchant}/${ids.terminal}/${ids.batchNo}`;
    const batch = store.get(key);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return bad('BAD_JSON', 'body is not JSON');
    }

    if (kind === 'header') {
      if (batch) return same(batch.headerSha256 === sha256, 'header');
      const h = json as Record<string, unknown>;
      if (
        !isObject(h) ||
        h.merchant !== ids.merchant ||
        h.terminal !== ids.terminal ||
        h.batchNo !== ids.batchNo ||
        !isCount(h.txCount) ||
        !isCount(h.partsTotal) ||
        h.partsTotal !== Math.ceil(h.txCount / MAX_PART_TRANSACTIONS) ||
        !isObject(h.totals)
      ) {
        return bad('BAD_HEADER', 'header does not name this batch or lacks counts and totals');
      }
      store.set(key, {
        ...ids,
        header: h,
        headerSha256: sha256,
        partsTotal: h.partsTotal,
        txCount: h.txCount,
        parts: new Map(),
        commit: null,
      });
      return { status: 201, body: { ok: true } };
    }

    if (!batch)
      return { status: 422, body: { code: 'NO_HEADER', message: 'PUT the header first' } };

    if (kind === 'part') {
      const n = ids.part ?? 0;
      const stored = batch.parts.get(n);
      if (stored) return same(stored.sha256 === sha256, `part ${n}`);
      if (n < 1 || n > batch.partsTotal) {
        return {
          status: 422,
          body: { code: 'NO_SUCH_PART', message: `batch has ${batch.partsTotal} parts` },
        };
      }
      if (batch.commit) return conflict('batch already committed');
      const p = json as {
        batchNo?: unknown;
        part?: unknown;
        count?: unknown;
        transactions?: unknown;
      };
      const txs = p.transactions;
      if (
        !isObject(p) ||
        p.batchNo !== ids.batchNo ||
        p.part !== n ||
        !Array.isArray(txs) ||
        txs.length < 1 ||
        txs.length > MAX_PART_TRANSACTIONS ||
        p.count !== txs.length ||
        !txs.every((t) => isObject(t) && Number.isInteger((t as { id?: unknown }).id))
      ) {
        return bad(
          'BAD_PART',
          'part does not name this batch and part, or has 1–1000 transactions',
        );
      }
      const list = txs as Array<Record<string, unknown>>;
      batch.parts.set(n, {
        part: n,
        sha256,
        count: list.length,
        ids: list.map((t) => t.id as number),
        ...(keepBodies ? { transactions: list } : {}),
      });
      return { status: 201, body: { ok: true } };
    }

    // commit
    if (batch.commit) return same(batch.commit.bodySha256 === sha256, 'commit');
    const c = json as { count?: unknown; parts?: unknown; sha256?: unknown };
    if (!isObject(c) || !isCount(c.count) || !isCount(c.parts) || typeof c.sha256 !== 'string') {
      return bad('BAD_COMMIT', 'commit needs count, parts and sha256');
    }
    for (let n = 1; n <= batch.partsTotal; n++) {
      if (!batch.parts.has(n)) {
        return { status: 422, body: { code: 'PARTS_MISSING', message: `part ${n} not received` } };
      }
    }
    const listHash = createHash('sha256');
    let count = 0;
    for (let n = 1; n <= batch.partsTotal; n++) {
      const p = batch.parts.get(n);
      if (!p) continue;
      listHash.update(Buffer.from(p.sha256, 'hex'));
      count += p.count;
    }
    const expectedSha = listHash.digest('hex');
    if (c.parts !== batch.partsTotal || c.count !== count || c.count !== batch.txCount) {
      return conflict(`holds ${batch.partsTotal} parts / ${count} transactions`);
    }
    if (c.sha256 !== expectedSha) return conflict('sha256 does not match the parts held');
    batch.commit = { count: c.count, parts: c.parts, sha256: c.sha256, bodySha256: sha256 };
    return { status: 201, body: { ok: true } };
  }

  /** The fault this request gets, if any: decided on arrival, in arrival order. */
  function takeFault(kind: RequestLog['kind'], part: number | undefined): Fault | null {
    if (faults.left <= 0 || !faults.match({ kind, ...(part !== undefined ? { part } : {}) })) {
      return null;
    }
    faults.left -= 1;
    return faults.how;
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const m = PATH.exec(path);
    const kind: RequestLog['kind'] = !m ? 'other' : m[5] ? 'commit' : m[4] ? 'part' : 'header';
    const ids = m
      ? {
          merchant: decodeURIComponent(m[1] ?? ''),
          terminal: decodeURIComponent(m[2] ?? ''),
          batchNo: decodeURIComponent(m[3] ?? ''),
          ...(m[4] ? { part: Number(m[4]) } : {}),
        }
      : null;
    const fault = takeFault(kind, ids?.part);
    const raw = await readBody(req);
    const sha256 = raw ? digest(raw).toString('hex') : '';
    const entry = (status: RequestLog['status']): RequestLog => ({
      method: req.method ?? '',
      path,
      kind,
      ...(ids ?? {}),
      status,
      sha256,
      bytes: raw?.length ?? 0,
      ...(keepBodies && raw ? { body: raw.toString('utf8') } : {}),
    });
    const answer = (status: number, body: unknown) => {
      if (fault === 'lose-reply') {
        // Processed (and stored) for real; the acknowledgement never arrives.
        record(entry('lost'));
        req.socket.destroy();
        return;
      }
      record(entry(status));
      send(res, status, body);
    };

    if (fault === 'drop') {
      record(entry('dropped'));
      req.socket.destroy();
      return;
    }
    if (fault === 'stall') {
      stalled.add(res);
      res.on('close', () => stalled.delete(res));
      record(entry('stalled'));
      return;
    }
    if (typeof fault === 'number') {
      record(entry(fault));
      return send(res, fault, { code: 'INJECTED', message: `injected HTTP ${fault}` });
    }

    // Constant-time compare of fixed-length digests: no early exit on the token.
    if (!timingSafeEqual(digest(Buffer.from(req.headers.authorization ?? '')), expected)) {
      return answer(401, { code: 'UNAUTHORIZED', message: 'missing or wrong bearer token' });
    }
    const method = kind === 'commit' ? 'POST' : 'PUT';
    if (!ids || req.method !== method) {
      return answer(404, { code: 'NO_SUCH_ENDPOINT', message: `${req.method} ${path}` });
    }
    if (!raw) return answer(413, { code: 'TOO_LARGE', message: 'body too large' });
    const result = handle(kind, ids, raw, sha256);
    return answer(result.status, result.body);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { code: 'SYSTEMERROR', message: 'back office bug' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${addr.port}`,
    batches: () =>
      [...store.values()].map((b) => ({
        merchant: b.merchant,
        terminal: b.terminal,
        batchNo: b.batchNo,
        header: structuredClone(b.header),
        headerSha256: b.headerSha256,
        parts: [...b.parts.values()].sort((x, y) => x.part - y.part).map((p) => structuredClone(p)),
        commit: b.commit
          ? { count: b.commit.count, parts: b.commit.parts, sha256: b.commit.sha256 }
          : null,
      })),
    requests: () => log.map((r) => ({ ...r })),
    failNext(n, how = 503, match = () => true) {
      faults = { left: Math.max(0, Math.floor(n)), how, match };
    },
    waitFor(match) {
      const seen = log.find(match);
      if (seen) return Promise.resolve({ ...seen });
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async close() {
      for (const res of stalled) res.destroy();
      stalled.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };

  function same(equal: boolean, what: string): { status: number; body: unknown } {
    return equal
      ? { status: 200, body: { ok: true, repeated: true } }
      : conflict(`${what} already stored with other content`);
  }
}

function conflict(message: string) {
  return { status: 409, body: { code: 'CONFLICT', message } };
}

function bad(code: string, message: string) {
  return { status: 400, body: { code, message } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function digest(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** The body, or undefined when it is over the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
