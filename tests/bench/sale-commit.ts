import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { applyPragmas } from '../../main/db/connection';
import { createLogger } from '../../main/core/logger';
import { createPosCore } from '../../main/core/pos-core';
import { confEngine } from '../../main/settings/conf-engine';
import { SETUP, setUpTerminal, signInCashier, tempDir } from '../support/core';
import { latencyStats, time, type LatencyStats } from './stats';

/**
 * What a cash sale costs to make durable, against the floor this disk sets:
 * one single-row commit with synchronous=FULL in WAL mode, measured in the
 * same run on the same disk. A sale commit writes the transaction, its lines,
 * its history entry, the outbox row and the receipt's print job in one
 * transaction, so the ratio should stay near 1 (one fsync each).
 */
export async function benchSaleCommit(iterations: number) {
  const tmp = tempDir('pos-bench-');
  try {
    // the floor: raw single-row commits
    const raw = new Database(join(tmp.dir, 'raw.sqlite'));
    applyPragmas(raw);
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
    const insert = raw.prepare('INSERT INTO t (v) VALUES (?)');
    const payload = Buffer.alloc(200, 1);
    const rawSamples: bigint[] = [];
    for (let i = 0; i < iterations + 50; i++) {
      const ns = await time(() => insert.run(payload));
      if (i >= 50) rawSamples.push(ns);
    }
    raw.close();

    // the product: sale:cash through the contract as a shell sends it (role check, validation,
    // its request id recorded with the sale and the reply kept for a lost answer, service, SQLite)
    const dataDir = join(tmp.dir, 'pos');
    const core = await createPosCore({
      dataDir,
      settings: confEngine(dataDir),
      version: 'bench',
      logger: createLogger({ level: 'error' }),
    });
    await setUpTerminal(core, SETUP);
    await signInCashier(core);
    const saleSamples: bigint[] = [];
    for (let i = 0; i < iterations + 50; i++) {
      const requestId = randomBytes(16).toString('hex');
      const ns = await time(async () => {
        const r = await core.dispatch(
          'sale:cash',
          {
            items: [
              { name: '矿泉水', quantity: 2, unitPriceFen: 350 },
              { name: '面包', quantity: 1, unitPriceFen: 534 },
            ],
            tenderedFen: 2000,
          },
          { requestId },
        );
        if (!r.ok) throw new Error(`sale:cash failed: ${JSON.stringify(r.error)}`);
      });
      if (i >= 50) saleSamples.push(ns);
      await core.internals.print.drain(); // the virtual printer, outside the timed part
    }
    const outboxRows = core.internals.repos.outbox.pendingCount();
    await core.close();

    return { raw: latencyStats(rawSamples), sale: latencyStats(saleSamples), outboxRows };
  } finally {
    tmp.remove();
  }
}

export function ratio(a: LatencyStats, b: LatencyStats) {
  return { median: a.medianMs / b.medianMs, p99: a.p99Ms / b.p99Ms };
}
