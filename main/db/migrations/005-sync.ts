import type { Migration } from '../migrate';

/**
 * Uploading settled batches to the merchant's back office (HOST-PROTOCOL.md
 * part C). `sync_batches` is one row per settled batch with its progress:
 * header acknowledged, the highest part acknowledged (`parts_done`, where a
 * delivery resumes, also after a restart), and the state the manager sees.
 *
 * `sync_parts` freezes each part's exact request bytes when the batch is
 * handed over (inside the settlement's SQLite transaction). The back office
 * answers "same content again → 200, different content → 409", so a part
 * re-sent after a lost reply or a restart must be byte-for-byte what was sent
 * before — and a settled transaction can still change afterwards (a refund in
 * a later batch marks its sale 'refunded'), so the parts can't be rebuilt
 * from the transactions table. A part's bytes are dropped once the back
 * office has acknowledged it (it is never sent again); its digest stays for
 * the commit. `header_body` is frozen the same way.
 */
export const sync: Migration = {
  version: 5,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_batches (
        batch_no TEXT PRIMARY KEY REFERENCES batches (batch_no),
        merchant TEXT NOT NULL CHECK (length(merchant) > 0),
        terminal TEXT NOT NULL CHECK (length(terminal) > 0),
        state TEXT NOT NULL CHECK (state IN ('pending', 'uploading', 'done', 'conflict', 'unauthorized')),
        tx_count INTEGER NOT NULL CHECK (tx_count >= 0),
        parts_total INTEGER NOT NULL CHECK (parts_total >= 0),
        -- the highest part the back office acknowledged: delivery resumes at parts_done + 1
        parts_done INTEGER NOT NULL DEFAULT 0 CHECK (parts_done BETWEEN 0 AND parts_total),
        header_done INTEGER NOT NULL DEFAULT 0 CHECK (header_done IN (0, 1)),
        header_body BLOB NOT NULL,
        -- lower-case hex; set in the same transaction that freezes the parts
        parts_sha256 TEXT CHECK (parts_sha256 IS NULL OR
          (length(parts_sha256) = 64 AND parts_sha256 NOT GLOB '*[^0-9a-f]*')),
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_batches_created ON sync_batches (created_at);

      CREATE TABLE sync_parts (
        batch_no TEXT NOT NULL REFERENCES sync_batches (batch_no),
        part_no INTEGER NOT NULL CHECK (part_no >= 1),
        tx_count INTEGER NOT NULL CHECK (tx_count BETWEEN 1 AND 1000),
        first_tx_id INTEGER NOT NULL,
        last_tx_id INTEGER NOT NULL CHECK (last_tx_id >= first_tx_id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        -- the exact UTF-8 request body; NULL once acknowledged
        body BLOB,
        PRIMARY KEY (batch_no, part_no)
      ) STRICT, WITHOUT ROWID;

      -- A batch's transactions in id order, read a page at a time (upload, totals).
      CREATE INDEX transactions_batch_id ON transactions (batch_no, id);
    `);
  },
};
