import type { Migration } from '../migrate';

/**
 * Operator management (PRODUCT.md §2). `password_history` keeps the hash of
 * every password an operator was given, so a new one can't repeat any of the
 * last three. `shifts` is one row per operator's stretch at the till, from
 * sign-in to sign-off (交班): the shift summary adds up what the operator took
 * in it, and an operator with an open shift can't be disabled or removed. A
 * shift left open by a power cut continues at the operator's next sign-in.
 */
export const operators: Migration = {
  version: 6,
  name: 'operators',
  up(db) {
    db.exec(`
      CREATE TABLE password_history (
        id INTEGER PRIMARY KEY,
        operator_no TEXT NOT NULL REFERENCES operators (operator_no) ON DELETE CASCADE,
        password_hash TEXT NOT NULL,
        set_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX password_history_operator ON password_history (operator_no, id);
      INSERT INTO password_history (operator_no, password_hash, set_at)
        SELECT operator_no, password_hash, coalesce(password_changed_at, created_at) FROM operators;

      CREATE TABLE shifts (
        id INTEGER PRIMARY KEY,
        operator_no TEXT NOT NULL REFERENCES operators (operator_no),
        started_at INTEGER NOT NULL,
        ended_at INTEGER CHECK (ended_at IS NULL OR ended_at >= started_at)
      ) STRICT;
      -- At most one open shift per operator.
      CREATE UNIQUE INDEX shifts_open ON shifts (operator_no) WHERE ended_at IS NULL;
      CREATE INDEX transactions_operator_time ON transactions (operator_no, created_at);
    `);
  },
};
