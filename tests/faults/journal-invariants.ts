import type Database from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import type { OrderView, Result } from '../../preload/contract';
import type { JournalCall } from './driver';
import { orderOf, paymentOf } from './workload';

/**
 * What the terminal acknowledged, against what it holds after every kill
 * (issue 16 item 11 a): the parent's journal is the renderer's memory — each
 * state-changing call with its request id and the answer, if one came back.
 *
 * - An answered call exists exactly once: its outcome is recorded 'done' with
 *   the very answer sent, the transaction it names is there under its request
 *   id in the state it was answered with (approved stays kept), and no call
 *   made two sales.
 * - A call whose answer was lost is asked about after the restart, as the
 *   renderer does: 'unknown' means it changed nothing (no outcome row, no
 *   transaction carries its id); 'interrupted' names exactly the vouchers its
 *   transactions carry; 'done' is an answer like any other.
 * - Baskets: every order's lines and total are what the last answer about it
 *   said, unless a later call on it was cut short (then it may be either).
 */
const KEPT = new Set(['approved', 'voided', 'refunded']);

interface TxRow {
  id: number;
  type: string;
  tender: string;
  state: string;
  amount_fen: number;
  batch_no: string;
  trace_no: string;
  request_id: string | null;
  order_id: number | null;
}

/** The answer the call got: the reply itself or the one `app:outcome` recorded. */
export function answerOf(c: JournalCall): Result<unknown> | null {
  if (c.reply) return c.reply;
  if (c.outcome?.state === 'done') return c.outcome.result;
  return null;
}

export function checkJournal(db: Database.Database, journal: JournalCall[]): string[] {
  const out: string[] = [];
  const outcomeRow = db.prepare<[string], { state: string; result: string | null }>(
    'SELECT state, result FROM request_outcomes WHERE request_id = ?',
  );
  const txOfRequest = db.prepare<[string], TxRow>(
    'SELECT * FROM transactions WHERE request_id = ? ORDER BY id',
  );
  const txById = db.prepare<[number], TxRow>('SELECT * FROM transactions WHERE id = ?');
  for (const c of journal) {
    const name = `${c.channel} #${c.seq} (round ${c.round})`;
    const mine = txOfRequest.all(c.rid);
    const sales = mine.filter((t) => t.type === 'sale');
    if (sales.length > 1)
      out.push(`${name} made ${sales.length} sales: ${sales.map((t) => t.trace_no).join(',')}`);
    const answer = answerOf(c);
    if (answer) {
      const row = outcomeRow.get(c.rid);
      if (row?.state !== 'done')
        out.push(`${name} was answered; after restart its outcome is ${row?.state ?? 'missing'}`);
      else if (!isDeepStrictEqual(JSON.parse(row.result ?? 'null'), answer))
        out.push(`${name}: the recorded outcome differs from the answer the cashier got`);
      if (!answer.ok) {
        if (mine.length)
          out.push(
            `${name} was refused (${answer.error.code}) yet made ${mine.length} transactions`,
          );
        continue;
      }
      const tx = paymentOf(answer.value);
      if (!tx) continue;
      const t = txById.get(tx.id);
      if (!t) {
        out.push(
          `${name} answered ${tx.tender} ${tx.type} ${tx.batchNo}/${tx.traceNo}: not stored`,
        );
        continue;
      }
      if (t.request_id !== c.rid)
        out.push(`${name}: ${tx.batchNo}/${tx.traceNo} carries request ${t.request_id ?? 'none'}`);
      if (
        t.batch_no !== tx.batchNo ||
        t.trace_no !== tx.traceNo ||
        t.amount_fen !== tx.amountFen ||
        t.tender !== tx.tender
      )
        out.push(
          `${name}: stored ${t.tender} ${t.batch_no}/${t.trace_no} ${t.amount_fen} ≠ answered`,
        );
      if (tx.state === 'approved' && !KEPT.has(t.state))
        out.push(`${name} answered approved; ${t.batch_no}/${t.trace_no} is now ${t.state}`);
      if (tx.state === 'declined' && t.state !== 'declined')
        out.push(`${name} answered declined; ${t.batch_no}/${t.trace_no} is now ${t.state}`);
      if (tx.orderId !== null && t.order_id !== tx.orderId)
        out.push(
          `${name}: payment ${t.trace_no} belongs to order ${t.order_id}, answered ${tx.orderId}`,
        );
      continue;
    }
    if (c.outcome?.state === 'unknown') {
      if (outcomeRow.get(c.rid))
        out.push(`${name}: app:outcome said unknown, yet its outcome is recorded`);
      if (mine.length)
        out.push(`${name}: app:outcome said unknown, yet ${mine.length} transactions carry its id`);
    } else if (c.outcome?.state === 'interrupted') {
      const vouchers = mine.map((t) => `${t.batch_no}/${t.trace_no}`);
      if (!isDeepStrictEqual(vouchers, c.outcome.vouchers))
        out.push(
          `${name}: interrupted, named [${c.outcome.vouchers.join(' ')}], holds [${vouchers.join(' ')}]`,
        );
    }
  }
  return out;
}

