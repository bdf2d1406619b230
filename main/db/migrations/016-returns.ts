import type { Migration } from '../migrate';

/** This migration's place in the list (kept in one spot so a merge can renumber it). */
const VERSION = 16;

/**
 * Returns by line (按商品退货, PRODUCT.md §12, issue 15).
 *
 * A return (退货单) gives back chosen lines of one paid order, or — when the
 * shop allows it — lines without the original (cash only, with a reason).
 * Its lines say which order line, how many items and how much money; the
 * money per line follows domain/order/returns.ts. What a line has left is
 * its quantity and net minus every return that is not cancelled: a trigger
 * refuses a return line that would take more, whatever path wrote it, so two
 * returns at once can't both fit.
 *
 * The refund goes back to the order's payments in steps (card → QR → cash,
 * domain/order/returns.ts planRefund), planned when the return is made and
 * done one at a time. A step is 'planned', 'started' (sent, or about to be:
 * its transaction may exist without being linked yet, which a restart
 * finds by the payment it follows and the transaction id it started after), or 'done'. The return is 'open' until
 * every step is done, then 'done'; one with no step done can be cancelled,
 * which gives its lines back.
 */
export const returns: Migration = {
  version: VERSION,
  name: 'returns',
  up(db) {
    db.exec(`
      CREATE TABLE returns (
        id INTEGER PRIMARY KEY,
        return_no TEXT NOT NULL UNIQUE,
        order_id INTEGER REFERENCES orders (id),
        state TEXT NOT NULL CHECK (state IN ('open', 'done', 'cancelled')),
        total_fen INTEGER NOT NULL CHECK (total_fen >= 1),
        operator_no TEXT NOT NULL,
        supervisor_no TEXT NOT NULL,
        -- required without the original (checked by the service and here)
        reason TEXT CHECK (order_id IS NOT NULL OR length(reason) >= 1),
        training INTEGER NOT NULL CHECK (training IN (0, 1)),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX returns_order ON returns (order_id) WHERE order_id IS NOT NULL;
      CREATE INDEX returns_open ON returns (created_at) WHERE state = 'open';
      -- the product report's returned quantities: finished returns by when they finished
      CREATE INDEX returns_done ON returns (done_at) WHERE state = 'done';

      CREATE TABLE return_lines (
        id INTEGER PRIMARY KEY,
        return_id INTEGER NOT NULL REFERENCES returns (id),
        -- NULL for a return without the original
        order_line_id INTEGER REFERENCES order_lines (id),
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 9999),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0)
      ) STRICT;
      CREATE INDEX return_lines_return ON return_lines (return_id);
      CREATE INDEX return_lines_order_line ON return_lines (order_line_id)
        WHERE order_line_id IS NOT NULL;

      CREATE TRIGGER return_lines_within_line BEFORE INSERT ON return_lines
      WHEN NEW.order_line_id IS NOT NULL
      BEGIN
        SELECT RAISE(ABORT, 'return exceeds what is left of the line')
        FROM order_lines l
        WHERE l.id = NEW.order_line_id AND (
          NEW.quantity + (SELECT coalesce(sum(rl.quantity), 0) FROM return_lines rl
            JOIN returns r ON r.id = rl.return_id
            WHERE rl.order_line_id = l.id AND r.state <> 'cancelled') > l.quantity
          OR NEW.amount_fen + (SELECT coalesce(sum(rl.amount_fen), 0) FROM return_lines rl
            JOIN returns r ON r.id = rl.return_id
            WHERE rl.order_line_id = l.id AND r.state <> 'cancelled') > l.net_fen);
      END;

      CREATE TABLE return_steps (
        id INTEGER PRIMARY KEY,
        return_id INTEGER NOT NULL REFERENCES returns (id),
        seq INTEGER NOT NULL,
        -- the payment the money goes back from; NULL for cash without the original
        payment_tx_id INTEGER REFERENCES transactions (id),
        tender TEXT NOT NULL CHECK (tender IN ('card', 'qr', 'cash')),
        kind TEXT NOT NULL CHECK (kind IN ('void', 'refund', 'cash')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 1),
        state TEXT NOT NULL CHECK (state IN ('planned', 'started', 'done')),
        -- the void / refund transaction that carries the money back
        tx_id INTEGER UNIQUE REFERENCES transactions (id),
        started_at INTEGER,
        -- the last transaction id when the step started: its own transaction comes after
        -- (ids, not times, so a clock set back can't hide it)
        after_tx_id INTEGER,
        note TEXT,
        UNIQUE (return_id, seq)
      ) STRICT;
      CREATE INDEX return_steps_payment ON return_steps (payment_tx_id)
        WHERE payment_tx_id IS NOT NULL;

      INSERT INTO counters (name, value) VALUES ('return', 0);
    `);
  },
};
