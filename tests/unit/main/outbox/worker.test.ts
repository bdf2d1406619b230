import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../../../main/core/clock';
import type { Logger } from '../../../../main/core/logger';
import {
  createRepositories,
  openDatabase,
  type Db,
  type OutboxRecord,
  type Repositories,
} from '../../../../main/db';
import {
  createOutboxWorker,
  defaultBackoff,
  type DeliveryResult,
  type OutboxHandler,
} from '../../../../main/outbox/worker';

const T0 = Date.parse('2026-11-24T09:30:00+08:00');

describe('defaultBackoff', () => {
  const mid = () => 0.5; // no jitter: 0.8 + 0.4 × 0.5 = 1

  it('starts at 5 s and doubles with each attempt', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => defaultBackoff(n, mid))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000,
    ]);
  });

  it('treats attempt 0 (and below) like the first', () => {
    expect(defaultBackoff(0, mid)).toBe(5_000);
    expect(defaultBackoff(-3, mid)).toBe(5_000);
  });

  it('is capped at 5 minutes', () => {
    expect(defaultBackoff(7, mid)).toBe(300_000); // 320 s uncapped
    expect(defaultBackoff(50, mid)).toBe(300_000);
    expect(defaultBackoff(2_000, mid)).toBe(300_000);
  });

  it('jitters by ±20 % with the random number given', () => {
    expect(defaultBackoff(1, () => 0)).toBe(4_000);
    expect(defaultBackoff(1, () => 1)).toBe(6_000);
    expect(defaultBackoff(3, () => 0.25)).toBe(18_000);
    expect(defaultBackoff(20, () => 0)).toBe(240_000);
    expect(defaultBackoff(20, () => 1)).toBe(360_000);
  });

  it('returns whole milliseconds', () => {
    expect(defaultBackoff(1, () => 0.123456)).toBe(Math.round(5_000 * (0.8 + 0.4 * 0.123456)));
    expect(Number.isInteger(defaultBackoff(2, () => 0.333))).toBe(true);
  });

  it('stays within ±20 % using Math.random by default', () => {
    for (let i = 0; i < 200; i++) {
      const ms = defaultBackoff(2);
      expect(ms).toBeGreaterThanOrEqual(8_000);
      expect(ms).toBeLessThanOrEqual(12_000);
    }
  });
});

