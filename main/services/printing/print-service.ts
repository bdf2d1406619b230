import type { PosError, PrintJob, PrinterSetting, ReceiptPreview } from '../../../preload/contract';
import type { PrintDocument } from '../../../native/printer/document';
import { encodeDocument } from '../../../native/printer/escpos-encoder';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { unpackRows, type MonoBitmap } from '../../../native/printer/raster';
import { PrinterError, type ReceiptPrinter } from '../../../native/printer/printer';
import type { Clock } from '../../core/clock';
import { iso } from '../../core/clock';
import { crashPoint } from '../../core/crash-point';
import type { EventBus } from '../../core/events';
import { errorFields, type Logger } from '../../core/logger';
import type { PrintJobRecord, Repositories } from '../../db';
import { fail } from '../../domain/errors';
import type { SettingsStore } from '../../settings/store';

export interface PrintDeps {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  /** Builds the driver for the configured printer (virtual or TCP). */
  printerFor(setting: PrinterSetting): ReceiptPrinter;
  /** Waits before automatic retries while the printer is down; the last repeats. */
  retryDelaysMs?: readonly number[];
}

export const DEFAULT_RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 30_000] as const;

const DAY_MS = 86_400_000;
/** Old printed jobs are looked for at most this often (after the queue empties). */
const PRUNE_EVERY_MS = 3_600_000;
/** Jobs removed per SQLite transaction; the event loop gets a turn between stretches. */
const PRUNE_STRETCH = 100;

export function toPrintJobView(j: PrintJobRecord): PrintJob {
  return {
    id: j.id,
    txId: j.txId,
    kind: j.kind,
    copy: j.copy,
    traceNo: j.traceNo,
    state: j.state,
    attempts: j.attempts,
    target: j.target,
    lastError: j.lastError,
    createdAt: iso(j.createdAt),
    printedAt: j.printedAt === null ? null : iso(j.printedAt),
  };
}

function printerErrorOf(err: unknown, address: string): PosError {
  if (err instanceof PrinterError) return { code: err.code, params: { address: err.address } };
  return { code: 'PRINTER_UNREACHABLE', params: { address } };
}

/**
 * The durable print queue. A job is a row with the exact ESC/POS bytes, written
 * in the same SQLite transaction as the sale it prints, so a printer that is
 * off, out of paper or unplugged never loses or blocks a sale: the job waits,
 * the cashier is told, and it prints (once) when the printer is back.
 */
