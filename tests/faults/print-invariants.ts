import type Database from 'better-sqlite3';
import type { JournalCall } from './driver';
import { answerOf } from './journal-invariants';
import type { PrintedJob } from './receipts';
import { paymentOf } from './workload';

const KEPT = new Set(['approved', 'voided', 'refunded']);

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
