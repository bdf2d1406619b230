import type { Clock } from '../core/clock';
import type { SyncRepo } from '../db/repos/sync';
import type { BackOfficeClient, BackOfficeResult } from './client';
import { commitBody } from './protocol';

/**
 * What one delivery attempt of one batch came to. `error` is the short text
 * kept as the batch's last error (step and cause, e.g. "part 3: http-5xx 503").
 */
export type UploadOutcome =
  | { kind: 'done' }
  | { kind: 'conflict'; error: string }
  | { kind: 'unauthorized'; error: string }
  | { kind: 'retry'; error: string }
  | { kind: 'rejected'; error: string }
  /** The caller's signal stopped it (shutting down); nothing is counted against the batch. */
  | { kind: 'stopped' };

/**
 * One delivery attempt of a frozen batch: the header unless already
 * acknowledged, then the parts from the first not yet acknowledged, then the
 * commit. Progress is written to SQLite after each acknowledged call, so an
 * attempt cut short (error, crash, restart) resumes where it stopped; a call
 * whose answer was lost is repeated with the same bytes, which the back
 * office acknowledges again without storing anything twice.
 */
export async function uploadBatch(
  deps: { sync: SyncRepo; client: BackOfficeClient; clock: Clock; signal?: AbortSignal },
  batchNo: string,
): Promise<UploadOutcome> {
  const { sync, client, clock, signal } = deps;
  const b = sync.get(batchNo);
  if (!b) throw new Error(`batch ${batchNo} has no upload`);
  if (b.state === 'done') return { kind: 'done' };
  if (b.state === 'conflict') return { kind: 'conflict', error: b.lastError ?? 'conflict' };
  if (b.partsSha256 === null) throw new Error(`batch ${batchNo} was never frozen`);
  sync.markAttempt(batchNo, clock.now());

  /** Records a failed call on the batch and says what it means for the attempt. */
  function failed(step: string, r: Exclude<BackOfficeResult, { kind: 'ok' }>): UploadOutcome {
    const now = clock.now();
    switch (r.kind) {
      case 'conflict': {
        const error = `${step}: HTTP 409${r.detail ? ` ${r.detail}` : ''}`;
        sync.markProblem(batchNo, 'conflict', error, now);
        return { kind: 'conflict', error };
      }
      case 'unauthorized': {
        const error = `${step}: HTTP ${r.status}`;
        sync.markProblem(batchNo, 'unauthorized', error, now);
        return { kind: 'unauthorized', error };
      }
      case 'rejected': {
        const error = `${step}: HTTP ${r.status}${r.detail ? ` ${r.detail}` : ''}`;
        sync.recordError(batchNo, error, now);
        return { kind: 'rejected', error };
      }
      case 'retry': {
        // Cut off by our own shutdown: not the back office's failure.
        if (r.reason === 'aborted' || signal?.aborted) return { kind: 'stopped' };
        const error = `${step}: ${r.reason}${r.status ? ` ${r.status}` : ''}${r.detail ? ` (${r.detail})` : ''}`;
        sync.recordError(batchNo, error, now);
        return { kind: 'retry', error };
      }
    }
  }

  if (!b.headerDone) {
    const header = sync.headerBody(batchNo);
    if (!header) throw new Error(`batch ${batchNo} has no header`);
    const r = await client.putHeader(batchNo, header, signal);
    if (r.kind !== 'ok') return failed('header', r);
    sync.markHeaderDone(batchNo, clock.now());
  }

  for (let n = b.partsDone + 1; n <= b.partsTotal; n++) {
    if (signal?.aborted) return { kind: 'stopped' };
    // One part's bytes in memory at a time, read just before they go.
    const part = sync.part(batchNo, n);
    if (!part?.body) throw new Error(`batch ${batchNo} part ${n} has no frozen body`);
    const r = await client.putPart(batchNo, n, part.body, signal);
    if (r.kind !== 'ok') return failed(`part ${n}`, r);
    if (!sync.markPartDone(batchNo, n, clock.now())) {
      // Only one delivery per batch runs (the outbox runs a kind one row at a time).
      throw new Error(`batch ${batchNo}: progress moved while part ${n} was sent`);
    }
  }

  if (signal?.aborted) return { kind: 'stopped' };
  const r = await client.commit(
    batchNo,
    commitBody({ count: b.txCount, parts: b.partsTotal, sha256: b.partsSha256 }),
    signal,
  );
  if (r.kind !== 'ok') return failed('commit', r);
  sync.markDone(batchNo, clock.now());
  return { kind: 'done' };
}
