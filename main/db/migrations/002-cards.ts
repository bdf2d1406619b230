import type { Migration } from '../migrate';

/**
 * Bank cards (and the states QR payments and refunds need): card columns on
 * transactions, outbox rows that can be armed before a request is sent
 * ('held') and withdrawn when the answer comes ('cancelled'), print jobs for
 * fault slips and reports, and sealed secrets. Transactions, outbox and
 * print_jobs are rebuilt because SQLite can't change a CHECK in place.
 */
export const cards: Migration = {
  version: 2,
  name: 'cards',
  up(db) {
    db.exec(`
      CREATE TABLE transactions_v2 (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN
          ('sale', 'void', 'refund', 'preauth', 'preauth_cancel', 'preauth_complete')),
        tender TEXT NOT NULL CHECK (tender IN ('cash', 'card', 'qr')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined',
          'reversal_pending', 'reversed', 'voided', 'refunded', 'uncertain',
          'cancelled', 'cancel_pending')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0 AND amount_fen <= 99999999),
        tendered_fen INTEGER CHECK (tendered_fen IS NULL OR tendered_fen >= amount_fen),
        change_fen INTEGER CHECK (change_fen IS NULL OR change_fen >= 0),
        operator_no TEXT NOT NULL REFERENCES operators (operator_no),
        batch_no TEXT NOT NULL REFERENCES batches (batch_no),
        trace_no TEXT NOT NULL CHECK (trace_no GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
        training INTEGER NOT NULL CHECK (training IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        -- Cards. Never the clear PAN: first 6 / last 4 here, the full number only
        -- sealed (encrypted) while a reversal or batch upload may need it.
        pan_masked TEXT CHECK (pan_masked IS NULL OR pan_masked GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]*[0-9][0-9][0-9][0-9]'),
        card_sealed BLOB,
        card_foreign INTEGER CHECK (card_foreign IS NULL OR card_foreign IN (0, 1)),
        entry_mode TEXT,
        processing_code TEXT,
        message_type_code TEXT,
        response_code TEXT,
        auth_code TEXT,
        rrn TEXT,
        host_date TEXT,
        host_time TEXT,
        issuer TEXT,
        reversal_reason TEXT CHECK (reversal_reason IS NULL OR reversal_reason IN ('98', 'A0', '06')),
        original_tx_id INTEGER REFERENCES transactions (id),
        UNIQUE (batch_no, trace_no)
      ) STRICT;
      INSERT INTO transactions_v2 (id, type, tender, state, amount_fen, tendered_fen, change_fen,
          operator_no, batch_no, trace_no, training, created_at, updated_at)
        SELECT id, type, tender, state, amount_fen, tendered_fen, change_fen,
          operator_no, batch_no, trace_no, training, created_at, updated_at FROM transactions;
      DROP TABLE transactions;
      ALTER TABLE transactions_v2 RENAME TO transactions;
      CREATE INDEX transactions_created_at ON transactions (created_at);
      CREATE INDEX transactions_operator ON transactions (operator_no, created_at);
      CREATE INDEX transactions_state ON transactions (state) WHERE state IN ('pending', 'reversal_pending', 'uncertain', 'cancel_pending');

      CREATE TABLE outbox_v2 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        dedupe_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        -- held: armed before a request goes out, delivered only if the answer never comes
        state TEXT NOT NULL CHECK (state IN ('held', 'pending', 'done', 'dead', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      INSERT INTO outbox_v2 SELECT * FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_v2 RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at) WHERE state IN ('held', 'pending');

      CREATE TABLE print_jobs_v2 (
        id INTEGER PRIMARY KEY,
        tx_id INTEGER REFERENCES transactions (id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt', 'reprint', 'test', 'fault_slip', 'report')),
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
      INSERT INTO print_jobs_v2 SELECT * FROM print_jobs;
      DROP TABLE print_jobs;
      ALTER TABLE print_jobs_v2 RENAME TO print_jobs;
      CREATE INDEX print_jobs_open ON print_jobs (state, id) WHERE state IN ('queued', 'printing', 'waiting');
      CREATE INDEX print_jobs_tx ON print_jobs (tx_id);

      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        sealed BLOB NOT NULL,
        check_value TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
