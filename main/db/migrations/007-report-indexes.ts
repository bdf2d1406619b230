import type { Migration } from '../migrate';

/**
 * Reports and the transaction query (issue 9, PRODUCT.md §9): indexes so that
 * every filter of 交易查询 finds its first page, and a month's chart its rows,
 * in milliseconds on a store with a million transactions.
 *
 * `pan_last4` is a virtual generated column (computed from the masked card
 * number, nothing new stored, no insert code to change) so "card ending 0003"
 * is an index lookup instead of a LIKE over every row. Each filter index ends
 * in `created_at` (and so the rowid), which gives newest-first keyset pages
 * straight from the index; `transactions_report` covers the chart and report
 * sums so a month is read from the index alone.
 */
export const reportIndexes: Migration = {
  version: 7,
  name: 'report-indexes',
  up(db) {
    db.exec(`
      ALTER TABLE transactions ADD COLUMN pan_last4 TEXT
        GENERATED ALWAYS AS (substr(pan_masked, -4)) VIRTUAL;
      CREATE INDEX transactions_pan_last4 ON transactions (pan_last4, created_at)
        WHERE pan_masked IS NOT NULL;
      CREATE INDEX transactions_type_time ON transactions (type, created_at);
      CREATE INDEX transactions_tender_time ON transactions (tender, created_at);
      CREATE INDEX transactions_state_time ON transactions (state, created_at);
      CREATE INDEX transactions_amount ON transactions (amount_fen, created_at);
      CREATE INDEX transactions_rrn ON transactions (rrn) WHERE rrn IS NOT NULL;
      CREATE INDEX transactions_trace ON transactions (trace_no);
      CREATE INDEX transactions_report ON transactions
        (created_at, type, state, tender, amount_fen, operator_no, card_foreign);
      CREATE INDEX transactions_original ON transactions (original_tx_id)
        WHERE original_tx_id IS NOT NULL;
    `);
  },
};
