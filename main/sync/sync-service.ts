import { iso, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { OutboxRecord, Repositories } from '../db';
import type { SyncState } from '../db/repos/sync';
import type { DeliveryResult, OutboxHandler } from '../outbox/worker';
import type { SecretBox } from '../secrets/secret-box';
import { isTraining } from '../settings/schema';
import type { SettingsStore } from '../settings/store';
import { createBackOfficeClient, type FetchLike } from './client';
import { freezeBatch } from './freeze';
import { uploadBatch } from './uploader';

/** Outbox kind of a settled batch's upload; its payload is `{ batchNo }`. */
export const BATCH_SYNC = 'batch-sync';
/** The outbox kind the sale service writes with each cash sale. */
const CASH_SALE = 'cash-sale';
/** Name of the sealed back-office token in the secrets table. */
export const BACK_OFFICE_TOKEN = 'back-office-token';

/**
 * After 401/403 (token wrong or revoked) or another refusal (wrong address):
 * nothing changes by itself, so try again hourly rather than on the backoff;
 * saving the settings (or "retry now") goes at once.
 */
export const REFUSED_RETRY_MS = 60 * 60_000;

export interface SyncBatchView {
  batchNo: string;
  state: SyncState;
  txCount: number;
  partsDone: number;
  partsTotal: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BackOfficeView {
  baseUrl: string;
  timeoutSec: number;
  tokenSet: boolean;
}

/**
 * Uploads each settled batch to the merchant's back office exactly once
 * (HOST-PROTOCOL.md part C, PRODUCT.md §7). The settlement hands a batch over
 * with `enqueue` inside its closing SQLite transaction: the batch is frozen
 * (header, parts, digests) and an outbox row written together with the close,
 * so a crash at any instant neither loses nor duplicates the upload. The
 * outbox delivers rows of this kind one at a time, in order, with backoff and
 * jitter, forever; each delivery resumes at the first part not acknowledged.
 */
export function createSyncService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  secretBox: SecretBox;
  clock: Clock;
  logger: Logger;
  /**
   * The settlement's totals of a batch, put in the header under `totals`.
   * Called inside `enqueue`, i.e. inside the settlement's transaction, and
   * frozen with the header: a plain JSON object.
   */
  totals(batchNo: string): unknown;
  /** The outbox worker, late-bound (it is built with this service's handler). */
  outbox?: { kick(): void; flush(kind: string): Promise<void> };
  fetch?: FetchLike;
}) {
  const { repos, settings, secretBox, clock, logger } = deps;
  const stopping = new AbortController();

  /** The address and token to upload to, or null when not configured yet. */
  function endpoint(): { baseUrl: string; timeoutMs: number; token: string } | null {
    const { baseUrl, timeoutSec } = settings.get().backOffice;
    const sealed = repos.secrets.get(BACK_OFFICE_TOKEN);
    if (!baseUrl || !sealed) return null;
    const token = secretBox.open(sealed.sealed).toString('utf8');
    return { baseUrl, timeoutMs: timeoutSec * 1000, token };
  }

  const configured = () =>
    settings.get().backOffice.baseUrl !== '' && repos.secrets.get(BACK_OFFICE_TOKEN) !== null;

  async function deliver(row: OutboxRecord): Promise<DeliveryResult> {
    const batchNo = payloadBatchNo(row.payload);
    if (!batchNo) return { kind: 'dead', error: 'payload without a batch number' };
    if (stopping.signal.aborted) return { kind: 'wait', reason: 'shutting down' };
    const b = repos.sync.get(batchNo);
    if (!b) return { kind: 'dead', error: `batch ${batchNo} has no upload recorded` };
    if (b.state === 'done') return { kind: 'done' };
    if (b.state === 'conflict') return { kind: 'dead', error: b.lastError ?? 'conflict' };
    const to = endpoint();
    if (!to) return { kind: 'wait', reason: 'back office not configured' };

    const client = createBackOfficeClient(
      { ...to, merchant: b.merchant, terminal: b.terminal },
      deps.fetch ? { fetch: deps.fetch } : {},
    );
    const started = clock.now();
    const outcome = await uploadBatch(
      { sync: repos.sync, client, clock, signal: stopping.signal },
      batchNo,
    );
    const fields = { batchNo, merchant: b.merchant, terminal: b.terminal };
    switch (outcome.kind) {
      case 'done':
        logger.info('batch uploaded to the back office', {
          ...fields,
          txCount: b.txCount,
          parts: b.partsTotal,
          ms: clock.now() - started,
        });
        return { kind: 'done' };
      case 'conflict':
        // Never overwritten: the back office keeps what it has, a person looks.
        logger.error('back office holds different content for this batch', {
          ...fields,
          error: outcome.error,
        });
        return { kind: 'dead', error: outcome.error };
      case 'unauthorized':
        logger.error('back office refused the token', { ...fields, error: outcome.error });
        return { kind: 'retry', error: outcome.error, retryAt: clock.now() + REFUSED_RETRY_MS };
      case 'rejected':
        logger.error('back office refused the request', { ...fields, error: outcome.error });
        return { kind: 'retry', error: outcome.error, retryAt: clock.now() + REFUSED_RETRY_MS };
      case 'retry':
        logger.warn('batch upload interrupted, will resume', { ...fields, error: outcome.error });
        return { kind: 'retry', error: outcome.error };
      case 'stopped':
        return { kind: 'wait', reason: 'shutting down' };
    }
  }

  async function retry(): Promise<void> {
    try {
      await deps.outbox?.flush(BATCH_SYNC);
    } catch (err) {
      logger.error('batch upload flush failed', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  const view = (): BackOfficeView => ({
    ...settings.get().backOffice,
    tokenSet: repos.secrets.get(BACK_OFFICE_TOKEN) !== null,
  });

  return {
    handler: { kind: BATCH_SYNC, deliver } satisfies OutboxHandler,

    /**
     * Hands a settled batch over for upload. Call it INSIDE the settlement's
     * closing SQLite transaction: the batch is frozen as settled and its
     * outbox row (dedupe key batch-sync:{merchant}:{terminal}:{batch}) commits
     * with the close or not at all. Calling it again for the same batch
     * changes nothing.
     */
    enqueue(batchNo: string, now: number): { txCount: number; partsTotal: number } {
      const p = settings.get();
      const merchant = p.merchantNumber;
      const terminal = p.terminalNumber;
      if (!merchant || !terminal) {
        throw new Error('cannot queue a batch upload: merchant or terminal number not set');
      }
      const b = repos.inTransaction(() => {
        freezeBatch(
          repos.sync,
          {
            merchant,
            terminal,
            batchNo,
            settledAt: iso(now),
            training: isTraining(p),
            totals: deps.totals(batchNo),
          },
          now,
        );
        repos.outbox.enqueue(
          {
            kind: BATCH_SYNC,
            dedupeKey: `batch-sync:${merchant}:${terminal}:${batchNo}`,
            payload: { batchNo },
          },
          now,
        );
        // The batch's offline cash sales (PRODUCT.md §7) reach the back office in this
        // upload: their rows are delivered with it, or the outbox would never drain.
        for (const row of repos.outbox.open(CASH_SALE))
          if (row.dedupeKey.startsWith(`${CASH_SALE}:${batchNo}:`))
            repos.outbox.markDone(row.id, now);
        return repos.sync.get(batchNo);
      });
      // The kick runs after the current (synchronous) transaction has ended:
      // once committed the row is there to deliver; if rolled back, it isn't.
      deps.outbox?.kick();
      return { txCount: b?.txCount ?? 0, partsTotal: b?.partsTotal ?? 0 };
    },

    /** Every batch not yet done, and the latest done ones, newest first. */
    status(): { configured: boolean; batches: SyncBatchView[] } {
      return {
        configured: configured(),
        batches: repos.sync.list().map((b) => ({
          batchNo: b.batchNo,
          state: b.state,
          txCount: b.txCount,
          partsDone: b.partsDone,
          partsTotal: b.partsTotal,
          lastError: b.lastError,
          createdAt: iso(b.createdAt),
          updatedAt: iso(b.updatedAt),
        })),
      };
    },

    /** Address and timeout; whether a token is stored (never the token). */
    settings: view,

    /**
     * A new token replaces the stored one (sealed; omit it to keep it). The
     * audit log records what changed, never the token. Uploads waiting for
     * the settings (or refused with the old ones) are tried at once.
     */
    saveSettings(
      input: { baseUrl: string; timeoutSec: number; token?: string | undefined },
      operatorNo: string,
    ): BackOfficeView {
      const before = settings.get();
      const now = clock.now();
      repos.inTransaction(() => {
        if (input.token)
          repos.secrets.put(BACK_OFFICE_TOKEN, secretBox.seal(Buffer.from(input.token)), null, now);
        repos.audit.append(
          {
            operatorNo,
            action: 'sync.backOffice.changed',
            detail: {
              baseUrl: [before.backOffice.baseUrl, input.baseUrl],
              timeoutSec: [before.backOffice.timeoutSec, input.timeoutSec],
              tokenReplaced: Boolean(input.token),
            },
          },
          now,
        );
        settings.save({
          ...before,
          backOffice: { baseUrl: input.baseUrl, timeoutSec: input.timeoutSec },
        });
      });
      void retry();
      return view();
    },

    /** Delivers every open upload now, ignoring backoff (the manager's "retry now"). */
    retry,

    /**
     * Shutting down: the call in flight is abandoned (its part is re-sent with
     * the same bytes after the restart) and no new delivery starts. Call it
     * before closing the outbox worker, which waits for the delivery running.
     */
    stop(): void {
      stopping.abort();
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;

function payloadBatchNo(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const batchNo = (payload as { batchNo?: unknown }).batchNo;
  return typeof batchNo === 'string' && /^\d{6}$/.test(batchNo) ? batchNo : null;
}
