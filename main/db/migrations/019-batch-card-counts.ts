import type { Migration } from '../migrate';

/**
 * Field 48's counts per batch (at most 999 per side, see domain/settlement.ts):
 * a card transaction and standby's warning count the open batch's card rows.
 * Through transactions_batch_id that read walks the batch's cash and QR rows
 * too, which no rule bounds. This partial index holds card rows only — the
 * count's own limit bounds what a read of one batch visits — and covers the
 * count, so no table row is read. A cash sale writes nothing to it.
 */
export const batchCardCounts: Migration = {
  version: 19,
  name: 'batch-card-counts',
  up(db) {
    db.exec(`
      CREATE INDEX transactions_batch_card
        ON transactions (batch_no, card_foreign, type, state) WHERE tender = 'card';
    `);
  },
};
