import type { Clock } from '../core/clock';
import { crashPoint } from '../core/crash-point';
import { errorFields, type Logger } from '../core/logger';
import type { OutboxRecord, Repositories } from '../db';

export type DeliveryResult =
  | { kind: 'done' }
  /** Try again later; `retryAt` overrides the worker's backoff. */
  | { kind: 'retry'; error: string; retryAt?: number }
  /** Can never succeed (e.g. refused for good); kept as 'dead' for a person to look at. */
  | { kind: 'dead'; error: string }
  /** Not tried (a precondition such as the host sign-in is missing): no attempt counted. */
  | { kind: 'wait'; reason: string };

export interface OutboxHandler {
  readonly kind: string;
  deliver(record: OutboxRecord): Promise<DeliveryResult>;
}

/** 5 s, 10 s, 20 s … capped at 5 minutes, with ±20 % jitter so terminals don't retry in step. */
export function defaultBackoff(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 300_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Delivers outbox rows: each kind has a handler; rows of a kind go one at a
 * time, in order, and a delivery that fails waits its backoff. A background
 * loop picks up what is due; `flush(kind)` delivers everything of a kind now
 * (e.g. reversals before the next card transaction).
 */
export function createOutboxWorker(deps: {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  handlers: readonly OutboxHandler[];
  backoff?: (attempts: number) => number;
  /** How often the background loop looks for due rows when nothing is scheduled. */
  idlePollMs?: number;
}) {
  const { repos, clock, logger } = deps;
  const backoff = deps.backoff ?? defaultBackoff;
  const idlePollMs = deps.idlePollMs ?? 30_000;
  const handlers = new Map(deps.handlers.map((h) => [h.kind, h]));
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  async function deliverOne(handler: OutboxHandler, row: OutboxRecord): Promise<boolean> {
    let result: DeliveryResult;
    try {
      crashPoint('outbox:deliver');
      result = await handler.deliver(row);
      if (result.kind === 'done') crashPoint('outbox:delivered');
    } catch (err) {
      logger.error('outbox handler threw', { kind: row.kind, id: row.id, ...errorFields(err) });
      result = { kind: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
    const now = clock.now();
    if (result.kind === 'wait') {
      // Not an attempt, but not due again at once either: the background loop
      // looks again after its idle poll; a flush (e.g. after sign-in) goes at once.
      repos.outbox.postpone(row.id, now + idlePollMs);
      return false;
    }
    if (result.kind === 'done') {
      repos.outbox.markDone(row.id, now);
      return true;
    }
    if (result.kind === 'dead') {
      repos.outbox.markDead(row.id, now);
      logger.error('outbox row given up', { kind: row.kind, id: row.id, error: result.error });
      return true;
    }
    repos.outbox.markFailed(
      row.id,
      result.error,
      result.retryAt ?? now + backoff(row.attempts + 1),
    );
    return false;
  }

  /**
   * Delivers pending rows of `kind` in order and stops at the first that can't
   * go: one still in its backoff (unless `all`), or one that failed. A later
   * row never overtakes an earlier one.
   */
  function run(kind: string, all: boolean): Promise<void> {
    const handler = handlers.get(kind);
    // After close the database may already be gone: nothing more is read or written.
    if (!handler || closed) return Promise.resolve();
    const existing = running.get(kind);
    // A flush must not settle for a background run that skips rows in backoff.
    if (existing) return all ? existing.then(() => run(kind, true)) : existing;
    const p = (async () => {
      for (const row of repos.outbox.open(kind)) {
        if (closed) return;
        if (row.state !== 'pending') continue; // held: its request is still in flight
        if (!all && row.nextAttemptAt > clock.now()) return;
        if (!(await deliverOne(handler, row))) return;
      }
    })()
      .catch((err: unknown) => {
        // A row stays as it was (pending, its attempt not counted): the next run retries it.
        logger.error('outbox run failed', { kind, ...errorFields(err) });
      })
      .finally(() => running.delete(kind));
    running.set(kind, p);
    return p;
  }

  function schedule() {
    if (closed) return;
    if (timer) clearTimeout(timer);
    // Only kinds this worker delivers: another kind's row must not keep it spinning.
    const next = repos.outbox.nextDueAt([...handlers.keys()]);
    const wait = next === null ? idlePollMs : Math.max(0, next - clock.now());
    timer = setTimeout(
      () => {
        timer = null;
        void Promise.all([...handlers.keys()].map((k) => run(k, false))).finally(schedule);
      },
      Math.min(wait, idlePollMs),
    );
    timer.unref();
  }

  return {
    /** Delivers every open row of `kind` now, ignoring backoff. */
    flush: (kind: string) => run(kind, true),
    /** Delivers what is due now, of every kind. */
    async deliverDue(): Promise<void> {
      await Promise.all([...handlers.keys()].map((k) => run(k, false)));
    },
    start: schedule,
    /** Something new may be due: look soon. */
    kick(): void {
      if (closed) return;
      setImmediate(() => {
        if (!closed) void this.deliverDue().finally(schedule);
      });
    },
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      await Promise.all(running.values());
    },
  };
}
export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
