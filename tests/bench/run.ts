// `npm run bench`: prints figures; it asserts nothing (tests don't time things).
import { parseArgs } from 'node:util';
import { benchSaleCommit, ratio } from './sale-commit';
import { fmt } from './stats';

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
