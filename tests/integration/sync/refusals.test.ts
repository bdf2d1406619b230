import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFUSED_RETRY_MS } from '../../../main/sync/sync-service';
import { startBackOffice, type BackOffice } from '../../backoffice/server';
import { tempDir } from '../../support/core';
import {
  MERCHANT,
  T0,
  TERMINAL,
  TOKEN,
  idsHeld,
  openTerminal,
  seedBatch,
  type Terminal,
} from './harness';

describe('when the back office refuses, or is not there', () => {
  let tmp: ReturnType<typeof tempDir>;
  let office: BackOffice;
  let t: Terminal;

  beforeEach(async () => {
    tmp = tempDir('pos-sync-');
    office = await startBackOffice({ token: TOKEN });
    t = openTerminal(tmp.dir);
  });
  afterEach(async () => {
    await t.close();
    await office.close();
    tmp.remove();
  });

  /** Someone else's bytes under our key, put there directly. */
  async function put(path: string, body: unknown) {
    const res = await fetch(`${office.baseUrl}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return res.status;
  }
  const batchPath = `/v1/merchants/${MERCHANT}/terminals/${TERMINAL}/batches/000001`;

  it('waits while no back office is configured, then uploads once it is', async () => {
    seedBatch(t, '000001', 20);
    t.settle('000001');
    await t.deliver();
    expect(office.requests()).toEqual([]);
    expect(t.repos.sync.get('000001')?.state).toBe('pending');
    // 'wait' is not an attempt: no backoff builds up while nobody has set it up
    expect(t.outboxRow('000001')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(t.sync.status()).toMatchObject({
      configured: false,
      batches: [{ batchNo: '000001', state: 'pending', partsDone: 0, partsTotal: 1 }],
    });

    // an address without a token is not configured either
    t.configure(office.baseUrl, null);
    await t.deliver();
    expect(office.requests()).toEqual([]);

    t.configure(office.baseUrl);
    await t.deliver();
    expect(office.batches()[0]?.commit?.count).toBe(20);
    expect(t.outboxRow('000001')?.state).toBe('done');
  });

  it('stops at a 409 on the header: state conflict, outbox row dead, nothing overwritten', async () => {
    const theirs = {
      merchant: MERCHANT,
      terminal: TERMINAL,
      batchNo: '000001',
      settledAt: '2026-11-20T00:00:00.000Z',
      training: false,
      txCount: 1,
      partsTotal: 1,
      totals: { other: true },
    };
    expect(await put(batchPath, theirs)).toBe(201);
    t.configure(office.baseUrl);
    seedBatch(t, '000001', 1500);
    t.settle('000001');
    await t.deliver();

    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'conflict',
      headerDone: false,
      partsDone: 0,
      lastError: 'header: HTTP 409 CONFLICT header already stored with other content',
    });
    expect(t.outboxRow('000001')?.state).toBe('dead');
    const [held] = office.batches();
    expect(held?.header).toEqual(theirs);
    expect(held?.parts).toEqual([]);
    expect(office.requests().filter((r) => r.kind !== 'header')).toEqual([]);

    // "retry now" does not bring a conflict back: nothing more is sent
    await t.sync.retry();
    expect(office.requests()).toHaveLength(2);
    expect(t.sync.status().batches[0]).toMatchObject({ state: 'conflict' });
  });

  it('stops at a 409 on a part; the parts before it stay, the one held is not replaced', async () => {
    t.configure(office.baseUrl);
    seedBatch(t, '000001', 2500);
    t.settle('000001');
    // our own header (same bytes: accepted again), and a different part 2 already there
    const header = t.repos.sync.headerBody('000001')?.toString('utf8') ?? '';
    expect(await put(batchPath, header)).toBe(201);
    const theirPart2 = { batchNo: '000001', part: 2, count: 1, transactions: [{ id: 999_999 }] };
    expect(await put(`${batchPath}/parts/2`, theirPart2)).toBe(201);

    await t.deliver();
    const log = office.requests().slice(2);
    expect(log.map((r) => [r.kind, r.part ?? null, r.status])).toEqual([
      ['header', null, 200],
      ['part', 1, 201],
      ['part', 2, 409],
    ]);
    expect(t.repos.sync.get('000001')).toMatchObject({ state: 'conflict', partsDone: 1 });
    expect(t.outboxRow('000001')?.state).toBe('dead');
    const [held] = office.batches();
    expect(held?.parts.map((p) => [p.part, p.ids.length])).toEqual([
      [1, 1000],
      [2, 1],
    ]);
    expect(held?.parts[1]?.ids).toEqual([999_999]);
    expect(held?.commit).toBeNull();
  });

  it('marks a batch unauthorized on 401, retries hourly, and resumes when the token is fixed', async () => {
    t.configure(office.baseUrl, 'wrong-token-123');
    const ids = seedBatch(t, '000001', 1200);
    t.settle('000001');
    await t.deliver();

    expect(office.requests().map((r) => [r.kind, r.status])).toEqual([['header', 401]]);
    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'unauthorized',
      lastError: 'header: HTTP 401',
    });
    // not the backoff: a wrong token does not fix itself
    expect(t.outboxRow('000001')).toMatchObject({
      state: 'pending',
      nextAttemptAt: T0 + REFUSED_RETRY_MS,
    });
    expect(t.sync.status().batches[0]).toMatchObject({ state: 'unauthorized' });

    // the manager enters the right token: saving it resumes the upload at once
    t.configure(office.baseUrl, TOKEN);
    await t.deliver();
    expect(t.repos.sync.get('000001')).toMatchObject({ state: 'done', lastError: null });
    expect(idsHeld(office.batches()[0])).toEqual(ids);
  });

  it('treats 403 on a part like 401 and resumes at that part', async () => {
    t.configure(office.baseUrl);
    seedBatch(t, '000001', 2500);
    t.settle('000001');
    office.failNext(1, 403, (r) => r.kind === 'part' && r.part === 2);
    await t.deliver();
    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'unauthorized',
      partsDone: 1,
      lastError: 'part 2: HTTP 403',
    });
    await t.sync.retry();
    expect(t.repos.sync.get('000001')?.state).toBe('done');
    const parts = office.requests().filter((r) => r.kind === 'part');
    expect(parts.map((r) => [r.part, r.status])).toEqual([
      [1, 201],
      [2, 403],
      [2, 201],
      [3, 201],
    ]);
  });

  it('keeps a batch refused with another 4xx (a wrong address) for an hour, and goes on when fixed', async () => {
    t.configure(`${office.baseUrl}/wrong-prefix`);
    seedBatch(t, '000001', 10);
    t.settle('000001');
    await t.deliver();
    expect(t.repos.sync.get('000001')).toMatchObject({
      state: 'uploading',
      lastError: expect.stringMatching(/^header: HTTP 404 NO_SUCH_ENDPOINT/),
    });
    expect(t.outboxRow('000001')).toMatchObject({
      state: 'pending',
      nextAttemptAt: T0 + REFUSED_RETRY_MS,
    });
    t.configure(office.baseUrl);
    await t.deliver();
    expect(t.repos.sync.get('000001')?.state).toBe('done');
  });
});
