import type { Migration } from '../migrate';

/**
 * Sales by product, category and operator (issue 14, reports): the paid
 * orders of a span are found through `orders_paid_at` (migration 010) and
 * their lines through `order_lines_order`, so a day's report reads the day's
 * lines and nothing of the history before it. A shift report reads one
 * operator's paid orders: `orders_paid_operator` gives exactly those, in
 * time order, instead of every operator's orders of the shift's hours.
 * `shifts_operator` finds an operator's latest shift (交班 and these
 * reports) without reading every shift the till has had.
 */
export const salesReportIndexes: Migration = {
  // The lead renumbers at merge: this number and the list in index.ts are the only places.
  version: 13,
  name: 'sales-report-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX orders_paid_operator ON orders (operator_no, paid_at) WHERE state = 'paid';
      CREATE INDEX shifts_operator ON shifts (operator_no, id);
    `);
  },
};
