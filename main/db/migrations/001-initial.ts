import type { Migration } from '../migrate';

/**
 * The first schema: operators, batches and counters, transactions with an
 * explicit state and their history, the outbox, the print queue and the
 * append-only audit log. Times are epoch milliseconds; money is integer fen.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        operator_no TEXT PRIMARY KEY CHECK (operator_no GLOB '[0-9][0-9]'),
        role TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'admin')),
        name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
        password_reason TEXT CHECK (password_reason IN ('default', 'reset')),
        password_changed_at INTEGER,
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until INTEGER,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
      INSERT INTO counters (name, value) VALUES ('trace', 0);

      CREATE TABLE batches (
        batch_no TEXT PRIMARY KEY CHECK (batch_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
        state TEXT NOT NULL CHECK (state IN ('open', 'settling', 'settled')),
        opened_at INTEGER NOT NULL,
        settled_at INTEGER
      ) STRICT;
      -- At most one batch is open at any time.
      CREATE UNIQUE INDEX batches_one_open ON batches (state) WHERE state = 'open';

      CREATE TABLE transactions (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN
          ('sale', 'void', 'refund', 'preauth', 'preauth_cancel', 'preauth_complete')),
        tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'qr')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined',
          'reversal_pending', 'reversed', 'voided', 'refunded')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 99999999),
        tendered_fen INTEGER CHECK (tendered_fen IS NULL OR tendered_fen >= amount_fen),
        change_fen INTEGER CHECK (change_fen IS NULL OR change_fen >= 0),
        operator_no TEXT NOT NULL REFERENCES operators (operator_no),
        batch_no TEXT NOT NULL REFERENCES batches (batch_no),
        trace_no TEXT NOT NULL CHECK (trace_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
        training INTEGER NOT NULL CHECK (training IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (batch_no, trace_no)
      ) STRICT;
      CREATE INDEX transactions_created_at ON transactions (created_at);
      CREATE INDEX transactions_operator ON transactions (operator_no, created_at);

      CREATE TABLE transaction_items (
        tx_id INTEGER NOT NULL REFERENCES transactions (id),
        line_no INTEGER NOT NULL,
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen > 0),
        amount_fen INTEGER NOT NULL CHECK (amount_fen = quantity * unit_price_fen),
        PRIMARY KEY (tx_id, line_no)
      ) STRICT;

      -- Every state a transaction went through, for the detail view and audits.
      CREATE TABLE transaction_events (
        id INTEGER PRIMARY KEY,
        tx_id INTEGER NOT NULL REFERENCES transactions (id),
        from_state TEXT,
        to_state TEXT NOT NULL,
        at INTEGER NOT NULL,
        operator_no TEXT,
        note TEXT
      ) STRICT;
      CREATE INDEX transaction_events_tx ON transaction_events (tx_id);

      -- The durable offline queue: written in the same SQLite transaction as the
      -- business row it belongs to; dedupe_key makes each delivery unique.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at) WHERE state = 'pending';

      -- The print queue: the exact ESC/POS bytes of each job, so a reprint after
      -- a printer outage prints what the cashier was told would print.
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        tx_id INTEGER REFERENCES transactions (id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt', 'reprint', 'test')),
        copy TEXT CHECK (copy IN ('customer', 'merchant', 'cardholder')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'waiting', 'done', 'cancelled')),
        target TEXT NOT NULL CHECK (target IN ('virtual', 'tcp')),
        paper_width INTEGER NOT NULL CHECK (paper_width IN (58, 80)),
        bytes BLOB NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        created_at INTEGER NOT NULL,
        printed_at INTEGER
      ) STRICT;
      CREATE INDEX print_jobs_open ON print_jobs (state, id) WHERE state IN ('queued', 'printing', 'waiting');

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        operator_no TEXT,
        action TEXT NOT NULL,
        detail TEXT NOT NULL CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
