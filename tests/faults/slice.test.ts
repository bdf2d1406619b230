import { expect, it } from 'vitest';
import { runFaults, summaryLine } from './harness';

/**
 * The seeded slice of the crash-safety suite inside `npm test`: the terminal
 * process killed (SIGKILL) 12 times at seeded instants under seeded network
 * faults, one full drain in the middle and one at the end. The full run is
 * `npm run faults -- --kills 500`. FAULTS_SEED picks another seed.
 */
it('survives kill -9 at random instants: nothing lost, nothing duplicated', async () => {
  const lines: string[] = [];
  const summary = await runFaults({
    kills: 12,
    seed: Number(process.env.FAULTS_SEED ?? 10),
    drainEvery: 6,
    maxRoundMs: 2500,
    log: (line) => lines.push(line),
  });
  console.log(summaryLine(summary));
  if (summary.violations.length) console.log(lines.join('\n'));
  expect(summary.violations).toEqual([]);
  expect(summary.transactions).toBeGreaterThan(0);
}, 240_000);
