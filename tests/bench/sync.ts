import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { formatBatchNo } from '../../main/domain/numbers';
import { startBackOffice, type BackOffice } from '../backoffice/server';
import { TOKEN, openTerminal, seedBatch } from '../integration/sync/harness';
import { tempDir } from '../support/core';

/**
 * A backlog of weeks: `batches` settled batches holding `transactions`
 * between them, uploaded to the reference back office on loopback. The
 * terminal side runs in its own process (tests/bench/sync-upload-child.ts),
 * as the app would, so its peak memory is its own and so it can be killed
 * outright. Figures: time, peak RSS, JS heap and Buffers (flat memory: run it
 * with a larger backlog and the peaks stay put), and duplicates at the back
 * office (transaction ids held more than once; 0 expected).
 */
export interface SyncBenchOptions {
  batches?: number;
  transactions?: number;
}

export interface SyncBenchResult {
  batches: number;
  transactions: number;
  parts: number;
  /** Writing the transactions with SQL (not part of the upload). */
  seedMs: number;
  /** Freezing every batch for upload, as the settlement's transaction does. */
  freezeMs: number;
  uploadMs: number;
  txPerSecond: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  peakBuffersMb: number;
  committed: number;
  held: number;
  duplicates: number;
  /** Parts the back office was sent again and answered 200 (same bytes): never stored twice. */
  resentParts: number;
  conflicts: number;
}

export interface SyncRestartResult {
  batches: number;
  transactions: number;
  /** Parts acknowledged when the terminal process was killed (SIGKILL). */
  killedAfterParts: number;
  wallMs: number;
  committed: number;
  held: number;
  missing: number;
  duplicates: number;
  resentParts: number;
  conflicts: number;
}

const CHILD = join(import.meta.dirname, 'sync-upload-child.ts');

interface ChildFigures {
  uploadMs: number;
  batchesDone: number;
  batchesBefore: number;
  baselineRssMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  peakBuffersMb: number;
}

/** Runs the terminal side once; `kill` may stop it early (then it has no figures). */
function runTerminal(
  dir: string,
  kill?: (stop: () => void) => void,
): Promise<{ figures: ChildFigures | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    kill?.(() => child.kill('SIGKILL'));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal) return resolve({ figures: null, signal });
      if (code !== 0) return reject(new Error(`terminal process exited with ${code}`));
      const line = out.trim().split('\n').pop() ?? '';
      resolve({ figures: JSON.parse(line) as ChildFigures, signal: null });
    });
  });
}

/** Builds the backlog in `dir`: seeded, every batch frozen and queued, the back office configured. */
function buildBacklog(dir: string, office: BackOffice, batches: number, transactions: number) {
  const t = openTerminal(dir);
  t.configure(office.baseUrl, TOKEN, 30);
  let seedMs = 0;
  let freezeMs = 0;
  let parts = 0;
  const day = 24 * 3600_000;
  for (let i = 0; i < batches; i++) {
    const batchNo = formatBatchNo(i + 1);
    // spread evenly; the first batches take the remainder
    const n = Math.floor(transactions / batches) + (i < transactions % batches ? 1 : 0);
    let start = performance.now();
    seedBatch(t, batchNo, n, t.clock.now() - (batches - i) * day);
    seedMs += performance.now() - start;
    start = performance.now();
    parts += t.settle(batchNo).partsTotal;
    freezeMs += performance.now() - start;
  }
  return { t, seedMs, freezeMs, parts };
}

/** What the back office holds: transactions by id, duplicates, repeats, conflicts. */
function census(office: BackOffice) {
  const ids = office.batches().flatMap((b) => b.parts.flatMap((p) => p.ids));
  const unique = new Set(ids).size;
  const log = office.requests();
  return {
    committed: office.batches().filter((b) => b.commit).length,
    held: unique,
    duplicates: ids.length - unique,
    resentParts: log.filter((r) => r.kind === 'part' && r.status === 200).length,
    conflicts: log.filter((r) => r.status === 409).length,
  };
}

export async function benchSync(opts: SyncBenchOptions = {}): Promise<SyncBenchResult> {
  const batches = opts.batches ?? 30;
  const transactions = opts.transactions ?? 100_000;
  const tmp = tempDir('pos-bench-sync-');
  const office = await startBackOffice({ token: TOKEN, keepBodies: false });
  try {
    const { t, seedMs, freezeMs, parts } = buildBacklog(tmp.dir, office, batches, transactions);
    await t.close();
    const { figures } = await runTerminal(tmp.dir);
    if (!figures) throw new Error('terminal process gave no figures');
    return {
      batches,
      transactions,
      parts,
      seedMs,
      freezeMs,
      uploadMs: figures.uploadMs,
      txPerSecond: transactions / (figures.uploadMs / 1000),
      baselineRssMb: figures.baselineRssMb,
      peakRssMb: figures.peakRssMb,
      peakHeapMb: figures.peakHeapMb,
      peakBuffersMb: figures.peakBuffersMb,
      ...census(office),
    };
  } finally {
    await office.close();
    tmp.remove();
  }
}

/**
 * The same backlog, but the terminal process is killed (SIGKILL: no shutdown
 * of any kind) once about half the parts are acknowledged, then started again
 * to finish. Nothing may be missing or held twice.
 */
export async function benchSyncRestart(opts: SyncBenchOptions = {}): Promise<SyncRestartResult> {
  const batches = opts.batches ?? 30;
  const transactions = opts.transactions ?? 100_000;
  const tmp = tempDir('pos-bench-sync-');
  let acked = 0;
  let killAt = Number.POSITIVE_INFINITY;
  let killNow: (() => void) | null = null;
  let killedAfterParts = 0;
  const office = await startBackOffice({
    token: TOKEN,
    keepBodies: false,
    onRequest(r) {
      if (r.kind !== 'part' || r.status !== 201) return;
      acked += 1;
      if (acked >= killAt && killNow) {
        killedAfterParts = acked;
        killNow();
        killNow = null;
      }
    },
  });
  try {
    const { t, parts } = buildBacklog(tmp.dir, office, batches, transactions);
    await t.close();
    killAt = Math.ceil(parts / 2);
    const start = performance.now();
    const first = await runTerminal(tmp.dir, (stop) => (killNow = stop));
    if (first.signal !== 'SIGKILL') throw new Error('the terminal finished before it was killed');
    const second = await runTerminal(tmp.dir);
    const wallMs = performance.now() - start;
    if (second.figures?.batchesDone !== batches) {
      throw new Error(
        `after the restart ${second.figures?.batchesDone} of ${batches} batches done`,
      );
    }
    const c = census(office);
    return {
      batches,
      transactions,
      killedAfterParts,
      wallMs,
      ...c,
      missing: transactions - c.held,
    };
  } finally {
    await office.close();
    tmp.remove();
  }
}
