import type { Migration } from '../migrate';

/** This migration's place in the list (kept in one spot so a merge can renumber it). */
const VERSION = 17;

/** Local days are 23 to 25 hours long: a day holding an instant starts less than two days before it. */
const TWO_DAYS_MS = 172_800_000;

/** Forget the kept fold of the local day holding the instant `at` (an SQL expression). */
const forget = (at: string) =>
  `DELETE FROM sales_day_folds
   WHERE day_from > ${at} - ${TWO_DAYS_MS} AND day_from <= ${at} AND day_to > ${at};`;

/**
 * Sales report folds of closed local days (issue 14's report over a range).
 *
 * A report over a month read every line of the month (seconds on a busy
 * till). A closed day's fold (domain/sales-report.ts: sums by product, by
 * category, discounts by operator) is kept here the first time a report
 * needs it, as JSON with the version of the code that folded it; a range
 * then merges its days' folds and reads only today's lines.
 *
 * A day's fold is only right while nothing lands in that day after it was
 * made. Orders are paid and returns finish "now", which is never a closed
 * day — unless the clock was wrong or is put back. So the triggers below
 * forget the fold of the day any paid order or finished return lands in (or
 * leaves): the next report folds that day again. The triggers look the day
 * up by its primary key; on a normal sale they find nothing and write no page.
 */
export const salesDayFolds: Migration = {
  version: VERSION,
  name: 'sales day folds',
  up(db) {
    db.exec(`
      CREATE TABLE sales_day_folds (
        -- the local day [day_from, day_to) in epoch ms
        day_from INTEGER PRIMARY KEY,
        day_to INTEGER NOT NULL CHECK (day_to > day_from),
        fold_version INTEGER NOT NULL,
        fold TEXT NOT NULL CHECK (json_valid(fold)),
        made_at INTEGER NOT NULL
      ) STRICT;

      CREATE TRIGGER sales_day_folds_order_paid AFTER UPDATE OF paid_at ON orders
      WHEN NEW.paid_at IS NOT NULL
      BEGIN ${forget('NEW.paid_at')} END;
      CREATE TRIGGER sales_day_folds_order_inserted AFTER INSERT ON orders
      WHEN NEW.paid_at IS NOT NULL
      BEGIN ${forget('NEW.paid_at')} END;
      CREATE TRIGGER sales_day_folds_order_left AFTER UPDATE OF state ON orders
      WHEN OLD.state = 'paid' AND NEW.state IS NOT 'paid' AND OLD.paid_at IS NOT NULL
      BEGIN ${forget('OLD.paid_at')} END;

      CREATE TRIGGER sales_day_folds_return_done AFTER UPDATE OF state, done_at ON returns
      WHEN NEW.done_at IS NOT NULL
      BEGIN ${forget('NEW.done_at')} END;
      CREATE TRIGGER sales_day_folds_return_inserted AFTER INSERT ON returns
      WHEN NEW.done_at IS NOT NULL
      BEGIN ${forget('NEW.done_at')} END;
      CREATE TRIGGER sales_day_folds_return_left AFTER UPDATE OF state ON returns
      WHEN OLD.state = 'done' AND NEW.state IS NOT 'done' AND OLD.done_at IS NOT NULL
      BEGIN ${forget('OLD.done_at')} END;
    `);
  },
};