/** A logger that remembers what it was told. */
function memoryLogger() {
  const entries: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  const at =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      entries.push({ level, msg, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, entries };
}

/** A handler that answers from a script and records what it was given. */
function scripted(
  kind: string,
  answer: (row: OutboxRecord, call: number) => DeliveryResult | Promise<DeliveryResult>,
) {
  const seen: OutboxRecord[] = [];
  const handler: OutboxHandler = {
    kind,
    async deliver(row) {
      seen.push(row);
      return answer(row, seen.length);
    },
  };
  return { handler, seen, keys: () => seen.map((r) => r.dedupeKey) };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((r) => setImmediate(r));

let db: Db;
let repos: Repositories;
let clock: ReturnType<typeof manualClock>;
let log: ReturnType<typeof memoryLogger>;
const workers: Array<{ close(): Promise<void> }> = [];

beforeEach(() => {
  db = openDatabase(':memory:');
  repos = createRepositories(db);
  clock = manualClock(T0);
  log = memoryLogger();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  db.close();
});

function worker(
  handlers: OutboxHandler[],
  opts: { backoff?: (attempts: number) => number; idlePollMs?: number } = {},
) {
  const w = createOutboxWorker({
    repos,
    clock,
    logger: log.logger,
    handlers,
    backoff: opts.backoff ?? ((n) => n * 1_000),
    ...(opts.idlePollMs !== undefined ? { idlePollMs: opts.idlePollMs } : {}),
  });
  workers.push(w);
  return w;
}

function enqueue(kind: string, key: string, state: 'pending' | 'held' = 'pending') {
  return repos.outbox.enqueue({ kind, dedupeKey: key, payload: { key } }, clock.now(), state);
}

const row = (key: string) => {
  const r = repos.outbox.byKey(key);
  if (!r) throw new Error(`no outbox row ${key}`);
  return r;
};
const doneAt = (id: number) =>
  (db.prepare('SELECT done_at FROM outbox WHERE id = ?').get(id) as { done_at: number | null })
    .done_at;

describe('outbox worker: delivering', () => {
  it('delivers the rows of a kind in order and marks them done', async () => {
    const h = scripted('reversal', () => ({ kind: 'done' }));
    const w = worker([h.handler]);
    enqueue('reversal', 'r1');
    enqueue('reversal', 'r2');
    enqueue('reversal', 'r3');
    clock.advance(5);
    await w.deliverDue();
    expect(h.keys()).toEqual(['r1', 'r2', 'r3']);
    expect(h.seen[0]?.payload).toEqual({ key: 'r1' });
    for (const key of ['r1', 'r2', 'r3']) {
      expect(row(key).state).toBe('done');
      expect(row(key).attempts).toBe(0);
      expect(doneAt(row(key).id)).toBe(T0 + 5);
    }
    expect(repos.outbox.pendingCount()).toBe(0);
  });

  it('delivers one row at a time: the next waits for the previous answer', async () => {
    const gates = [deferred<DeliveryResult>(), deferred<DeliveryResult>()];
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const w = worker([
      {
        kind: 'k',
        async deliver(r) {
          seen.push(r.dedupeKey);
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const result = await (gates[seen.length - 1]?.promise ?? { kind: 'done' as const });
          inFlight--;
          return result;
        },
      },
    ]);
    enqueue('k', 'a');
    enqueue('k', 'b');
    const run = w.deliverDue();
    await tick();
    expect(seen).toEqual(['a']);
    expect(row('a').state).toBe('pending');
    gates[0]?.resolve({ kind: 'done' });
    await tick();
    expect(seen).toEqual(['a', 'b']);
    expect(row('a').state).toBe('done');
    expect(row('b').state).toBe('pending');
    gates[1]?.resolve({ kind: 'done' });
    await run;
    expect(row('b').state).toBe('done');
    expect(maxInFlight).toBe(1);
  });

  it('a second call while a kind is being delivered joins the run instead of delivering twice', async () => {
    const gate = deferred<DeliveryResult>();
    const h = scripted('k', () => gate.promise);
    const w = worker([h.handler]);
    enqueue('k', 'a');
    const first = w.deliverDue();
    const second = w.deliverDue();
    await tick();
    gate.resolve({ kind: 'done' });
    await Promise.all([first, second]);
    expect(h.keys()).toEqual(['a']);
  });

  it('keeps kinds apart: each goes to its own handler', async () => {
    const rev = scripted('reversal', () => ({ kind: 'done' }));
    const up = scripted('upload', () => ({ kind: 'done' }));
    const w = worker([rev.handler, up.handler]);
    enqueue('upload', 'u1');
    enqueue('reversal', 'r1');
    enqueue('upload', 'u2');
    await w.deliverDue();
    expect(rev.keys()).toEqual(['r1']);
    expect(up.keys()).toEqual(['u1', 'u2']);
  });

  it('leaves rows of a kind with no handler alone', async () => {
    const h = scripted('reversal', () => ({ kind: 'done' }));
    const w = worker([h.handler]);
    enqueue('cash-sale', 'c1');
    await w.deliverDue();
    await w.flush('cash-sale');
    expect(row('c1')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(h.seen).toEqual([]);
  });

  it('does not deliver a row before its time', async () => {
    const h = scripted('k', () => ({ kind: 'done' }));
    const w = worker([h.handler]);
    clock.advance(10_000);
    enqueue('k', 'later'); // due at T0 + 10 s
    clock.set(T0);
    await w.deliverDue();
    expect(h.seen).toEqual([]);
    clock.set(T0 + 10_000);
    await w.deliverDue();
    expect(h.keys()).toEqual(['later']);
  });
});

describe('outbox worker: results', () => {
  it("'retry' counts the attempt, keeps the error and waits the backoff of the next attempt", async () => {
    const calls: number[] = [];
    const h = scripted('k', () => ({ kind: 'retry', error: 'host unreachable' }));
    const w = worker([h.handler], {
      backoff: (n) => {
        calls.push(n);
        return n * 1_000;
      },
    });
    enqueue('k', 'a');
    await w.deliverDue();
    expect(row('a')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'host unreachable',
      nextAttemptAt: T0 + 1_000,
    });
    expect(calls).toEqual([1]);

    // Not due yet: nothing happens.
    clock.advance(999);
    await w.deliverDue();
    expect(h.seen).toHaveLength(1);

    clock.advance(1);
    await w.deliverDue();
    expect(h.seen).toHaveLength(2);
    expect(h.seen[1]?.attempts).toBe(1);
    expect(row('a')).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 1_000 + 2_000 });
    expect(calls).toEqual([1, 2]);
  });

  it("'retry' stops the run so later rows of the kind wait behind the failed one", async () => {
    const h = scripted('k', (r) =>
      r.dedupeKey === 'a' ? { kind: 'retry', error: 'down' } : { kind: 'done' },
    );
    const w = worker([h.handler]);
    enqueue('k', 'a');
    enqueue('k', 'b');
    await w.deliverDue();
    expect(h.keys()).toEqual(['a']);
    expect(row('b')).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it("'retry' with retryAt uses that time instead of the backoff", async () => {
    const backoff = vi.fn((n: number) => n * 1_000);
    const h = scripted('k', () => ({ kind: 'retry', error: 'busy', retryAt: T0 + 42_000 }));
    const w = worker([h.handler], { backoff });
    enqueue('k', 'a');
    await w.deliverDue();
    expect(row('a')).toMatchObject({ attempts: 1, lastError: 'busy', nextAttemptAt: T0 + 42_000 });
    expect(backoff).not.toHaveBeenCalled();
  });

  it("'dead' marks the row dead, logs it and goes on to the next row", async () => {
    const h = scripted('k', (r) =>
      r.dedupeKey === 'a' ? { kind: 'dead', error: 'refused for good' } : { kind: 'done' },
    );
    const w = worker([h.handler]);
    enqueue('k', 'a');
    enqueue('k', 'b');
    clock.advance(7);
    await w.deliverDue();
    expect(row('a').state).toBe('dead');
    expect(doneAt(row('a').id)).toBe(T0 + 7);
    expect(row('b').state).toBe('done');
    expect(repos.outbox.pendingCount()).toBe(0);
    expect(log.entries).toContainEqual({
      level: 'error',
      msg: 'outbox row given up',
      fields: { kind: 'k', id: row('a').id, error: 'refused for good' },
    });
    // A dead row is never offered again.
    await w.flush('k');
    expect(h.keys()).toEqual(['a', 'b']);
  });

  it("'wait' counts no attempt, looks again only after the idle poll, and stops the run", async () => {
    const h = scripted('k', () => ({ kind: 'wait', reason: 'not signed in' }));
    const w = worker([h.handler], { idlePollMs: 30_000 });
    enqueue('k', 'a');
    enqueue('k', 'b');
    const before = row('a');
    await w.deliverDue();
    expect(h.keys()).toEqual(['a']);
    expect(row('a')).toEqual({ ...before, nextAttemptAt: T0 + 30_000 });
    expect(row('b').attempts).toBe(0);
    expect(log.entries).toEqual([]);

    // Not due again until then (no busy loop), but a flush still goes at once.
    await w.deliverDue();
    expect(h.keys()).toEqual(['a']);
    await w.flush('k');
    expect(h.keys()).toEqual(['a', 'a']);
    expect(row('a').attempts).toBe(0);
  });

  it('a handler that throws is logged and treated as a retry', async () => {
    const h = scripted('k', () => {
      throw new Error('socket hang up');
    });
    const w = worker([h.handler]);
    const a = enqueue('k', 'a');
    enqueue('k', 'b');
    await w.deliverDue();
    expect(row('a')).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'socket hang up',
      nextAttemptAt: T0 + 1_000,
    });
    expect(h.keys()).toEqual(['a']);
    const entry = log.entries.find((e) => e.msg === 'outbox handler threw');
    expect(entry).toMatchObject({
      level: 'error',
      fields: { kind: 'k', id: a.id, error: 'socket hang up' },
    });
  });

  it('a handler that throws a non-Error keeps its text as the error', async () => {
    const w = worker([
      {
        kind: 'k',
        deliver: () => Promise.reject('plain text failure' as unknown as Error),
      },
    ]);
    enqueue('k', 'a');
    await w.deliverDue();
    expect(row('a')).toMatchObject({ attempts: 1, lastError: 'plain text failure' });
  });
});

