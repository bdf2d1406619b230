import type { Migration } from '../migrate';

/**
 * Receipt printers on serial and USB besides TCP 9100 and the virtual one
 * (issue 8). A job records the transport it went to; print_jobs is rebuilt
 * because SQLite can't change a CHECK in place.
 */
export const printerTargets: Migration = {
  version: 8,
  name: 'printer-targets',
  up(db) {
    db.exec(`
      CREATE TABLE print_jobs_v3 (
        id INTEGER PRIMARY KEY,
        tx_id INTEGER REFERENCES transactions (id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt', 'reprint', 'test', 'fault_slip', 'report')),
        copy TEXT CHECK (copy IN ('customer', 'merchant', 'cardholder')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'waiting', 'done', 'cancelled')),
        target TEXT NOT NULL CHECK (target IN ('virtual', 'tcp', 'serial', 'usb')),
        paper_width INTEGER NOT NULL CHECK (paper_width IN (58, 80)),
        bytes BLOB NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        created_at INTEGER NOT NULL,
        printed_at INTEGER
      ) STRICT;
      INSERT INTO print_jobs_v3 SELECT * FROM print_jobs;
      DROP TABLE print_jobs;
      ALTER TABLE print_jobs_v3 RENAME TO print_jobs;
      CREATE INDEX print_jobs_open ON print_jobs (state, id) WHERE state IN ('queued', 'printing', 'waiting');
      CREATE INDEX print_jobs_tx ON print_jobs (tx_id);
    `);
  },
};
