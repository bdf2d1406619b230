import type { Migration } from '../migrate';

/** This migration's place in the list (kept in one spot so a merge can renumber it). */
const VERSION = 18;

/** stateFromPayments in SQL, as in migration 010 (a released migration is never edited). */
const APPROVED_FEN = `(SELECT coalesce(sum(t.amount_fen), 0) FROM transactions t
  WHERE t.order_id = orders.id AND t.type = 'sale' AND t.state = 'approved')`;
const FOLLOW = `CASE
  WHEN orders.total_fen > 0 AND ${APPROVED_FEN} >= orders.total_fen THEN 'paid'
  WHEN EXISTS (SELECT 1 FROM transactions t WHERE t.order_id = orders.id AND t.type = 'sale'
    AND t.state IN ('approved', 'pending', 'uncertain')) THEN 'paying'
  ELSE 'open' END`;
const PAID = `orders.total_fen > 0 AND ${APPROVED_FEN} >= orders.total_fen`;

/**
 * Fewer pages written per sale (issue 17, the durable commit).
 *
 * The payment that pays an order set its state in one UPDATE and the
 * trigger orders_paid_at set paid_at in a second one. Between the two the
 * order sat in the partial indexes orders_paid_at and orders_paid_operator
 * (WHERE state = 'paid') with a NULL paid_at — at the far left of each
 * index, where the NULLs sort — and was then moved to its place at the
 * right end: on a till with history every sale wrote a leaf page of each
 * index that nothing reads, two more pages to sync. The payment triggers
 * now set paid_at in the same UPDATE as the state (the same value:
 * the order's new updated_at); orders_paid_at stays for any other path
 * that marks an order paid without it.
 */
export const salePages: Migration = {
  version: VERSION,
  name: 'sale-pages',
  up(db) {
    const follow = `
      UPDATE orders SET state = ${FOLLOW}, updated_at = max(updated_at, NEW.updated_at),
        paid_at = CASE WHEN ${PAID} THEN max(updated_at, NEW.updated_at) ELSE paid_at END
      WHERE id = NEW.order_id AND state IN ('open', 'paying');`;
    db.exec(`
      DROP TRIGGER orders_follow_new_payment;
      DROP TRIGGER orders_follow_payment_state;
      DROP TRIGGER orders_paid_at;
      CREATE TRIGGER orders_follow_new_payment AFTER INSERT ON transactions
      WHEN NEW.order_id IS NOT NULL AND NEW.type = 'sale'
      BEGIN ${follow}
      END;
      CREATE TRIGGER orders_follow_payment_state AFTER UPDATE OF state ON transactions
      WHEN NEW.order_id IS NOT NULL AND NEW.type = 'sale' AND NEW.state IS NOT OLD.state
      BEGIN ${follow}
      END;
      CREATE TRIGGER orders_paid_at AFTER UPDATE OF state ON orders
      WHEN NEW.state = 'paid' AND OLD.state IS NOT 'paid' AND NEW.paid_at IS NULL
      BEGIN
        UPDATE orders SET paid_at = NEW.updated_at WHERE id = NEW.id;
      END;
    `);
  },
};