describe('outbox worker: flush', () => {
  it('delivers every open row of the kind now, ignoring backoff', async () => {
    let failing = true;
    const h = scripted('reversal', () =>
      failing ? { kind: 'retry', error: 'down' } : { kind: 'done' },
    );
    const w = worker([h.handler], { backoff: () => 300_000 });
    enqueue('reversal', 'r1');
    await w.deliverDue();
    expect(row('r1').nextAttemptAt).toBe(T0 + 300_000);

    failing = false;
    await w.deliverDue(); // still in backoff: nothing
    expect(h.seen).toHaveLength(1);
    enqueue('reversal', 'r2');
    await w.flush('reversal');
    expect(h.keys()).toEqual(['r1', 'r1', 'r2']);
    expect(row('r1').state).toBe('done');
    expect(row('r2').state).toBe('done');
  });

  it('delivers only the kind asked for', async () => {
    const rev = scripted('reversal', () => ({ kind: 'done' }));
    const up = scripted('upload', () => ({ kind: 'done' }));
    const w = worker([rev.handler, up.handler]);
    enqueue('reversal', 'r1');
    enqueue('upload', 'u1');
    await w.flush('reversal');
    expect(rev.keys()).toEqual(['r1']);
    expect(up.seen).toEqual([]);
    expect(row('u1').state).toBe('pending');
  });

  it('stops at a row that fails again and records the attempt', async () => {
    const h = scripted('k', () => ({ kind: 'retry', error: 'still down' }));
    const w = worker([h.handler]);
    enqueue('k', 'a');
    enqueue('k', 'b');
    await w.flush('k');
    await w.flush('k');
    expect(h.keys()).toEqual(['a', 'a']);
    expect(row('a').attempts).toBe(2);
    expect(row('b').attempts).toBe(0);
  });

  it('resolves at once for a kind nobody handles', async () => {
    const w = worker([]);
    enqueue('unknown', 'x');
    await expect(w.flush('unknown')).resolves.toBeUndefined();
    expect(row('x').state).toBe('pending');
  });
});

