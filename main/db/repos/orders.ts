import type { Db } from '../connection';
import type { NumberGuard } from '../number-marks';
import type { Discount, RoundingOff } from '../../domain/order/pricing';
import type { OrderState } from '../../domain/order/states';

export interface OrderLineRecord {
  id: number;
  kind: 'product' | 'open';
  productId: number | null;
  code: string | null;
  name: string;
  spec: string;
  unit: string;
  categoryId: number | null;
  categoryName: string | null;
  quantity: number;
  weightG: number | null;
  unitPriceFen: number;
  /** The catalogue's price when the line was rung up (differs after a price override). */
  listPriceFen: number;
  priceOverrideBy: string | null;
  fixedAmountFen: number | null;
  discount: Discount | null;
  discountApprovedBy: string | null;
  grossFen: number;
  lineDiscountFen: number;
  orderDiscountFen: number;
  netFen: number;
  addedAt: number;
}

export type NewOrderLine = Omit<
  OrderLineRecord,
  'id' | 'grossFen' | 'lineDiscountFen' | 'orderDiscountFen' | 'netFen'
>;

export interface OrderTotalsRecord {
  grossFen: number;
  lineDiscountFen: number;
  orderDiscountFen: number;
  roundingFen: number;
  totalFen: number;
  itemCount: number;
}

export interface OrderRecord {
  id: number;
  orderNo: string;
  state: OrderState;
  operatorNo: string;
  training: boolean;
  source: 'counter' | 'quick';
  discount: Discount | null;
  discountApprovedBy: string | null;
  rounding: RoundingOff;
  totals: OrderTotalsRecord;
  version: number;
  createdAt: number;
  updatedAt: number;
  heldAt: number | null;
  paidAt: number | null;
  cancelledAt: number | null;
  cancelledBy: string | null;
  lines: OrderLineRecord[];
}

export interface HeldOrderRecord {
  id: number;
  orderNo: string;
  operatorNo: string;
  heldAt: number;
  lineCount: number;
  itemCount: number;
  totalFen: number;
}

interface OrderRow {
  id: number;
  order_no: string;
  state: OrderState;
  operator_no: string;
  training: number;
  source: 'counter' | 'quick';
  discount_kind: Discount['kind'] | null;
  discount_value: number | null;
  discount_approved_by: string | null;
  rounding: RoundingOff;
  gross_fen: number;
  line_discount_fen: number;
  order_discount_fen: number;
  rounding_fen: number;
  total_fen: number;
  item_count: number;
  version: number;
  created_at: number;
  updated_at: number;
  held_at: number | null;
  paid_at: number | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
}

interface LineRow {
  id: number;
  kind: 'product' | 'open';
  product_id: number | null;
  code: string | null;
  name: string;
  spec: string;
  unit: string;
  category_id: number | null;
  category_name: string | null;
  quantity: number;
  weight_g: number | null;
  unit_price_fen: number;
  list_price_fen: number;
  price_override_by: string | null;
  fixed_amount_fen: number | null;
  discount_kind: Discount['kind'] | null;
  discount_value: number | null;
  discount_approved_by: string | null;
  gross_fen: number;
  line_discount_fen: number;
  order_discount_fen: number;
  net_fen: number;
  added_at: number;
}

const ORDER_COLUMNS = `id, order_no, state, operator_no, training, source, discount_kind, discount_value,
  discount_approved_by, rounding, gross_fen, line_discount_fen, order_discount_fen, rounding_fen,
  total_fen, item_count, version, created_at, updated_at, held_at, paid_at, cancelled_at, cancelled_by`;
const LINE_COLUMNS = `id, kind, product_id, code, name, spec, unit, category_id, category_name,
  quantity, weight_g, unit_price_fen, list_price_fen, price_override_by, fixed_amount_fen,
  discount_kind, discount_value, discount_approved_by, gross_fen, line_discount_fen,
  order_discount_fen, net_fen, added_at`;

const discountOf = (kind: Discount['kind'] | null, value: number | null): Discount | null =>
  kind && value !== null ? { kind, value } : null;