export function createPrintService(deps: PrintDeps) {
  const { repos, settings, clock, logger, events } = deps;
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let draining: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let failuresInARow = 0;
  let closed = false;
  let lastPrune = Number.NEGATIVE_INFINITY;
  let pruning: Promise<number> | null = null;

  // Every receipt carries the same logo: unpack it once per setting, not per sale.
  let logoCache: { key: string; bitmap: MonoBitmap } | null = null;
  const logoBitmap = (logo: { width: number; height: number; packed: string }) => {
    const key = `${logo.width}x${logo.height}:${logo.packed}`;
    if (logoCache?.key !== key)
      logoCache = {
        key,
        bitmap: unpackRows(logo.width, logo.height, Buffer.from(logo.packed, 'base64')),
      };
    return logoCache.bitmap;
  };

  const emit = (id: number) => {
    const job = repos.printJobs.get(id);
    if (job) events.emit('print:jobChanged', toPrintJobView(job));
  };

  function scheduleRetry() {
    if (closed || retryTimer) return;
    const delay = delays[Math.min(failuresInARow - 1, delays.length - 1)] ?? 30_000;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void drain();
    }, delay);
    retryTimer.unref();
  }

  /**
   * Removes printed (and cancelled) jobs older than the keepPrintedDays
   * parameter, with their bytes: a reprint builds the receipt again from the
   * transaction. A stretch at a time, so the till never waits on it.
   */
  async function pruneOld(): Promise<number> {
    const days = settings.get().receipt.keepPrintedDays;
    const before = clock.now() - days * DAY_MS;
    let after = 0;
    let removed = 0;
    while (!closed) {
      const stretch = repos.printJobs.finishedBefore(before, after, PRUNE_STRETCH);
      if (!stretch) break;
      // Lost in a power cut, the jobs are simply removed again next time.
      removed += repos.withoutFsync(() => repos.printJobs.removeFinished(after, stretch.upTo));
      if (!stretch.more) break;
      after = stretch.upTo;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (removed > 0) logger.info('old printed jobs removed', { removed, olderThanDays: days });
    return removed;
  }

  function pruneWhenDue(): void {
    if (closed || pruning || clock.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = clock.now();
    pruning = pruneOld()
      .catch((err: unknown) => {
        logger.error('removing old printed jobs failed', errorFields(err));
        return 0;
      })
      .finally(() => {
        pruning = null;
      });
  }

  async function drainOnce(): Promise<void> {
    for (;;) {
      if (closed) return;
      const job = repos.printJobs.nextOpen();
      if (!job) {
        pruneWhenDue();
        return;
      }
      const setting = settings.get().printer;
      const printer = deps.printerFor(setting);
      // The queue's marks don't wait for the disk (repos.withoutFsync): lost in a power
      // cut, the job just prints again, which a job marked 'printing' did anyway.
      if (!repos.withoutFsync(() => repos.printJobs.markPrinting(job.id, printer.target))) continue;
      emit(job.id);
      const bytes = repos.printJobs.bytes(job.id) ?? new Uint8Array();
      try {
        crashPoint('print:send');
        await printer.print(bytes);
        crashPoint('print:sent');
        repos.withoutFsync(() => repos.printJobs.markDone(job.id, clock.now()));
        failuresInARow = 0;
        emit(job.id);
      } catch (err) {
        const error = printerErrorOf(err, printer.address);
        repos.withoutFsync(() => repos.printJobs.markWaiting(job.id, error));
        failuresInARow += 1;
        logger.warn('print job waiting: printer not available', {
          jobId: job.id,
          ...errorFields(err),
        });
        emit(job.id);
        scheduleRetry();
        return;
      }
    }
  }

  /** Single-flight: a second call while printing waits for the same run. */
  function drain(): Promise<void> {
    draining ??= drainOnce().finally(() => {
      draining = null;
    });
    return draining;
  }

  return {
    /**
     * Encodes a document for the configured paper and stores it as a queued job.
     * Call inside the caller's SQLite transaction; then `kick()` after commit.
     */
    enqueue(
      doc: PrintDocument,
      job: {
        txId: number | null;
        /** An order receipt's order. */
        orderId?: number | null;
        kind: PrintJobRecord['kind'];
        copy: PrintJobRecord['copy'];
      },
    ): number {
      const params = settings.get();
      const paperWidth = params.receipt.paperWidth;
      const { codePage, cut, drawer, logo } = params.peripherals;
      // The shop's logo heads receipts (and their reprints), not reports or slips.
      const withLogo = logo && (job.kind === 'receipt' || job.kind === 'reprint');
      return repos.printJobs.insert(
        {
          ...job,
          target: params.printer.kind,
          paperWidth,
          bytes: encodeDocument(doc, {
            paperWidth,
            // A printer without a cutter: the same feed to the tear bar, no GS V.
            cutter: cut,
            // GB18030 is the printer's power-on mode: no command, same bytes as ever.
            ...(codePage !== 'gb18030' ? { codePage } : {}),
            drawer: { pin: drawer.pin, onMs: drawer.onMs, offMs: drawer.offMs },
            ...(withLogo ? { logo: logoBitmap(logo) } : {}),
          }),
        },
        clock.now(),
      );
    },

    /**
     * Starts printing queued jobs in the background, on the next turn of the
     * event loop so the caller (a sale) answers the cashier first.
     */
    kick(): void {
      setImmediate(() => {
        drain().catch((err: unknown) => logger.error('print queue failed', errorFields(err)));
      });
    },

    drain,

    /** Removes printed jobs past the keepPrintedDays parameter now (it also runs hourly). */
    pruneOld(): Promise<number> {
      return (pruning ?? Promise.resolve(0)).then(() => pruneOld());
    },

    /** Withdraws a job not printed yet; true if it was still waiting. */
    cancel(jobId: number): boolean {
      const cancelled = repos.printJobs.cancel(jobId);
      if (cancelled) emit(jobId);
      return cancelled;
    },

    /** The cashier's "retry now": forget the backoff and try at once. */
    async retryNow(): Promise<PrintJob[]> {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      await drain();
      return repos.printJobs.listOpen().map(toPrintJobView);
    },

    view(ids: number[]): PrintJob[] {
      return ids.flatMap((id) => {
        const j = repos.printJobs.get(id);
        return j ? [toPrintJobView(j)] : [];
      });
    },

    list(): PrintJob[] {
      return [...repos.printJobs.listOpen(), ...repos.printJobs.listRecentDone(20)].map(
        toPrintJobView,
      );
    },

    preview(jobId: number): ReceiptPreview {
      const job = repos.printJobs.get(jobId);
      const bytes = repos.printJobs.bytes(jobId);
      if (!job || !bytes) return fail('PRINT_JOB_NOT_FOUND', { jobId });
      const decoded = decodeEscPos(bytes);
      const lines = decoded.lines.map(({ barcode, ...line }) =>
        barcode ? { ...line, barcode: barcode.data } : line,
      );
      return { jobId, paperWidth: job.paperWidth, lines, cuts: decoded.cuts };
    },

    /** Jobs left 'printing' by a crash are retried (a receipt may print twice, never zero times). */
    recoverAtStart(): void {
      const n = repos.printJobs.recoverInterrupted();
      if (n > 0) logger.warn('print jobs interrupted by a restart will be retried', { count: n });
    },

    async close(): Promise<void> {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      await draining;
      await pruning;
    },
  };
}
export type PrintService = ReturnType<typeof createPrintService>;