interface Expected {
  view: OrderView;
  /** A later call on the order was cut short (or its fate is not asked yet): lines may differ. */
  uncertain: boolean;
  state: string;
  by: string;
}

/** Each order's last answered view, walking the journal in order. */
function expectedOrders(journal: JournalCall[]): Map<number, Expected> {
  const orders = new Map<number, Expected>();
  for (const c of journal) {
    const answer = answerOf(c);
    const by = `${c.channel} #${c.seq}`;
    if (!answer) {
      // Cut short with an effect (or not asked yet): the order it touched may have moved.
      if (c.outcome?.state !== 'unknown' && c.orderId !== null) {
        const e = orders.get(c.orderId);
        if (e) e.uncertain = true;
      }
      if (c.outcome?.state !== 'unknown' && c.orderId === null && c.channel === 'order:hold')
        for (const e of orders.values()) if (e.state === 'open') e.uncertain = true;
      continue;
    }
    if (!answer.ok) continue;
    const view = orderOf(c.channel, answer.value);
    if (view?.id) orders.set(view.id, { view, uncertain: false, state: view.state, by });
    const v = answer.value as { held?: { id: number } | null };
    if ((c.channel === 'order:hold' || c.channel === 'order:recall') && v.held) {
      const e = orders.get(v.held.id);
      if (e) e.state = 'held';
    }
  }
  return orders;
}

/** Baskets survive kills: every order is as its last answer said (issue 14). */
export function checkBaskets(db: Database.Database, journal: JournalCall[]): string[] {
  const out: string[] = [];
  const orderRow = db.prepare<[number], { order_no: string; state: string; total_fen: number }>(
    'SELECT order_no, state, total_fen FROM orders WHERE id = ?',
  );
  const linesOf = db.prepare<[number], { id: number; quantity: number; net_fen: number }>(
    'SELECT id, quantity, net_fen FROM order_lines WHERE order_id = ? ORDER BY id',
  );
  for (const [id, e] of expectedOrders(journal)) {
    const o = orderRow.get(id);
    if (!o) {
      out.push(`order ${e.view.number} (answered by ${e.by}) is gone`);
      continue;
    }
    if (e.uncertain) continue;
    const want = e.view.lines.map((l) => ({ id: l.id, quantity: l.quantity, net_fen: l.netFen }));
    const have = linesOf.all(id);
    if (!isDeepStrictEqual(want, have) || o.total_fen !== e.view.totals.totalFen)
      out.push(
        `order ${o.order_no}: ${have.length} lines, total ${o.total_fen}; ${e.by} answered ${want.length} lines, total ${e.view.totals.totalFen}`,
      );
    if ((e.state === 'paid' || e.state === 'held') && o.state !== e.state)
      out.push(`order ${o.order_no}: ${e.by} left it ${e.state}, it is ${o.state}`);
  }
  return out;
}
