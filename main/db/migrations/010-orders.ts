import type { Migration } from '../migrate';

/** This migration's place in the list (kept in one spot so a merge can renumber it). */
const VERSION = 10;

/** stateFromPayments in SQL: paid when approved payments cover the total; paying while any is approved or undecided. */
const APPROVED_FEN = `(SELECT coalesce(sum(t.amount_fen), 0) FROM transactions t
  WHERE t.order_id = orders.id AND t.type = 'sale' AND t.state = 'approved')`;
const FOLLOW = `CASE
  WHEN orders.total_fen > 0 AND ${APPROVED_FEN} >= orders.total_fen THEN 'paid'
  WHEN EXISTS (SELECT 1 FROM transactions t WHERE t.order_id = orders.id AND t.type = 'sale'
    AND t.state IN ('approved', 'pending', 'uncertain')) THEN 'paying'
  ELSE 'open' END`;

/**
 * The order (单据, PRODUCT.md §12): what the cashier rings up, paid by one or
 * more payments. A payment is a financial transaction as before, pointing at
 * its order (transactions.order_id); its state machine is unchanged.
 *
 * The order follows its payments inside SQLite: a trigger on the payment's
 * insert and on each change of its state recomputes an open or paying order's
 * state (domain/order/states.ts stateFromPayments, the same rule) in the same
 * SQLite transaction as the payment. So an order is never marked paid apart
 * from the payment that completes it, whichever path moved the payment (the
 * cashier's request, a reversal, a QR query or cancel after a restart).
 *
 * Lines keep a snapshot of the product (code, name, price, category) as sold;
 * they point at the catalogue by id without a foreign key, so the catalogue
 * can change or lose a product while history stays as it was.
 */
export const orders: Migration = {
  version: VERSION,
  name: 'orders',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        order_no TEXT NOT NULL UNIQUE CHECK (length(order_no) = 14 AND order_no NOT GLOB '*[^0-9]*'),
        state TEXT NOT NULL CHECK (state IN ('open', 'held', 'paying', 'paid', 'cancelled')),
        operator_no TEXT NOT NULL REFERENCES operators (operator_no),
        training INTEGER NOT NULL CHECK (training IN (0, 1)),
        -- counter: rung up line by line; quick: made whole by a one-call sale (a keypad amount)
        source TEXT NOT NULL DEFAULT 'counter' CHECK (source IN ('counter', 'quick')),
        discount_kind TEXT CHECK (discount_kind IN ('percent', 'amount')),
        discount_value INTEGER CHECK ((discount_kind IS NULL) = (discount_value IS NULL)),
        discount_approved_by TEXT,
        rounding TEXT NOT NULL CHECK (rounding IN ('none', 'jiao', 'yuan')),
        gross_fen INTEGER NOT NULL DEFAULT 0 CHECK (gross_fen >= 0),
        line_discount_fen INTEGER NOT NULL DEFAULT 0 CHECK (line_discount_fen >= 0),
        order_discount_fen INTEGER NOT NULL DEFAULT 0 CHECK (order_discount_fen >= 0),
        rounding_fen INTEGER NOT NULL DEFAULT 0 CHECK (rounding_fen >= 0),
        total_fen INTEGER NOT NULL DEFAULT 0 CHECK (total_fen >= 0 AND total_fen =
          gross_fen - line_discount_fen - order_discount_fen - rounding_fen),
        item_count INTEGER NOT NULL DEFAULT 0,
        version INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        held_at INTEGER,
        paid_at INTEGER,
        cancelled_at INTEGER,
        cancelled_by TEXT,
        -- 1 while the order is at the counter (open or being paid), else NULL
        at_counter INTEGER GENERATED ALWAYS AS
          (CASE WHEN state IN ('open', 'paying') THEN 1 END) VIRTUAL
      ) STRICT;
      -- One order at the counter at a time.
      CREATE UNIQUE INDEX orders_at_counter ON orders (at_counter);
      CREATE INDEX orders_held ON orders (held_at) WHERE state = 'held';
      CREATE INDEX orders_paid_at ON orders (paid_at) WHERE state = 'paid';

      CREATE TABLE order_lines (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders (id),
        kind TEXT NOT NULL CHECK (kind IN ('product', 'open')),
        product_id INTEGER,
        code TEXT,
        name TEXT NOT NULL,
        spec TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        category_id INTEGER,
        category_name TEXT,
        quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
        weight_g INTEGER CHECK (weight_g IS NULL OR weight_g > 0),
        unit_price_fen INTEGER NOT NULL CHECK (unit_price_fen >= 1),
        list_price_fen INTEGER NOT NULL CHECK (list_price_fen >= 1),
        price_override_by TEXT,
        fixed_amount_fen INTEGER CHECK (fixed_amount_fen IS NULL OR fixed_amount_fen >= 1),
        discount_kind TEXT CHECK (discount_kind IN ('percent', 'amount')),
        discount_value INTEGER CHECK ((discount_kind IS NULL) = (discount_value IS NULL)),
        discount_approved_by TEXT,
        gross_fen INTEGER NOT NULL CHECK (gross_fen >= 0),
        line_discount_fen INTEGER NOT NULL CHECK (line_discount_fen >= 0),
        order_discount_fen INTEGER NOT NULL CHECK (order_discount_fen >= 0),
        net_fen INTEGER NOT NULL CHECK (net_fen >= 0 AND
          net_fen = gross_fen - line_discount_fen - order_discount_fen),
        added_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX order_lines_order ON order_lines (order_id);
      CREATE INDEX order_lines_product ON order_lines (product_id) WHERE product_id IS NOT NULL;

      INSERT INTO counters (name, value) VALUES ('order', 0);

      ALTER TABLE transactions ADD COLUMN order_id INTEGER REFERENCES orders (id);
      CREATE INDEX transactions_order ON transactions (order_id) WHERE order_id IS NOT NULL;
      ALTER TABLE print_jobs ADD COLUMN order_id INTEGER REFERENCES orders (id);
      CREATE INDEX print_jobs_order ON print_jobs (order_id) WHERE order_id IS NOT NULL;

      -- The order follows its payments (see the comment above). Only an order at
      -- the counter moves: a paid one stays paid whatever happens to its payments
      -- later (voids and returns are recorded against it, not by reopening it).
      CREATE TRIGGER orders_follow_new_payment AFTER INSERT ON transactions
      WHEN NEW.order_id IS NOT NULL AND NEW.type = 'sale'
      BEGIN
        UPDATE orders SET state = ${FOLLOW}, updated_at = max(updated_at, NEW.updated_at)
        WHERE id = NEW.order_id AND state IN ('open', 'paying');
      END;
      CREATE TRIGGER orders_follow_payment_state AFTER UPDATE OF state ON transactions
      WHEN NEW.order_id IS NOT NULL AND NEW.type = 'sale' AND NEW.state IS NOT OLD.state
      BEGIN
        UPDATE orders SET state = ${FOLLOW}, updated_at = max(updated_at, NEW.updated_at)
        WHERE id = NEW.order_id AND state IN ('open', 'paying');
      END;
      CREATE TRIGGER orders_paid_at AFTER UPDATE OF state ON orders
      WHEN NEW.state = 'paid' AND OLD.state IS NOT 'paid'
      BEGIN
        UPDATE orders SET paid_at = NEW.updated_at WHERE id = NEW.id;
      END;
    `);
  },
};
