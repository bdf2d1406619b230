import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBackOffice, type BackOffice, type RequestLog } from '../../backoffice/server';
import { tempDir } from '../../support/core';
import { T0, TOKEN, idsHeld, openTerminal, seedBatch, type Terminal } from './harness';

/** Requests of one kind (and part), in order. */
const sent = (log: RequestLog[], kind: RequestLog['kind'], part?: number) =>
  log.filter((r) => r.kind === kind && (part === undefined || r.part === part));

/** The commit digest as HOST-PROTOCOL part C / main/sync/protocol.ts define it, from the bodies received. */
function hashList(bodies: string[]): string {
  const outer = createHash('sha256');
  for (const b of bodies)
    outer.update(createHash('sha256').update(Buffer.from(b, 'utf8')).digest());
  return outer.digest('hex');
}

describe('uploading a settled batch to the back office', () => {
  let tmp: ReturnType<typeof tempDir>;
  let office: BackOffice;
  let t: Terminal;

  beforeEach(async () => {
    tmp = tempDir('pos-sync-');
    office = await startBackOffice({ token: TOKEN });
    t = openTerminal(tmp.dir);
    // Configured before anything is settled: saving the settings delivers what
    // is open at once, and these tests decide when each attempt happens.
    t.configure(office.baseUrl);
  });
  afterEach(async () => {
    await t.close();
    await office.close();
    tmp.remove();
  });

  it('sends the header, 3 parts for 2,500 transactions and the commit, each once', async () => {
    const ids = seedBatch(t, '000001', 2500);
    expect(t.settle('000001')).toEqual({ txCount: 2500, partsTotal: 3 });
    await t.deliver();

    const log = office.requests();
    expect(log.map((r) => [r.kind, r.part ?? null, r.status])).toEqual([
      ['header', null, 201],
      ['part', 1, 201],
      ['part', 2, 201],
      ['part', 3, 201],
      ['commit', null, 201],
    ]);
    expect(log.map((r) => r.method)).toEqual(['PUT', 'PUT', 'PUT', 'PUT', 'POST']);
    expect(log[0]?.path).toBe('/v1/merchants/898310148160001/terminals/T0000001/batches/000001');

    const [held] = office.batches();
    // every transaction exactly once, in id order, split 1000 / 1000 / 500
    expect(idsHeld(held)).toEqual(ids);
    expect(held?.parts.map((p) => p.count)).toEqual([1000, 1000, 500]);
    expect(held?.header).toMatchObject({
      merchant: '898310148160001',
      terminal: 'T0000001',
      batchNo: '000001',
      settledAt: new Date(T0).toISOString(),
      txCount: 2500,
      partsTotal: 3,
      totals: { sale: { count: expect.any(Number), amountFen: expect.any(Number) } },
    });
    // the commit's digest is the hash list over the exact bytes received
    const bodies = sent(log, 'part').map((r) => r.body ?? '');
    expect(held?.commit).toEqual({ count: 2500, parts: 3, sha256: hashList(bodies) });

    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'done',
      headerDone: true,
      partsDone: 3,
      partsTotal: 3,
      lastError: null,
    });
    expect(t.outboxRow('000001')?.state).toBe('done');
    // acknowledged parts' bytes are not kept (only their digests)
    expect(t.repos.sync.part('000001', 1)?.body).toBeNull();
    expect(t.sync.status()).toMatchObject({
      configured: true,
      batches: [{ batchNo: '000001', state: 'done', partsDone: 3, partsTotal: 3, txCount: 2500 }],
    });
  });

  it('queues a batch once however often the settlement hands it over', async () => {
    seedBatch(t, '000001', 10);
    t.settle('000001');
    t.settle('000001');
    await t.deliver();
    await t.deliver();
    expect(sent(office.requests(), 'header')).toHaveLength(1);
    expect(sent(office.requests(), 'commit')).toHaveLength(1);
    expect(
      t.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'batch-sync'").get(),
    ).toEqual({
      n: 1,
    });
  });

  it('uploads a batch with no transactions as a header and a commit', async () => {
    seedBatch(t, '000001', 0);
    expect(t.settle('000001')).toEqual({ txCount: 0, partsTotal: 0 });
    await t.deliver();
    expect(office.requests().map((r) => [r.kind, r.status])).toEqual([
      ['header', 201],
      ['commit', 201],
    ]);
    expect(office.batches()[0]?.commit).toEqual({
      count: 0,
      parts: 0,
      sha256: createHash('sha256').digest('hex'),
    });
  });

  it('after a 503 on part 2, retries with backoff and resumes at part 2 without re-sending part 1', async () => {
    const ids = seedBatch(t, '000001', 2500);
    t.settle('000001');
    office.failNext(1, 503, (r) => r.kind === 'part' && r.part === 2);
    await t.deliver();

    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'uploading',
      partsDone: 1,
      lastError: 'part 2: http-5xx 503',
    });
    const row = t.outboxRow('000001');
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'part 2: http-5xx 503' });
    // the outbox's exponential backoff with jitter: 5 s ± 20 % for the first retry
    expect(row?.nextAttemptAt).toBeGreaterThanOrEqual(T0 + 4_000);
    expect(row?.nextAttemptAt).toBeLessThanOrEqual(T0 + 6_000);

    await t.deliver();
    const log = office.requests();
    expect(sent(log, 'header')).toHaveLength(1);
    expect(sent(log, 'part', 1)).toHaveLength(1);
    expect(sent(log, 'part', 2).map((r) => r.status)).toEqual([503, 201]);
    // the retry carried exactly the bytes of the failed try
    expect(new Set(sent(log, 'part', 2).map((r) => r.sha256)).size).toBe(1);
    expect(sent(log, 'part', 3)).toHaveLength(1);
    expect(idsHeld(office.batches()[0])).toEqual(ids);
    expect(office.batches()[0]?.commit?.count).toBe(2500);
    expect(t.outboxRow('000001')?.state).toBe('done');
  });

  it('re-sends a part whose acknowledgement was lost; the back office stores it once', async () => {
    const ids = seedBatch(t, '000001', 2500);
    t.settle('000001');
    office.failNext(1, 'lose-reply', (r) => r.kind === 'part' && r.part === 2);
    await t.deliver();
    expect(t.repos.sync.get('000001')).toMatchObject({
      partsDone: 1,
      lastError: 'part 2: network',
    });
    await t.deliver();

    const log = office.requests();
    expect(sent(log, 'part', 2).map((r) => r.status)).toEqual(['lost', 200]);
    expect(new Set(sent(log, 'part', 2).map((r) => r.sha256)).size).toBe(1);
    expect(idsHeld(office.batches()[0])).toEqual(ids);
    expect(t.repos.sync.get('000001')?.state).toBe('done');
  });

  it('gives up on a call that stalls past the timeout and resumes with it', async () => {
    t.configure(office.baseUrl, TOKEN, 1);
    seedBatch(t, '000001', 1500);
    t.settle('000001');
    office.failNext(1, 'stall', (r) => r.kind === 'commit');
    await t.deliver();
    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'uploading',
      partsDone: 2,
      lastError: 'commit: timeout',
    });
    await t.deliver();
    expect(sent(office.requests(), 'part')).toHaveLength(2);
    expect(sent(office.requests(), 'commit').map((r) => r.status)).toEqual(['stalled', 201]);
    expect(t.repos.sync.get('000001')?.state).toBe('done');
  });

  it('treats a dropped connection and a back office that is down as retry later', async () => {
    seedBatch(t, '000001', 5);
    t.settle('000001');
    office.failNext(1, 'drop');
    await t.deliver();
    expect(t.repos.sync.get('000001')?.lastError).toBe('header: network');

    const closed = office.baseUrl;
    await office.close();
    await t.deliver();
    expect(t.repos.sync.get('000001')?.lastError).toBe('header: network');
    expect(t.outboxRow('000001')).toMatchObject({ state: 'pending', attempts: 2 });

    office = await startBackOffice({ token: TOKEN });
    expect(office.baseUrl).not.toBe(closed);
    // the new address: saving it tries the waiting upload at once
    t.configure(office.baseUrl);
    await t.deliver();
    expect(t.repos.sync.get('000001')?.state).toBe('done');
  });

  it('uploads several batches in the order they were settled', async () => {
    seedBatch(t, '000001', 1200);
    t.settle('000001');
    seedBatch(t, '000002', 300);
    t.settle('000002');
    await t.deliver();
    expect(
      office
        .requests()
        .filter((r) => r.kind === 'commit')
        .map((r) => r.batchNo),
    ).toEqual(['000001', '000002']);
    expect(office.batches().map((b) => b.commit?.count)).toEqual([1200, 300]);
    // newest first on the screen
    expect(t.sync.status().batches.map((b) => [b.batchNo, b.state, b.partsDone])).toEqual([
      ['000002', 'done', 1],
      ['000001', 'done', 2],
    ]);
  });

  it('uploads the batch as it was settled, even if a transaction changes afterwards', async () => {
    const [first] = seedBatch(t, '000001', 1200);
    t.settle('000001');
    // e.g. a refund in the next batch marks the original sale 'refunded'
    t.db.prepare("UPDATE transactions SET state = 'refunded' WHERE id = ?").run(first);
    await t.deliver();
    const tx = office.batches()[0]?.parts[0]?.transactions?.[0];
    expect(tx).toMatchObject({ id: first, state: 'approved' });
  });
});

