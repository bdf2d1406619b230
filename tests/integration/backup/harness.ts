import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PosCore } from '../../../main/core/pos-core';
import { createLogger } from '../../../main/core/logger';
import type { Db, Repositories } from '../../../main/db';
import {
  createBackupService,
  type BackupServiceDeps,
} from '../../../main/services/data-care/backup-service';
import { setUpTerminal, signInCashier, startCore, tempDir } from '../../support/core';

/**
 * A real core whose database a restore can swap: `restart` does what the
 * composition root is asked to do (close everything, swap, start again on
 * the same data folder), and the backup service reaches the live core
 * through getters.
 */
export async function backupHarness(opts: Partial<BackupServiceDeps> = {}) {
  const tmp = tempDir('pos-backup-');
  const started = await startCore(tmp.dir);
  const clock = started.clock;
  const live: { core: PosCore } = { core: started.core };
  let restarts = 0;
  const dbFile = join(tmp.dir, 'pos.sqlite');
  const dir = join(tmp.dir, 'backups');
  const backups = createBackupService({
    db: () => live.core.internals.db,
    repos: () => live.core.internals.repos,
    dbFile,
    marksFile: join(tmp.dir, 'numbers.json'),
    dir,
    clock,
    logger: createLogger({ file: join(tmp.dir, 'logs', 'backup.log'), level: 'debug' }),
    keep: 3,
    pagesPerStep: 2,
    async restart(swap) {
      restarts++;
      await live.core.close();
      try {
        swap();
      } finally {
        live.core = (await startCore(tmp.dir, { clockStart: clock.now() })).core;
      }
    },
    ...opts,
  });
  await setUpTerminal(live.core);
  await signInCashier(live.core);
  return {
    tmp,
    clock,
    live,
    backups,
    dbFile,
    dir,
    restarts: () => restarts,
    async close() {
      await backups.stop();
      await live.core.close();
      tmp.remove();
    },
  };
}

/** Cash sales written straight through the repositories (one transaction). */
export function writeSales(
  repos: Repositories,
  now: number,
  count: number,
  amountFen = 1234,
  itemName = '矿泉水',
): string[] {
  return repos.inTransaction(() => {
    const traces: string[] = [];
    for (let i = 0; i < count; i++) {
      const batchNo = repos.counters.batchForTransaction(now);
      const traceNo = repos.counters.nextTrace();
      repos.transactions.insertCashSale({
        state: 'approved',
        amountFen,
        tenderedFen: amountFen,
        changeFen: 0,
        operatorNo: '01',
        batchNo,
        traceNo,
        training: true,
        createdAt: now,
        items: [{ name: itemName, quantity: 1, unitPriceFen: amountFen, amountFen }],
      });
      traces.push(traceNo);
    }
    return traces;
  });
}

export function count(db: Db, table: string, where = '1 = 1'): number {
  return db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every row of every table but the (append-only) audit log: what a refusal must leave alone. */
export function dump(db: Db): string {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  // Buffers serialise as their bytes (toJSON), so sealed columns compare too.
  const row = (r: unknown) => JSON.stringify(r);
  return JSON.stringify(
    tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).raw().all().map(row).sort()]),
  );
}

/** The batch settled and its details uploaded, as a closed settlement leaves it (for restore rules). */
export function settleBySql(db: Db, batchNo: string, now: number): void {
  db.prepare(
    `INSERT INTO settlements (batch_no, step, operator_no, totals, started_at, updated_at, closed_at)
     VALUES (?, 'closed', '00', '{}', ?, ?, ?)`,
  ).run(batchNo, now, now, now);
  db.prepare("UPDATE batches SET state = 'settled', settled_at = ? WHERE batch_no = ?").run(
    now,
    batchNo,
  );
}
