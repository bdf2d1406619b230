// The full crash-safety run: npm run faults -- --kills 500 [--seed 1] [--drain-every 25] [--quiet]
import { parseArgs } from 'node:util';
import { runFaults, summaryLine } from './harness';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '500' },
    seed: { type: 'string', default: '1' },
    'drain-every': { type: 'string', default: '25' },
    quiet: { type: 'boolean', default: false },
  },
  strict: true,
});
const kills = Number(values.kills);
const seed = Number(values.seed);
const drainEvery = Number(values['drain-every']);
if (!Number.isInteger(kills) || kills < 1)
  throw new Error(`--kills: 不是正整数 / not a positive integer: ${values.kills}`);
if (!Number.isInteger(seed)) throw new Error(`--seed: 不是整数 / not an integer: ${values.seed}`);
if (!Number.isInteger(drainEvery) || drainEvery < 0)
  throw new Error(`--drain-every: 不是非负整数 / not a whole number ≥ 0: ${values['drain-every']}`);

const summary = await runFaults({
  kills,
  seed,
  drainEvery,
  log: (line) => {
    if (!values.quiet || line.startsWith('VIOLATION') || line.includes('drain')) console.log(line);
  },
});
if (summary.violations.length) {
  console.log('\nviolations:');
  for (const v of summary.violations) console.log(`  ${v}`);
}
console.log(summaryLine(summary));
process.exit(summary.violations.length ? 1 : 0);
