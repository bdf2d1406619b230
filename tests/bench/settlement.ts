import { join } from 'node:path';
import { createLogger } from '../../main/core/logger';
import { createPosCore } from '../../main/core/pos-core';
import { createRepositories, openDatabase } from '../../main/db';
import { computeBatchTotals, type SettlementRow } from '../../main/domain/settlement';
import { DEFAULT_PARAMETERS } from '../../main/settings/schema';
import { confEngine } from '../../main/settings/conf-engine';
import { SETUP, setUpTerminal, tempDir } from '../support/core';

/**
 * Settlement totals over one batch of `transactions` rows (cards domestic and
 * foreign, QR with their own rates, cash, some declined, some refunds), read
 * from SQLite one row at a time as the settlement does. Peak RSS is sampled
 * while the rows stream.
 */
export async function benchSettlementTotals(transactions: number) {
  const tmp = tempDir('pos-bench-settle-');
  try {
    const dataDir = join(tmp.dir, 'pos');
    const core = await createPosCore({
      dataDir,
      settings: confEngine(dataDir),
      version: 'bench',
      logger: createLogger({ level: 'error' }),
    });
    await setUpTerminal(core, SETUP); // operators and settings as on a real terminal
    await core.close();

    const db = openDatabase(join(dataDir, 'pos.sqlite'));
    const repos = createRepositories(db);
    const now = Date.now();
    const insertTx = db.prepare(
      `INSERT INTO transactions (type, tender, state, amount_fen, operator_no, batch_no, trace_no,
         training, created_at, updated_at, pan_masked, card_foreign)
       VALUES (?, ?, ?, ?, '01', ?, ?, 1, ?, ?, ?, ?)`,
    );
    const insertQr = db.prepare(
      `INSERT INTO qr_payments (tx_id, order_no, wallet, fee_rate_bp) VALUES (?, ?, 'wechat', 38)`,
    );
    const fillStart = performance.now();
    const batchNo = repos.inTransaction(() => {
      const batch = repos.counters.currentBatch(now);
      for (let i = 0; i < transactions; i++) {
        const kind = i % 10;
        const tender = kind < 5 ? 'card' : kind < 8 ? 'qr' : 'cash';
        const type = kind === 7 ? 'refund' : 'sale';
        const state = i % 37 === 0 ? 'declined' : 'approved';
        const amount = 100 + ((i * 7919) % 2_000_000);
        const trace = String((i % 999_999) + 1).padStart(6, '0');
        // trace numbers repeat past 999,999 in a real terminal only across batches
        const r = insertTx.run(
          type,
          tender,
          state,
          amount,
          batch,
          `${trace}`,
          now,
          now,
          tender === 'card' ? '622202******0003' : null,
          tender === 'card' ? (kind === 4 ? 1 : 0) : null,
        );
        if (tender === 'qr')
          insertQr.run(r.lastInsertRowid, `T0000001${String(i).padStart(18, '0')}`);
      }
      return batch;
    });
    const fillMs = performance.now() - fillStart;

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let seen = 0;
    function* sampled(rows: Iterable<SettlementRow>) {
      for (const row of rows) {
        if (++seen % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
        yield row;
      }
    }
    const start = performance.now();
    const totals = computeBatchTotals(
      sampled(repos.settlements.rows(batchNo)),
      DEFAULT_PARAMETERS.fees,
    );
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage().rss);
    db.close();
    return {
      transactions: seen,
      fillMs,
      ms,
      baselineMiB: baseline / 1024 / 1024,
      peakMiB: peak / 1024 / 1024,
      totals: totals.total,
    };
  } finally {
    tmp.remove();
  }
}
