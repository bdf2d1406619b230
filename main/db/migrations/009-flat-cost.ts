import type { Migration } from '../migrate';

/**
 * Flat cost as the history grows (issue 17): the statements a sale runs find
 * their rows through indexes that hold only what is still open, so a till
 * with a year of history sells as fast as a new one.
 *
 * - print_jobs_open holds the jobs still to print, in id order, and nothing
 *   else; the print queue reads it with the same IN list as its WHERE (SQLite
 *   uses a partial index only for a query whose WHERE implies the index's).
 *   The old (state, id) index needed a sort and, for the queue's two-state
 *   query, wasn't used at all: every sale read every job ever printed.
 * - outbox_open gives each kind's open rows in order, so delivering
 *   reversals doesn't walk the day's cash-sale rows; outbox_held is the few
 *   requests in flight, read at start-up.
 * - batches_settling and batches_opened: the batch lookups of every sale.
 * - transactions_operator was a second copy of transactions_operator_time:
 *   one index less for every sale to write.
 */
export const flatCost: Migration = {
  version: 9,
  name: 'flat-cost',
  up(db) {
    db.exec(`
      DROP INDEX print_jobs_open;
      CREATE INDEX print_jobs_open ON print_jobs (id)
        WHERE state IN ('queued', 'printing', 'waiting');

      DROP INDEX outbox_due;
      CREATE INDEX outbox_open ON outbox (kind, id) WHERE state IN ('held', 'pending');
      CREATE INDEX outbox_held ON outbox (id) WHERE state = 'held';

      CREATE INDEX batches_settling ON batches (state) WHERE state = 'settling';
      CREATE INDEX batches_opened ON batches (opened_at);

      DROP INDEX transactions_operator;
    `);
  },
};