describe('outbox worker: held rows', () => {
  it('are not delivered until released, then go with their final payload', async () => {
    const h = scripted('reversal', () => ({ kind: 'done' }));
    const w = worker([h.handler]);
    const held = enqueue('reversal', 'r1', 'held');
    await w.deliverDue();
    await w.flush('reversal');
    expect(h.seen).toEqual([]);
    expect(row('r1').state).toBe('held');

    expect(repos.outbox.release(held.id, { key: 'r1', reason: '98' }, clock.now())).toBe(true);
    await w.deliverDue();
    expect(h.keys()).toEqual(['r1']);
    expect(h.seen[0]?.payload).toEqual({ key: 'r1', reason: '98' });
    expect(row('r1').state).toBe('done');
  });

  it('a held row does not hold up the pending rows after it', async () => {
    const h = scripted('reversal', () => ({ kind: 'done' }));
    const w = worker([h.handler]);
    enqueue('reversal', 'held', 'held');
    enqueue('reversal', 'ready');
    await w.flush('reversal');
    expect(h.keys()).toEqual(['ready']);
    expect(row('held').state).toBe('held');
  });

  it('a withdrawn (cancelled) row is never delivered', async () => {
    const h = scripted('reversal', () => ({ kind: 'done' }));
    const w = worker([h.handler]);
    const held = enqueue('reversal', 'r1', 'held');
    expect(repos.outbox.cancelHeld(held.id, clock.now())).toBe(true);
    expect(repos.outbox.release(held.id, {}, clock.now())).toBe(false);
    await w.deliverDue();
    await w.flush('reversal');
    expect(h.seen).toEqual([]);
    expect(row('r1').state).toBe('cancelled');
  });
});

