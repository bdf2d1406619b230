import type Database from 'better-sqlite3';
import type { LedgerEntry } from '../../main/host/training';
import type { TrainingOrder } from '../../main/qr';

/**
 * Orders and their payments (issue 14), over "payments per order" in general
 * so that an order paid by several payments (split tender) is held to the
 * same rules as one paid by one:
 * - no payment without its order: every sale points at an order that exists;
 * - a paid order has exactly its payments: the kept (approved, later voided
 *   or refunded) payments add up to its total, no more and no less; an order
 *   not paid holds less than its total;
 * - no order paid twice: once the network is back and the terminal drained,
 *   the money the host and the gateway took for each order (by voucher) is
 *   exactly what the terminal kept for it — never more than its total;
 * - abandons and returns give back exactly what their steps say (below).
 */
const KEPT = new Set(['approved', 'voided', 'refunded']);
const AT_COUNTER_OR_PAID = new Set(['open', 'paying', 'paid']);

interface Sale {
  id: number;
  tender: string;
  state: string;
  amount_fen: number;
  batch_no: string;
  trace_no: string;
  order_id: number | null;
}

export interface OrderWorld {
  terminal: string;
  ledger: LedgerEntry[];
  orders: TrainingOrder[];
}

export function checkOrders(db: Database.Database, w: OrderWorld, final: boolean): string[] {
  const out: string[] = [];
  const orders = new Map(
    (
      db.prepare('SELECT id, order_no, state, total_fen FROM orders').all() as Array<{
        id: number;
        order_no: string;
        state: string;
        total_fen: number;
      }>
    ).map((o) => [o.id, o]),
  );
  const sales = db
    .prepare(
      "SELECT id, tender, state, amount_fen, batch_no, trace_no, order_id FROM transactions WHERE type = 'sale'",
    )
    .all() as Sale[];
  const kept = new Map<number, number>();
  for (const s of sales) {
    if (s.order_id === null || !orders.has(s.order_id)) {
      out.push(`${s.tender} sale ${s.batch_no}/${s.trace_no} has no order (${s.order_id})`);
      continue;
    }
    if (KEPT.has(s.state)) kept.set(s.order_id, (kept.get(s.order_id) ?? 0) + s.amount_fen);
  }
  for (const o of orders.values()) {
    const k = kept.get(o.id) ?? 0;
    if (k > o.total_fen)
      out.push(`order ${o.order_no} paid ${k} against a total of ${o.total_fen}`);
    if (o.state === 'paid' && k !== o.total_fen)
      out.push(`order ${o.order_no} is paid; its payments add up to ${k} of ${o.total_fen}`);
    if (
      AT_COUNTER_OR_PAID.has(o.state) &&
      o.state !== 'paid' &&
      o.total_fen > 0 &&
      k >= o.total_fen
    )
      out.push(`order ${o.order_no} is ${o.state} with ${k} of ${o.total_fen} paid`);
    if ((o.state === 'held' || o.state === 'open') && k > 0 && final)
      out.push(`order ${o.order_no} is ${o.state} with ${k} kept after the drain`);
  }
  out.push(...checkAbandons(db, final), ...checkReturns(db));
  if (!final) return out;

  // The outside world's money per order, once every reversal and cancel went through.
  const byVoucher = new Map(sales.map((s) => [`${s.tender}:${s.batch_no}/${s.trace_no}`, s]));
  const qrSale = db.prepare<[string], { order_id: number | null }>(
    "SELECT t.order_id FROM qr_payments q JOIN transactions t ON t.id = q.tx_id WHERE q.order_no = ? AND t.type = 'sale'",
  );
  const taken = new Map<number, number>();
  const add = (orderId: number | null | undefined, fen: number, what: string) => {
    if (orderId === null || orderId === undefined) {
      out.push(`${what}: money taken for no order of the terminal`);
      return;
    }
    taken.set(orderId, (taken.get(orderId) ?? 0) + fen);
  };
  for (const e of w.ledger)
    if (e.terminal === w.terminal && e.messageTypeCode === '22' && e.state === 'approved')
      add(
        byVoucher.get(`card:${e.batch}/${e.trace}`)?.order_id,
        e.amountFen,
        `host ${e.batch}/${e.trace}`,
      );
  for (const g of w.orders)
    if (g.terminal === w.terminal && (g.status === 'SUCCESS' || g.status === 'REFUNDED'))
      // A cancel gives the payment back (the terminal holds it cancelled); a refund does not undo it.
      add(
        qrSale.get(g.orderNo)?.order_id,
        g.amountFen -
          g.refunds
            .filter((f) => f.refundNo.startsWith('CANCEL-'))
            .reduce((n, f) => n + f.amountFen, 0),
        `gateway ${g.orderNo}`,
      );
  for (const s of sales)
    if (s.tender === 'cash' && KEPT.has(s.state) && s.order_id !== null)
      add(s.order_id, s.amount_fen, `cash ${s.trace_no}`);
  for (const [id, fen] of taken) {
    const o = orders.get(id);
    if (!o) continue;
    if (fen !== (kept.get(id) ?? 0))
      out.push(
        `order ${o.order_no}: host, gateway and cash took ${fen}, the terminal kept ${kept.get(id) ?? 0}`,
      );
    if (fen > o.total_fen)
      out.push(`order ${o.order_no} paid twice: ${fen} taken for ${o.total_fen}`);
  }
  return out;
}