/** Orders and their lines (PRODUCT.md §12); the order's state follows its payments by trigger. */
export function createOrdersRepo(db: Db, guard?: NumberGuard) {
  const nextSequence = db.prepare<[], { value: number }>(
    "UPDATE counters SET value = value + 1 WHERE name = 'order' RETURNING value",
  );
  const insertOrder = db.prepare(
    `INSERT INTO orders (order_no, state, operator_no, training, source, rounding, created_at,
       updated_at)
     VALUES (@orderNo, 'open', @operatorNo, @training, @source, @rounding, @now, @now)`,
  );
  const getOrder = db.prepare<[number], OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ?`,
  );
  const byNumber = db.prepare<[string], OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE order_no = ?`,
  );
  const atCounter = db.prepare<[], OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE at_counter = 1`,
  );
  const lines = db.prepare<[number], LineRow>(
    `SELECT ${LINE_COLUMNS} FROM order_lines WHERE order_id = +? ORDER BY id`,
  );
  const insertLine = db.prepare(
    `INSERT INTO order_lines (order_id, kind, product_id, code, name, spec, unit, category_id,
       category_name, quantity, weight_g, unit_price_fen, list_price_fen, price_override_by,
       fixed_amount_fen, discount_kind, discount_value, discount_approved_by,
       gross_fen, line_discount_fen, order_discount_fen, net_fen, added_at)
     VALUES (@orderId, @kind, @productId, @code, @name, @spec, @unit, @categoryId,
       @categoryName, @quantity, @weightG, @unitPriceFen, @listPriceFen, @priceOverrideBy,
       @fixedAmountFen, @discountKind, @discountValue, @discountApprovedBy, 0, 0, 0, 0, @addedAt)`,
  );
  const updateLine = db.prepare(
    `UPDATE order_lines SET quantity = @quantity, weight_g = @weightG,
       unit_price_fen = @unitPriceFen, price_override_by = @priceOverrideBy,
       discount_kind = @discountKind, discount_value = @discountValue,
       discount_approved_by = @discountApprovedBy
     WHERE id = @id AND order_id = @orderId`,
  );
  const deleteLine = db.prepare('DELETE FROM order_lines WHERE id = ? AND order_id = ?');
  const priceLine = db.prepare(
    `UPDATE order_lines SET gross_fen = @grossFen, line_discount_fen = @lineDiscountFen,
       order_discount_fen = @orderDiscountFen, net_fen = @netFen WHERE id = @id`,
  );
  const priceOrder = db.prepare(
    `UPDATE orders SET gross_fen = @grossFen, line_discount_fen = @lineDiscountFen,
       order_discount_fen = @orderDiscountFen, rounding_fen = @roundingFen, total_fen = @totalFen,
       item_count = @itemCount, rounding = @rounding, version = version + 1, updated_at = @now
     WHERE id = @id`,
  );
  const setDiscount = db.prepare(
    `UPDATE orders SET discount_kind = ?, discount_value = ?, discount_approved_by = ? WHERE id = ?`,
  );
  const setState = db.prepare(
    `UPDATE orders SET state = @to, updated_at = @now, version = version + 1,
       held_at = CASE WHEN @to = 'held' THEN @now ELSE held_at END,
       cancelled_at = CASE WHEN @to = 'cancelled' THEN @now ELSE cancelled_at END,
       cancelled_by = CASE WHEN @to = 'cancelled' THEN @by ELSE cancelled_by END
     WHERE id = @id AND state = @from`,
  );
  const held = db.prepare<[number], HeldOrderRecord>(
    `SELECT o.id, o.order_no AS orderNo, o.operator_no AS operatorNo, o.held_at AS heldAt,
       (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS lineCount,
       o.item_count AS itemCount, o.total_fen AS totalFen
     FROM orders o WHERE o.state = 'held' ORDER BY o.held_at LIMIT +?`,
  );
  const heldCount = db.prepare<[], { n: number; total: number | null }>(
    "SELECT count(*) AS n, sum(total_fen) AS total FROM orders WHERE state = 'held'",
  );
  const payments = db.prepare<[number], { id: number }>(
    "SELECT id FROM transactions WHERE order_id = ? AND type = 'sale' ORDER BY id",
  );
  const withoutReceipt = db.prepare<[number], { id: number }>(
    `SELECT o.id FROM orders o WHERE o.state = 'paid' AND o.paid_at >= +?
       AND NOT EXISTS (SELECT 1 FROM print_jobs j WHERE j.order_id = o.id AND j.kind = 'receipt')
       -- keypad amounts paid by card have the card slips for their receipt
       AND NOT (NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id
           AND (l.kind = 'product' OR l.code IS NOT NULL))
         AND NOT EXISTS (SELECT 1 FROM transactions t
           WHERE t.order_id = o.id AND t.state = 'approved' AND t.tender != 'card'))
     ORDER BY o.paid_at`,
  );

  function hydrate(row: OrderRow): OrderRecord {
    return {
      id: row.id,
      orderNo: row.order_no,
      state: row.state,
      operatorNo: row.operator_no,
      training: row.training === 1,
      source: row.source,
      discount: discountOf(row.discount_kind, row.discount_value),
      discountApprovedBy: row.discount_approved_by,
      rounding: row.rounding,
      totals: {
        grossFen: row.gross_fen,
        lineDiscountFen: row.line_discount_fen,
        orderDiscountFen: row.order_discount_fen,
        roundingFen: row.rounding_fen,
        totalFen: row.total_fen,
        itemCount: row.item_count,
      },
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      heldAt: row.held_at,
      paidAt: row.paid_at,
      cancelledAt: row.cancelled_at,
      cancelledBy: row.cancelled_by,
      lines: lines.all(row.id).map((l) => ({
        id: l.id,
        kind: l.kind,
        productId: l.product_id,
        code: l.code,
        name: l.name,
        spec: l.spec,
        unit: l.unit,
        categoryId: l.category_id,
        categoryName: l.category_name,
        quantity: l.quantity,
        weightG: l.weight_g,
        unitPriceFen: l.unit_price_fen,
        listPriceFen: l.list_price_fen,
        priceOverrideBy: l.price_override_by,
        fixedAmountFen: l.fixed_amount_fen,
        discount: discountOf(l.discount_kind, l.discount_value),
        discountApprovedBy: l.discount_approved_by,
        grossFen: l.gross_fen,
        lineDiscountFen: l.line_discount_fen,
        orderDiscountFen: l.order_discount_fen,
        netFen: l.net_fen,
        addedAt: l.added_at,
      })),
    };
  }

  return {
    /** The next order sequence; allocated in the caller's SQLite transaction, never reused. */
    nextSequence(): number {
      const row = nextSequence.get();
      if (!row) throw new Error("counters has no 'order' row");
      guard?.order(row.value);
      return row.value;
    },
    create(o: {
      orderNo: string;
      operatorNo: string;
      training: boolean;
      source?: 'counter' | 'quick';
      rounding: RoundingOff;
      now: number;
    }): number {
      return Number(
        insertOrder.run({ ...o, source: o.source ?? 'counter', training: o.training ? 1 : 0 })
          .lastInsertRowid,
      );
    },
    get(id: number): OrderRecord | null {
      const row = getOrder.get(id);
      return row ? hydrate(row) : null;
    },
    byNumber(orderNo: string): OrderRecord | null {
      const row = byNumber.get(orderNo);
      return row ? hydrate(row) : null;
    },
    /** The order at the counter (open or being paid), if any. */
    atCounter(): OrderRecord | null {
      const row = atCounter.get();
      return row ? hydrate(row) : null;
    },
    insertLine(orderId: number, line: NewOrderLine): number {
      return Number(
        insertLine.run({
          ...line,
          orderId,
          discountKind: line.discount?.kind ?? null,
          discountValue: line.discount?.value ?? null,
        }).lastInsertRowid,
      );
    },
    /** Writes what the cashier changed on a line (quantity, weight, price, discount). */
    updateLine(orderId: number, line: OrderLineRecord): void {
      updateLine.run({
        id: line.id,
        orderId,
        quantity: line.quantity,
        weightG: line.weightG,
        unitPriceFen: line.unitPriceFen,
        priceOverrideBy: line.priceOverrideBy,
        discountKind: line.discount?.kind ?? null,
        discountValue: line.discount?.value ?? null,
        discountApprovedBy: line.discountApprovedBy,
      });
    },
    deleteLine(orderId: number, lineId: number): boolean {
      return deleteLine.run(lineId, orderId).changes === 1;
    },
    setDiscount(orderId: number, discount: Discount | null, approvedBy: string | null): void {
      setDiscount.run(discount?.kind ?? null, discount?.value ?? null, approvedBy, orderId);
    },
    /** Stores the derived money of every line and the order's totals (domain/order/pricing). */
    savePricing(
      orderId: number,
      priced: Array<{
        id: number;
        grossFen: number;
        lineDiscountFen: number;
        orderDiscountFen: number;
        netFen: number;
      }>,
      totals: OrderTotalsRecord,
      rounding: RoundingOff,
      now: number,
    ): void {
      for (const l of priced) priceLine.run(l);
      priceOrder.run({ ...totals, rounding, id: orderId, now });
    },
    /** The cashier's moves (hold, recall, cancel); false if the order was not in `from`. */
    setState(
      orderId: number,
      from: OrderState,
      to: OrderState,
      now: number,
      by: string | null = null,
    ): boolean {
      return setState.run({ id: orderId, from, to, now, by }).changes === 1;
    },
    held(limit = 200): HeldOrderRecord[] {
      return held.all(limit);
    },
    heldSummary(): { count: number; totalFen: number } {
      const r = heldCount.get();
      return { count: r?.n ?? 0, totalFen: r?.total ?? 0 };
    },
    /** The ids of an order's payments, oldest first. */
    paymentIds(orderId: number): number[] {
      return payments.all(orderId).map((r) => r.id);
    },
    /** Paid orders (since `since`) whose customer receipt was never queued: a crash came between. */
    paidWithoutReceipt(since: number): number[] {
      return withoutReceipt.all(since).map((r) => r.id);
    },
  };
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