describe('a restart in the middle of an upload', () => {
  it('resumes at the first part not acknowledged; nothing is stored twice or sent with other content', async () => {
    const tmp = tempDir('pos-sync-');
    const office = await startBackOffice({ token: TOKEN });
    try {
      let t = openTerminal(tmp.dir);
      t.configure(office.baseUrl, TOKEN, 60);
      const ids = seedBatch(t, '000001', 4500);
      t.settle('000001');
      // part 3 hangs; once it is in flight, the terminal shuts down (parts 1 and 2 acknowledged)
      office.failNext(1, 'stall', (r) => r.kind === 'part' && r.part === 3);
      const delivering = t.deliver();
      await office.waitFor((r) => r.kind === 'part' && r.part === 3);
      expect(t.repos.sync.get('000001')).toMatchObject({ partsDone: 2, state: 'uploading' });
      await t.close();
      await delivering;

      // the next start: same data directory, new database connection, new worker
      t = openTerminal(tmp.dir);
      expect(t.repos.sync.get('000001')).toMatchObject({ partsDone: 2, headerDone: true });
      await t.deliver();

      const log = office.requests();
      expect(sent(log, 'header')).toHaveLength(1);
      expect(sent(log, 'part', 1)).toHaveLength(1);
      expect(sent(log, 'part', 2)).toHaveLength(1);
      expect(sent(log, 'part', 3).map((r) => r.status)).toEqual(['stalled', 201]);
      for (let n = 1; n <= 5; n++) {
        expect(new Set(sent(log, 'part', n).map((r) => r.sha256)).size, `part ${n}`).toBe(1);
      }
      expect(log.some((r) => r.status === 409)).toBe(false);
      expect(idsHeld(office.batches()[0])).toEqual(ids);
      expect(office.batches()[0]?.commit?.count).toBe(4500);
      expect(t.repos.sync.get('000001')?.state).toBe('done');
      await t.close();
    } finally {
      await office.close();
      tmp.remove();
    }
  });
});