interface FollowUp {
  id: number;
  type: string;
  tender: string;
  state: string;
  amount_fen: number;
  original_tx_id: number | null;
}

/** Each payment's approved voids and refunds (money given back), by payment. */
function givenBack(db: Database.Database): Map<number, FollowUp[]> {
  const rows = db
    .prepare(
      `SELECT id, type, tender, state, amount_fen, original_tx_id FROM transactions
        WHERE type IN ('void', 'refund') AND state = 'approved' AND original_tx_id IS NOT NULL`,
    )
    .all() as FollowUp[];
  const by = new Map<number, FollowUp[]>();
  for (const f of rows) by.set(f.original_tx_id!, [...(by.get(f.original_tx_id!) ?? []), f]);
  return by;
}

/**
 * Abandons (整单撤销, issue 15), at any instant: a step is done exactly when
 * its payment is given back in full — by approved voids or refunds adding up
 * to it, never more — and still kept otherwise; the abandon is finished, and
 * the order cancelled, exactly when every step is done, so a cancelled order
 * has every payment undone at the host, the gateway or the drawer (the host
 * and gateway side of each void and refund is held to its record above and
 * in invariants.ts); an order being abandoned takes no new payment.
 */
function checkAbandons(db: Database.Database, final: boolean): string[] {
  const out: string[] = [];
  const back = givenBack(db);
  for (const [id, fs] of back) {
    const sale = db
      .prepare<[number], { amount_fen: number; trace_no: string }>(
        'SELECT amount_fen, trace_no FROM transactions WHERE id = ?',
      )
      .get(id);
    const sum = fs.reduce((n, f) => n + f.amount_fen, 0);
    if (sale && sum > sale.amount_fen)
      out.push(`payment ${sale.trace_no} given back ${sum} of ${sale.amount_fen} (twice?)`);
  }
  const undos = db
    .prepare(
      `SELECT u.order_id, u.started_at, u.finished_at, o.order_no, o.state
         FROM order_undos u JOIN orders o ON o.id = u.order_id`,
    )
    .all() as Array<{
    order_id: number;
    started_at: number;
    finished_at: number | null;
    order_no: string;
    state: string;
  }>;
  const steps = db.prepare<
    [number],
    { state: string; payment_tx_id: number; p_state: string; amount_fen: number; trace_no: string }
  >(
    `SELECT s.state, s.payment_tx_id, t.state AS p_state, t.amount_fen, t.trace_no
       FROM order_undo_steps s JOIN transactions t ON t.id = s.payment_tx_id
      WHERE s.order_id = ? ORDER BY s.seq`,
  );
  const sales = db.prepare<[number], { id: number; state: string; created_at: number }>(
    "SELECT id, state, created_at FROM transactions WHERE order_id = ? AND type = 'sale'",
  );
  for (const u of undos) {
    const name = `abandoned order ${u.order_no}`;
    const ss = steps.all(u.order_id);
    for (const st of ss) {
      const got = (back.get(st.payment_tx_id) ?? []).reduce((n, f) => n + f.amount_fen, 0);
      if (st.state === 'done' && (got !== st.amount_fen || st.p_state === 'approved'))
        out.push(`${name}: step of ${st.trace_no} done, ${got} of ${st.amount_fen} given back`);
      if (st.state === 'todo' && (got >= st.amount_fen || st.p_state !== 'approved'))
        out.push(`${name}: step of ${st.trace_no} to do, payment ${st.p_state}, ${got} back`);
    }
    const all = ss.every((st) => st.state === 'done');
    if (all !== (u.finished_at !== null) || all !== (u.state === 'cancelled'))
      out.push(`${name}: steps ${all ? 'all' : 'not all'} done, order ${u.state}`);
    for (const p of sales.all(u.order_id)) {
      if (p.created_at > u.started_at)
        out.push(`${name}: payment #${p.id} made after the abandon started`);
      if (u.state === 'cancelled' && (p.state === 'approved' || (final && p.state === 'pending')))
        out.push(`${name}: cancelled, payment #${p.id} still ${p.state}`);
    }
  }
  return out;
}

