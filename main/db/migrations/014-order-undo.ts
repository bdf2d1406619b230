import type { Migration } from '../migrate';

/** This migration's place in the list (kept in one spot so a merge can renumber it). */
const VERSION = 14;

/**
 * Abandoning a partly paid order (PRODUCT.md §12, split tender): the
 * supervisor approves once, and each approved payment is undone in turn —
 * card voided (refunded after settlement), QR refunded, cash handed back.
 * `order_undos` records that the order is being abandoned (by whom, when);
 * `order_undo_steps` holds one row per payment to undo, in the order they are
 * undone, so an abandon cut short by a crash resumes where it stopped.
 *
 * The steps follow their payments inside SQLite, like the order does
 * (migration orders): when a payment being undone becomes 'voided' or
 * 'refunded' — whichever path did it: the cashier's request, a QR refund
 * settled by the outbox after a restart — its step is marked done in the same
 * SQLite transaction, and when the last step is done the order becomes
 * 'cancelled' in that transaction too. So the order is never cancelled while
 * a payment is still kept, and never left paying once all are given back.
 */
export const orderUndo: Migration = {
  version: VERSION,
  name: 'order-undo',
  up(db) {
    db.exec(`
      CREATE TABLE order_undos (
        order_id INTEGER PRIMARY KEY REFERENCES orders (id),
        operator_no TEXT NOT NULL,
        approved_by TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;

      CREATE TABLE order_undo_steps (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES order_undos (order_id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        payment_tx_id INTEGER NOT NULL UNIQUE REFERENCES transactions (id),
        state TEXT NOT NULL CHECK (state IN ('todo', 'done')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        -- the last attempt's error code and its words' values (JSON), shown on the screen
        last_error TEXT CHECK (last_error IS NULL OR json_valid(last_error)),
        updated_at INTEGER NOT NULL,
        UNIQUE (order_id, seq)
      ) STRICT;
      -- the abandons start-up and the screen look for: only those not finished
      CREATE INDEX order_undos_unfinished ON order_undos (order_id) WHERE finished_at IS NULL;

      CREATE TRIGGER order_undo_step_done AFTER UPDATE OF state ON transactions
      WHEN NEW.order_id IS NOT NULL AND NEW.type = 'sale'
        AND NEW.state IN ('voided', 'refunded') AND NEW.state IS NOT OLD.state
      BEGIN
        UPDATE order_undo_steps SET state = 'done', updated_at = NEW.updated_at, last_error = NULL
        WHERE payment_tx_id = NEW.id AND state = 'todo';
      END;

      CREATE TRIGGER order_undo_finished AFTER UPDATE OF state ON order_undo_steps
      WHEN NEW.state = 'done' AND NOT EXISTS (SELECT 1 FROM order_undo_steps s
        WHERE s.order_id = NEW.order_id AND s.state = 'todo')
      BEGIN
        UPDATE order_undos SET finished_at = NEW.updated_at
        WHERE order_id = NEW.order_id AND finished_at IS NULL;
        UPDATE orders SET state = 'cancelled', cancelled_at = NEW.updated_at,
          cancelled_by = (SELECT approved_by FROM order_undos u WHERE u.order_id = NEW.order_id),
          updated_at = max(updated_at, NEW.updated_at)
        WHERE id = NEW.order_id AND state IN ('open', 'paying');
      END;
    `);
  },
};
