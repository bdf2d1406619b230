import type Database from 'better-sqlite3';
import type { LedgerEntry } from '../../main/host/training';
import type { TrainingOrder } from '../../main/qr';
import type { JournalCall } from './driver';
import { answerOf } from './journal-invariants';
import type { PrintedJob } from './receipts';
import { paymentOf } from './workload';

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
 *   exactly what the terminal kept for it — never more than its total.
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

export interface PrintWorld {
  printed: PrintedJob[];
  /** Rounds in which the printer was told to drop connections (a job may then go twice). */
  printerFaultRounds: Set<number>;
  journal: JournalCall[];
  /** Settled batches and the transaction ids the back office holds for each. */
  backOffice: Map<string, Set<number>>;
  injected409: Set<string>;
}

/** The key of one document on paper: the same key twice is the same receipt printed twice. */
function documentKey(j: PrintedJob): string | null {
  if (j.title === 'order') return j.orderNo ? `order ${j.orderNo}` : null;
  if (j.title === 'card' || j.title === 'qr' || j.title === 'fault')
    return j.vouchers[0] ? `${j.title} ${j.copy ?? ''} ${j.vouchers[0]}` : null;
  return null;
}

/**
 * Paper (issue 16 item 11 b, c), once drained: each receipt comes out once —
 * the same job again only after a kill or a printer cut it off (the queue
 * prints at least once, never zero times), never two different receipts for
 * one order or voucher (reprints aside); a voucher on no two order receipts;
 * every cash payment the cashier was told about is on the customer's receipt
 * and, once its batch settled, at the back office. Returns the violations and
 * how many jobs went again after a kill or a printer fault.
 */
export function checkPrinting(
  db: Database.Database,
  w: PrintWorld,
): { out: string[]; resent: number } {
  const out: string[] = [];
  let resent = 0;
  const whole = w.printed.filter((j) => j.complete && !j.duplicate);
  const byKey = new Map<string, PrintedJob[]>();
  for (const j of whole) {
    const k = documentKey(j);
    if (k) byKey.set(k, [...(byKey.get(k) ?? []), j]);
  }
  for (const [k, jobs] of byKey) {
    const digests = new Set(jobs.map((j) => j.digest));
    if (digests.size > 1)
      out.push(
        `${k}: ${digests.size} different receipts printed (jobs ${jobs.map((j) => j.job).join(',')})`,
      );
    for (let i = 1; i < jobs.length; i++) {
      const again = jobs[i]!;
      const before = jobs[i - 1]!;
      if (again.round !== before.round || w.printerFaultRounds.has(again.round)) resent += 1;
      else
        out.push(
          `${k} printed twice in round ${again.round} with no kill or printer fault between`,
        );
    }
  }
  const onOrder = new Map<string, string>();
  for (const j of whole)
    if (j.title === 'order' && j.orderNo)
      for (const v of j.vouchers) {
        const other = onOrder.get(v);
        if (other && other !== j.orderNo)
          out.push(`voucher ${v} on the receipts of orders ${other} and ${j.orderNo}`);
        onOrder.set(v, j.orderNo);
      }
  // Every paid order's receipt came out (keypad amounts paid by card only have the card slip).
  const printedOrders = new Set(whole.flatMap((j) => (j.title === 'order' ? [j.orderNo] : [])));
  const paid = db
    .prepare(
      `SELECT o.order_no FROM orders o WHERE o.state = 'paid' AND (
         EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND (l.kind != 'open' OR l.code IS NOT NULL))
         OR EXISTS (SELECT 1 FROM transactions t WHERE t.order_id = o.id AND t.type = 'sale'
           AND t.state IN ('approved', 'voided', 'refunded') AND t.tender != 'card'))`,
    )
    .all() as Array<{ order_no: string }>;
  for (const o of paid)
    if (!printedOrders.has(o.order_no))
      out.push(`order ${o.order_no} paid, its receipt never printed`);
  const cashOnPaper = new Set(whole.flatMap((j) => j.cashVouchers));
  const stored = db.prepare<[string, string], { id: number; state: string; tender: string }>(
    'SELECT id, state, tender FROM transactions WHERE batch_no = ? AND trace_no = ?',
  );
  for (const v of cashOnPaper) {
    const [b, t] = v.split('/') as [string, string];
    const s = stored.get(b, t);
    if (s?.tender !== 'cash' || !KEPT.has(s.state))
      out.push(
        `a receipt shows cash payment ${v}; the terminal holds ${s ? `${s.tender} ${s.state}` : 'nothing'}`,
      );
  }
  for (const c of w.journal) {
    if (c.channel !== 'order:payCash' && c.channel !== 'sale:cash') continue;
    const a = answerOf(c);
    const tx = a?.ok ? paymentOf(a.value) : null;
    if (!tx || tx.state !== 'approved') continue;
    const v = `${tx.batchNo}/${tx.traceNo}`;
    if (!cashOnPaper.has(v))
      out.push(`cash payment ${v} (${c.channel} #${c.seq}) answered, never on a receipt`);
    const bo = w.backOffice.get(tx.batchNo);
    if (bo && !w.injected409.has(tx.batchNo) && !bo.has(tx.id))
      out.push(`cash payment ${v} answered, batch settled, not at the back office`);
  }
  return { out, resent };
}