describe('outbox worker: background loop', () => {
  it('delivers due rows after start() without being asked', async () => {
    const h = scripted('k', () => ({ kind: 'done' }));
    const w = worker([h.handler], { idlePollMs: 10 });
    enqueue('k', 'a');
    w.start();
    await vi.waitFor(() => expect(row('a').state).toBe('done'), { timeout: 2_000 });
  });

  it('picks a retried row up again once the clock reaches its time', async () => {
    const h = scripted('k', (_r, call) =>
      call === 1 ? { kind: 'retry', error: 'down' } : { kind: 'done' },
    );
    const w = worker([h.handler], { idlePollMs: 10, backoff: () => 60_000 });
    enqueue('k', 'a');
    w.start();
    await vi.waitFor(() => expect(row('a').attempts).toBe(1), { timeout: 2_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(h.seen).toHaveLength(1); // a minute has not passed on the clock
    clock.advance(60_000);
    await vi.waitFor(() => expect(row('a').state).toBe('done'), { timeout: 2_000 });
    expect(h.seen).toHaveLength(2);
  });

  it('kick() delivers what is due soon', async () => {
    const h = scripted('k', () => ({ kind: 'done' }));
    const w = worker([h.handler], { idlePollMs: 60_000 });
    enqueue('k', 'a');
    w.kick();
    await vi.waitFor(() => expect(row('a').state).toBe('done'), { timeout: 2_000 });
  });

  it('close() stops the loop: rows added afterwards are not delivered', async () => {
    const h = scripted('k', () => ({ kind: 'done' }));
    const w = worker([h.handler], { idlePollMs: 10 });
    enqueue('k', 'a');
    w.start();
    await vi.waitFor(() => expect(row('a').state).toBe('done'), { timeout: 2_000 });
    await w.close();
    enqueue('k', 'b');
    w.kick();
    w.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.keys()).toEqual(['a']);
    expect(row('b').state).toBe('pending');
  });

  it('close() waits for the delivery in flight and starts no further row', async () => {
    const gate = deferred<DeliveryResult>();
    const h = scripted('k', () => gate.promise);
    const w = worker([h.handler]);
    enqueue('k', 'a');
    enqueue('k', 'b');
    const run = w.deliverDue();
    await tick();
    let closed = false;
    const closing = w.close().then(() => (closed = true));
    await tick();
    expect(closed).toBe(false);
    gate.resolve({ kind: 'done' });
    await closing;
    await run;
    expect(row('a').state).toBe('done'); // the answer that came is kept
    expect(h.keys()).toEqual(['a']);
    expect(row('b').state).toBe('pending');
  });
});

describe('outbox worker: regressions', () => {
  it('a pending row of a kind nobody handles does not keep the background loop busy', async () => {
    const h = scripted('k', () => ({ kind: 'done' }));
    const w = worker([h.handler], { idlePollMs: 60_000 });
    enqueue('cash-sale', 'other'); // due now, but no handler here
    const spy = vi.spyOn(repos.outbox, 'nextDueAt');
    w.start();
    await new Promise((r) => setTimeout(r, 100));
    // It plans once and sleeps until the idle poll, instead of re-planning every millisecond.
    expect(spy.mock.calls.length).toBe(1);
    spy.mockRestore();
  });

  it('a background run never lets a later row overtake one still in its backoff', async () => {
    let failFirst = true;
    const h = scripted('k', (r) => {
      if (r.dedupeKey === 'a' && failFirst) {
        failFirst = false;
        return { kind: 'retry', error: 'host down' };
      }
      return { kind: 'done' };
    });
    const w = worker([h.handler], { backoff: () => 60_000 });
    enqueue('k', 'a');
    await w.deliverDue(); // a fails: next try in 60 s
    enqueue('k', 'b');
    await w.deliverDue();
    expect(h.keys()).toEqual(['a']); // b waits behind a
    expect(row('b').state).toBe('pending');
    clock.advance(60_000);
    await w.deliverDue();
    expect(h.keys()).toEqual(['a', 'a', 'b']);
  });

  it('a flush asked for during a background run still tries rows in their backoff', async () => {
    const gate = deferred<DeliveryResult>();
    const h = scripted('k', (r) => (r.dedupeKey === 'a' ? gate.promise : { kind: 'done' }));
    const w = worker([h.handler]);
    enqueue('k', 'a');
    enqueue('k', 'b');
    repos.outbox.markFailed(row('b').id, 'no answer', T0 + 60_000); // b in its backoff

    const background = w.deliverDue(); // delivers a (due), would stop at b
    while (h.keys().length === 0) await tick();
    const flush = w.flush('k'); // asked while a is in flight
    gate.resolve({ kind: 'done' });
    await background;
    await flush;
    expect(h.keys()).toEqual(['a', 'b']);
    expect(row('b').state).toBe('done');
  });
});
