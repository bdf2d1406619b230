import type { Migration } from '../migrate';

/**
 * Idempotent calls (ENGINEERING.md, issue 16): each state-changing contract
 * call's request id with its outcome. The row is written in the same SQLite
 * transaction as the call's first change ('in_progress': it changed
 * something) and completed with the reply ('done'); one left 'in_progress'
 * by a crash becomes 'interrupted' at the next start. Transactions a call
 * inserts carry its request id, so an interrupted call can say which.
 */
export const requestOutcomes: Migration = {
  // The lead renumbers at merge: this number and the list in index.ts are the only places.
  version: 12,
  name: 'request-outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE request_outcomes (
        request_id TEXT PRIMARY KEY CHECK (length(request_id) BETWEEN 8 AND 64),
        channel TEXT NOT NULL,
        operator_no TEXT,
        state TEXT NOT NULL CHECK (state IN ('in_progress', 'done', 'interrupted')),
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX request_outcomes_created ON request_outcomes (created_at);
      -- what start-up marks interrupted: only the calls a crash left open
      CREATE INDEX request_outcomes_in_progress ON request_outcomes (request_id)
        WHERE state = 'in_progress';
      -- the sealed card numbers still kept (until settlement): start-up's key check reads one
      CREATE INDEX transactions_sealed ON transactions (id) WHERE card_sealed IS NOT NULL;

      ALTER TABLE transactions ADD COLUMN request_id TEXT;
      CREATE INDEX transactions_request ON transactions (request_id) WHERE request_id IS NOT NULL;
    `);
  },
};
