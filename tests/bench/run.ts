// `npm run bench`: prints figures; it asserts nothing (tests don't time things).
import { parseArgs } from 'node:util';
import { benchSaleCommit, ratio } from './sale-commit';
import { benchSettlementTotals } from './settlement';
import { formatFen } from '../../preload/contract';
import { fmt } from './stats';
import { benchSync, benchSyncRestart } from './sync';
import { benchReports } from './reports';
import { benchCatalogueImport, benchCatalogueSearch } from './catalogue';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '1000' } } });
const iterations = Number(values.iterations);

console.log(`Counter POS benchmarks — Node ${process.version}, ${new Date().toISOString()}`);
console.log('');
console.log(`1. Durable commit of a cash sale + outbox row (${iterations} runs, 50 warm-up)`);
const r = await benchSaleCommit(iterations);
const row = (name: string, s: typeof r.raw) =>
  console.log(
    `   ${name.padEnd(44)} median ${fmt(s.medianMs).padStart(9)}   p99 ${fmt(s.p99Ms).padStart(9)}   max ${fmt(s.maxMs).padStart(9)}   ${s.perSecond.toFixed(0).padStart(6)}/s`,
  );
row('raw single-row commit (WAL, synchronous=FULL)', r.raw);
row('sale:cash via the contract (tx+items+outbox+print job)', r.sale);
const q = ratio(r.sale, r.raw);
console.log(`   ratio sale / raw commit: median ${q.median.toFixed(2)}×, p99 ${q.p99.toFixed(2)}×`);
console.log(`   outbox rows written: ${r.outboxRows} (one per sale)`);

console.log('');
console.log('2. Settlement totals over one 100,000-transaction batch (rows streamed from SQLite)');
const st = await benchSettlementTotals(100_000);
console.log(
  `   ${st.transactions} rows: totals in ${st.ms.toFixed(0)} ms (${((st.transactions / st.ms) * 1000).toFixed(0)} rows/s); RSS ${st.baselineMiB.toFixed(1)} → peak ${st.peakMiB.toFixed(1)} MiB (+${(st.peakMiB - st.baselineMiB).toFixed(1)}); filling the batch took ${(st.fillMs / 1000).toFixed(1)} s`,
);
console.log(
  `   net ${formatFen(st.totals.netFen)} from ${st.totals.debitCount} debits, ${st.totals.creditCount} credits, fees ${formatFen(st.totals.feeFen)}`,
);
console.log('');
console.log('3. Back-office upload of a backlog (settled batches → loopback back office, HTTP)');
const ms = (v: number) => `${(v / 1000).toFixed(2)} s`;
const mib = (v: number) => `${v.toFixed(1)} MiB`;
const syncRow = (s: Awaited<ReturnType<typeof benchSync>>) => {
  console.log(
    `   ${s.batches} batches, ${s.transactions} transactions in ${s.parts} parts (seeded ${ms(s.seedMs)}, frozen at settlement ${ms(s.freezeMs)})`,
  );
  console.log(
    `     upload ${ms(s.uploadMs)}   ${s.txPerSecond.toFixed(0)} tx/s   committed ${s.committed}/${s.batches}   peak RSS ${mib(s.peakRssMb)} (at start ${mib(s.baselineRssMb)})   peak heap ${mib(s.peakHeapMb)}   peak Buffers ${mib(s.peakBuffersMb)}`,
  );
  console.log(
    `     back office holds ${s.held}: duplicates ${s.duplicates} (expected 0), parts re-sent ${s.resentParts}, conflicts ${s.conflicts}`,
  );
};
syncRow(await benchSync({ batches: 30, transactions: 100_000 }));
// Flat memory: the same upload with three times the backlog. One part is in
// memory at a time; the Buffers of parts already sent wait for V8's next
// collection, so RSS levels off under a bound V8 sets, not the backlog.
syncRow(await benchSync({ batches: 90, transactions: 300_000 }));
console.log(
  '   killed (SIGKILL) about half-way through 30 batches / 100,000 transactions, restarted, finished:',
);
const k = await benchSyncRestart({ batches: 30, transactions: 100_000 });
console.log(
  `     killed after ${k.killedAfterParts} parts acknowledged; both runs ${ms(k.wallMs)}; committed ${k.committed}/${k.batches}`,
);
console.log(
  `     back office holds ${k.held}: missing ${k.missing}, duplicates ${k.duplicates} (expected 0), parts re-sent ${k.resentParts} (same bytes, stored once), conflicts ${k.conflicts}`,
);

console.log('');
console.log(
  '4. Reports and 交易查询 over 1,000,000 transactions (a year, one SQLite file; limits: first page ≤ 50 ms, month chart ≤ 200 ms)',
);
const rep = await benchReports(1_000_000);
console.log(
  `   generated ${rep.count} transactions in ${(rep.fillMs / 1000).toFixed(1)} s (one transaction, prepared statements)`,
);
const mark = (v: number, limit: number) => (v <= limit ? 'ok' : `OVER ${limit} ms`);
for (const f of rep.results)
  console.log(
    `   ${f.name.padEnd(36)} first page ${fmt(f.ms).padStart(9)}  ${String(f.rows).padStart(3)} rows  ${mark(f.ms, 50)}`,
  );
for (const c of rep.charts)
  console.log(
    `   chart: ${c.name.padEnd(29)} ${fmt(c.ms).padStart(9)}  ${String(c.buckets).padStart(3)} buckets  ${mark(c.ms, 200)}`,
  );
console.log(`   day report (X) with fees, by operator, top items: ${fmt(rep.dayReportMs)}`);

console.log('');
console.log('5. Catalogue: search per keystroke over 100,000 products (limit p99 ≤ 30 ms)');
const cs = benchCatalogueSearch(100_000);
console.log(
  `   100,000 products written through the repository in ${(cs.fillMs / 1000).toFixed(1)} s`,
);
for (const s of cs.sequences)
  console.log(
    `   ${s.name.padEnd(28)} median ${fmt(s.stats.medianMs).padStart(9)}   p99 ${fmt(s.stats.p99Ms).padStart(9)}   results per keystroke ${s.results.join(',')}`,
  );
console.log(
  `   every keystroke (${cs.all.n}): median ${fmt(cs.all.medianMs)}, p99 ${fmt(cs.all.p99Ms)} ${cs.all.p99Ms <= 30 ? 'ok' : 'OVER 30 ms'}`,
);
console.log(
  '   import of 100,000 products as the manager does it: preview (read + check every row), then apply (one transaction; limit ≤ 10 s)',
);
for (const format of ['csv', 'xlsx'] as const) {
  const im = await benchCatalogueImport(100_000, format);
  console.log(
    `   ${format.padEnd(4)} ${im.fileMiB.toFixed(1)} MiB: preview ${(im.previewMs / 1000).toFixed(1)} s, apply ${(im.applyMs / 1000).toFixed(1)} s ${im.applyMs <= 10_000 ? 'ok' : 'OVER 10 s'}, together ${((im.previewMs + im.applyMs) / 1000).toFixed(1)} s, peak RSS ${im.peakRssMiB.toFixed(0)} MiB`,
  );
}
