import type { Migration } from '../migrate';

// Money that moved, as settlement, 交班 and the reports count it (repos/reports.ts):
// approved sales and completions (also those later voided or refunded), and
// approved voids and refunds. Written out here: a migration never changes.
const debit = (t: string) =>
  `(${t}.type IN ('sale', 'preauth_complete') AND ${t}.state IN ('approved', 'voided', 'refunded'))`;
const credit = (t: string) => `(${t}.type IN ('void', 'refund') AND ${t}.state = 'approved')`;
const HOUR = 3_600_000;

/** Adds (sign 1) or takes away (sign -1) row `t`'s money in its hour. */
const addToHour = (t: string, sign: 1 | -1) => `
  INSERT INTO sales_hourly (hour, operator_no, tender, debit_count, debit_fen, credit_count, credit_fen)
  SELECT ${t}.created_at - ${t}.created_at % ${HOUR}, ${t}.operator_no, ${t}.tender,
    ${sign} * d, ${sign} * d * ${t}.amount_fen, ${sign} * c, ${sign} * c * ${t}.amount_fen
  FROM (SELECT ${debit(t)} AS d, ${credit(t)} AS c) WHERE d OR c
  ON CONFLICT (hour, operator_no, tender) DO UPDATE SET
    debit_count = debit_count + excluded.debit_count, debit_fen = debit_fen + excluded.debit_fen,
    credit_count = credit_count + excluded.credit_count, credit_fen = credit_fen + excluded.credit_fen`;

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
 * - sales_hourly: the money of each hour (UTC hours: local hours wherever
 *   the offset is whole hours, as China's is) per operator and tender, kept
 *   by triggers on every insert, state change and delete of a transaction,
 *   so a month's chart adds up some hundreds of rows instead of reading
 *   eighty thousand transactions.
 */
export const flatCost: Migration = {
  version: 11,
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

      CREATE TABLE sales_hourly (
        hour INTEGER NOT NULL,
        operator_no TEXT NOT NULL,
        tender TEXT NOT NULL,
        debit_count INTEGER NOT NULL,
        debit_fen INTEGER NOT NULL,
        credit_count INTEGER NOT NULL,
        credit_fen INTEGER NOT NULL,
        PRIMARY KEY (hour, operator_no, tender)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO sales_hourly
        SELECT created_at - created_at % ${HOUR}, operator_no, tender,
          sum(d), sum(d * amount_fen), sum(c), sum(c * amount_fen)
        FROM (SELECT created_at, operator_no, tender, amount_fen,
                ${debit('transactions')} AS d, ${credit('transactions')} AS c FROM transactions)
        WHERE d OR c
        GROUP BY 1, 2, 3;
      CREATE TRIGGER sales_hourly_insert AFTER INSERT ON transactions
        WHEN ${debit('NEW')} OR ${credit('NEW')}
        BEGIN ${addToHour('NEW', 1)}; END;
      CREATE TRIGGER sales_hourly_update
        AFTER UPDATE OF type, state, amount_fen, operator_no, tender, created_at ON transactions
        WHEN ${debit('OLD')} <> ${debit('NEW')} OR ${credit('OLD')} <> ${credit('NEW')}
          OR ((${debit('NEW')} OR ${credit('NEW')}) AND (OLD.amount_fen <> NEW.amount_fen
            OR OLD.operator_no <> NEW.operator_no OR OLD.tender <> NEW.tender
            OR OLD.created_at <> NEW.created_at))
        BEGIN ${addToHour('OLD', -1)}; ${addToHour('NEW', 1)}; END;
      CREATE TRIGGER sales_hourly_delete AFTER DELETE ON transactions
        WHEN ${debit('OLD')} OR ${credit('OLD')}
        BEGIN ${addToHour('OLD', -1)}; END;
    `);
  },
};
