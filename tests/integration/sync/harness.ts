import { join } from 'node:path';
import { manualClock } from '../../../main/core/clock';
import { createLogger } from '../../../main/core/logger';
import { createRepositories, openDatabase, type Db } from '../../../main/db';
import { createOutboxWorker } from '../../../main/outbox/worker';
import { keyFileSecretBox } from '../../../main/secrets/secret-box';
import { confEngine } from '../../../main/settings/conf-engine';
import { openSettings } from '../../../main/settings/store';
import { BATCH_SYNC, createSyncService } from '../../../main/sync/sync-service';
import type { StoredBatch } from '../../backoffice/server';

export const MERCHANT = '898310148160001';
export const TERMINAL = 'T0000001';
export const TOKEN = 'bo-token-5f2c9a71';
export const T0 = Date.parse('2026-11-24T23:00:00+08:00');
/** A card number that must never reach the back office in any form. */
export const CLEAR_PAN = '6222021234567890123';

/**
 * One terminal's data directory opened the way the app opens it: the real
 * SQLite database with its migrations, the parameters file, the key-file
 * secret box, the sync service and the real outbox worker delivering its
 * kind. Nothing is mocked; the back office is a real server on loopback.
 * The worker's background loop is not started: tests deliver with `flush`,
 * so what happens when is decided by the test, not by timers.
 */
export function openTerminal(dir: string, clock = manualClock(T0)) {
  const db = openDatabase(join(dir, 'pos.sqlite'));
  const repos = createRepositories(db);
  const settings = openSettings(confEngine(dir), () => new Date(clock.now()));
  if (!settings.get().merchantNumber) {
    settings.save({
      ...settings.get(),
      configured: true,
      merchantNumber: MERCHANT,
      terminalNumber: TERMINAL,
      merchantName: '测试便利店',
    });
  }
  const secretBox = keyFileSecretBox(join(dir, 'secret.key'));
  const logger = createLogger({ file: join(dir, 'logs', 'sync.log'), level: 'debug' });
  const sync = createSyncService({
    repos,
    settings,
    secretBox,
    clock,
    logger,
    totals: (batchNo) => batchTotals(db, batchNo),
    // Late-bound, as in the composition root: the worker is built with the handler.
    outbox: { kick: () => undefined, flush: (kind) => worker.flush(kind) },
  });
  const worker = createOutboxWorker({ repos, clock, logger, handlers: [sync.handler] });
  return {
    dir,
    db,
    repos,
    settings,
    secretBox,
    clock,
    sync,
    worker,
    /** Delivers every open upload now (what the outbox does when they are due). */
    deliver: () => worker.flush(BATCH_SYNC),
    /** `token` null keeps whatever token is stored (none at first). */
    configure(baseUrl: string, token: string | null = TOKEN, timeoutSec = 5) {
      return sync.saveSettings({ baseUrl, timeoutSec, ...(token ? { token } : {}) }, '99');
    },
    /** The settlement's closing transaction, as far as the upload is concerned. */
    settle(batchNo: string) {
      return repos.inTransaction(() => {
        db.prepare("UPDATE batches SET state = 'settled', settled_at = ? WHERE batch_no = ?").run(
          clock.now(),
          batchNo,
        );
        return sync.enqueue(batchNo, clock.now());
      });
    },
    outboxRow(batchNo: string) {
      return repos.outbox.byKey(`batch-sync:${MERCHANT}:${TERMINAL}:${batchNo}`);
    },
    async close() {
      sync.stop();
      await worker.close();
      db.close();
    },
  };
}
export type Terminal = ReturnType<typeof openTerminal>;

/** What a settlement would report; the upload puts it in the header as given. */
export function batchTotals(db: Db, batchNo: string) {
  const r = db
    .prepare<[string], { n: number; fen: number | null }>(
      "SELECT count(*) AS n, sum(amount_fen) AS fen FROM transactions WHERE batch_no = ? AND type = 'sale' AND state = 'approved'",
    )
    .get(batchNo);
  return { sale: { count: r?.n ?? 0, amountFen: r?.fen ?? 0 } };
}

/**
 * Writes `count` transactions into batch `batchNo` directly with SQL, as the
 * sale, card and QR services would have left them: cash sales, card sales
 * with a masked number and sealed card data, QR payments with their order,
 * and a few declined and voided ones. Returns their ids in order.
 */
export function seedBatch(
  t: Pick<Terminal, 'db' | 'secretBox'>,
  batchNo: string,
  count: number,
  at = T0 - 8 * 3600_000,
): number[] {
  const { db } = t;
  db.prepare(
    `INSERT OR IGNORE INTO operators (operator_no, role, name, password_hash, must_change_password, created_at)
     VALUES ('01', 'cashier', '收银员', 'x', 0, 0)`,
  ).run();
  db.prepare(
    "INSERT OR IGNORE INTO batches (batch_no, state, opened_at) VALUES (?, 'settling', ?)",
  ).run(batchNo, at);
  const insertTx = db.prepare(
    `INSERT INTO transactions (type, tender, state, amount_fen, tendered_fen, change_fen, operator_no,
       batch_no, trace_no, training, created_at, updated_at, pan_masked, card_sealed, card_foreign,
       entry_mode, processing_code, message_type_code, response_code, auth_code, rrn)
     VALUES (@type, @tender, @state, @amountFen, NULL, NULL, '01', @batchNo, @traceNo, 0, @at, @at,
       @panMasked, @cardSealed, @cardForeign, @entryMode, @processingCode, @mtc, @responseCode,
       @authCode, @rrn)`,
  );
  const insertQr = db.prepare(
    `INSERT INTO qr_payments (tx_id, order_no, wallet, code_masked, fee_rate_bp)
     VALUES (?, ?, ?, '1350****1234', 38)`,
  );
  const sealed = t.secretBox.seal(Buffer.from(`${CLEAR_PAN}=2512`));
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const kind = i % 10 === 3 ? 'card' : i % 10 === 7 ? 'qr' : 'cash';
      const state = i % 50 === 11 ? 'declined' : i % 50 === 23 ? 'voided' : 'approved';
      const card = kind === 'card';
      const id = Number(
        insertTx.run({
          type: 'sale',
          tender: kind,
          state,
          amountFen: 100 + ((i * 37) % 99_900),
          batchNo,
          traceNo: String((i % 999_999) + 1).padStart(6, '0'),
          at: at + i * 1000,
          panMasked: card ? '622202*********0123' : null,
          cardSealed: card ? sealed : null,
          cardForeign: card ? 0 : null,
          entryMode: card ? '051' : null,
          processingCode: card ? '000000' : null,
          mtc: card ? '0200' : null,
          responseCode: card ? '00' : null,
          authCode: card ? String(100_000 + i).slice(-6) : null,
          rrn: card ? String(i).padStart(12, '0') : null,
        }).lastInsertRowid,
      );
      if (kind === 'qr') {
        insertQr.run(id, `${TERMINAL}${batchNo}${String(i).padStart(8, '0')}`, 'wechat');
      }
      ids.push(id);
    }
  })();
  return ids;
}

/** Every transaction id the back office holds for a batch, across its parts, in order. */
export function idsHeld(b: StoredBatch | undefined): number[] {
  return (b?.parts ?? []).flatMap((p) => p.ids);
}