/**
 * Returns by line (issue 15), at any instant: a line never gives back more
 * items or money than it has (over every return not cancelled); a return's
 * lines, total and steps agree; a done step is carried by one approved void
 * or refund of exactly its amount from its payment (cash out included), a
 * planned one by none; a return is done only when every step is, and one
 * cancelled had none done.
 */
function checkReturns(db: Database.Database): string[] {
  const out: string[] = [];
  const over = db
    .prepare(
      `SELECT l.id, l.quantity, l.net_fen, sum(rl.quantity) AS q, sum(rl.amount_fen) AS fen
         FROM return_lines rl JOIN returns r ON r.id = rl.return_id
         JOIN order_lines l ON l.id = rl.order_line_id
        WHERE r.state <> 'cancelled' GROUP BY l.id
       HAVING sum(rl.quantity) > l.quantity OR sum(rl.amount_fen) > l.net_fen`,
    )
    .all() as Array<{ id: number; quantity: number; net_fen: number; q: number; fen: number }>;
  for (const l of over)
    out.push(`order line ${l.id} returned ${l.q}/${l.quantity} items, ${l.fen}/${l.net_fen}`);
  const rets = db
    .prepare(
      `SELECT r.id, r.return_no, r.state, r.total_fen,
          (SELECT coalesce(sum(amount_fen), 0) FROM return_lines WHERE return_id = r.id) AS lines_fen
         FROM returns r`,
    )
    .all() as Array<{
    id: number;
    return_no: string;
    state: string;
    total_fen: number;
    lines_fen: number;
  }>;
  const steps = db.prepare<
    [number],
    {
      seq: number;
      kind: string;
      state: string;
      amount_fen: number;
      payment_tx_id: number | null;
      tx_id: number | null;
    }
  >(
    'SELECT seq, kind, state, amount_fen, payment_tx_id, tx_id FROM return_steps WHERE return_id = ?',
  );
  const tx = db.prepare<
    [number],
    { type: string; state: string; amount_fen: number; original_tx_id: number | null }
  >('SELECT type, state, amount_fen, original_tx_id FROM transactions WHERE id = ?');
  for (const r of rets) {
    const ss = steps.all(r.id);
    const stepsFen = ss.reduce((n, s) => n + s.amount_fen, 0);
    if (r.lines_fen !== r.total_fen || stepsFen !== r.total_fen)
      out.push(
        `return ${r.return_no}: total ${r.total_fen}, lines ${r.lines_fen}, steps ${stepsFen}`,
      );
    for (const s of ss) {
      const name = `return ${r.return_no} step ${s.seq} (${s.kind})`;
      const t = s.tx_id === null ? undefined : tx.get(s.tx_id);
      if (s.state === 'done') {
        if (!t || t.state !== 'approved' || t.amount_fen !== s.amount_fen)
          out.push(`${name} done; its transaction is ${t ? `${t.state} ${t.amount_fen}` : 'none'}`);
        else if (
          t.original_tx_id !== s.payment_tx_id ||
          t.type !== (s.kind === 'void' ? 'void' : 'refund')
        )
          out.push(
            `${name} done by a ${t.type} of #${t.original_tx_id}, not of #${s.payment_tx_id}`,
          );
      }
      if (s.state === 'planned' && t?.state === 'approved')
        out.push(`${name} planned, yet ${s.tx_id} gave the money back`);
    }
    if (r.state === 'done' && ss.some((s) => s.state !== 'done'))
      out.push(`return ${r.return_no} done with steps not done`);
    if (r.state === 'cancelled' && ss.some((s) => s.state !== 'planned'))
      out.push(`return ${r.return_no} cancelled with steps under way`);
  }
  return out;
}
