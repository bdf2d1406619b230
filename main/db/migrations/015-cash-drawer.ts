import type { Migration } from '../migrate';

/**
 * 钱箱管理 (PRODUCT.md §13, issue 15). `cash_movements` is money put into or
 * taken out of the drawer other than by a sale or refund: the opening float
 * (备用金, at most one per shift), paid-in (收入) and paid-out (支出). Each row
 * is written in the same SQLite transaction as its audit row and the slip that
 * opens the drawer. `cash_counts` is the blind count at sign-off (交班), one per
 * shift, with the figures as they stood when it was counted (so the shift
 * report after the count reads what the cashier saw). Both carry the batch
 * they fell in, so the settlement (Z) report finds them by its batch number.
 */
export const cashDrawer: Migration = {
  // The lead renumbers at merge: this number and the list in index.ts are the only places.
  version: 15,
  name: 'cash-drawer',
  up(db) {
    db.exec(`
      CREATE TABLE cash_movements (
        id INTEGER PRIMARY KEY,
        shift_id INTEGER NOT NULL REFERENCES shifts (id),
        operator_no TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('float', 'in', 'out')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        reason TEXT NOT NULL DEFAULT '',
        approved_by TEXT,
        batch_no TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        CHECK (kind = 'float' OR (amount_fen > 0 AND approved_by IS NOT NULL AND reason <> ''))
      ) STRICT;
      -- One opening float per shift: a second one is refused by the database too.
      CREATE UNIQUE INDEX cash_movements_float ON cash_movements (shift_id) WHERE kind = 'float';
      CREATE INDEX cash_movements_shift ON cash_movements (shift_id, kind);
      CREATE INDEX cash_movements_time ON cash_movements (created_at);
      CREATE INDEX cash_movements_batch ON cash_movements (batch_no);
      CREATE TABLE cash_counts (
        shift_id INTEGER PRIMARY KEY REFERENCES shifts (id),
        operator_no TEXT NOT NULL,
        counted_fen INTEGER NOT NULL CHECK (counted_fen >= 0),
        expected_fen INTEGER NOT NULL,
        over_short_fen INTEGER NOT NULL CHECK (over_short_fen = counted_fen - expected_fen),
        denominations TEXT CHECK (denominations IS NULL OR json_valid(denominations)),
        figures TEXT NOT NULL CHECK (json_valid(figures)),
        batch_no TEXT NOT NULL,
        counted_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX cash_counts_time ON cash_counts (counted_at);
      CREATE INDEX cash_counts_batch ON cash_counts (batch_no);
    `);
  },
};
