// The terminal's side of the sync benchmark, in its own process so its memory
// is measured alone and so it can be killed (SIGKILL) at any instant:
//   node --import tsx tests/bench/sync-upload-child.ts <data dir>
// Opens the data directory as the app would, delivers every open batch
// upload, and prints one JSON line of figures.
import { openTerminal } from '../integration/sync/harness';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node --import tsx tests/bench/sync-upload-child.ts <data dir>');
  process.exit(2);
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const t = openTerminal(dir);
const countDone = t.db.prepare<[], { n: number }>(
  "SELECT count(*) AS n FROM sync_batches WHERE state = 'done'",
);
const alreadyDone = countDone.get()?.n ?? 0;
const baseline = process.memoryUsage().rss;
let peak = baseline;
let peakHeap = 0;
// Buffers (part bodies read from SQLite, request bytes) live outside the JS
// heap until V8 collects them; their peak is bounded by when V8 does, not by
// the size of the backlog.
let peakBuffers = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
}, 5);

const start = performance.now();
await t.deliver();
const uploadMs = performance.now() - start;
clearInterval(sampler);
const done = countDone.get()?.n ?? 0;
await t.close();

console.log(
  JSON.stringify({
    uploadMs,
    batchesDone: done,
    batchesBefore: alreadyDone,
    baselineRssMb: mb(baseline),
    peakRssMb: mb(peak),
    peakHeapMb: mb(peakHeap),
    peakBuffersMb: mb(peakBuffers),
  }),
);
