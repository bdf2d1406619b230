import type { Migration } from '../migrate';

/**
 * 结算: one row per batch being settled, with the step reached, so a
 * settlement interrupted by a crash or the network resumes where it stopped
 * and a batch is never settled twice. The totals sent to the host are kept as
 * they were sent (JSON), and a batch upload records the last transaction sent.
 */
export const settlement: Migration = {
  version: 4,
  name: 'settlement',
  up(db) {
    db.exec(`
      CREATE TABLE settlements (
        batch_no TEXT PRIMARY KEY REFERENCES batches (batch_no),
        step TEXT NOT NULL CHECK (step IN ('started', 'balanced', 'unbalanced', 'uploaded', 'closed')),
        operator_no TEXT NOT NULL REFERENCES operators (operator_no),
        totals TEXT NOT NULL,
        host_code TEXT,
        uploaded_through_tx INTEGER NOT NULL DEFAULT 0,
        uploaded_count INTEGER NOT NULL DEFAULT 0,
        report_job_id INTEGER,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        closed_at INTEGER
      ) STRICT;
    `);
  },
};
