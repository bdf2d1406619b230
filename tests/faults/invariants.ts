import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { LedgerEntry } from '../../main/host/training';
import type { TrainingOrder } from '../../main/qr';
import type { JournalCall } from './driver';
import { checkBaskets, checkJournal } from './journal-invariants';
import { checkOrders } from './order-invariants';
import { checkPrinting } from './print-invariants';
import type { PrintedJob } from './receipts';
import type { RequestLog, StoredBatch } from '../backoffice/server';

/** What the world outside the terminal holds, read by the parent after the terminal died. */
export interface World {
  terminal: string;
  ledger: LedgerEntry[];
  orders: TrainingOrder[];
  backOffice: StoredBatch[];
  backOfficeLog: RequestLog[];
  /** What the printer received, read back. */
  printed: PrintedJob[];
  printerFaultRounds: Set<number>;
  /** The parent's journal: every state-changing call, with its answer if one came back. */
  journal: JournalCall[];
  /** Settled batches at the back office: transaction ids by batch. */
  backOfficeIds: Map<string, Set<number>>;
  /** Batches whose upload the harness answered 409 on purpose (the product gives those up by design). */
  injected409: Set<string>;
}

interface Tx {
  id: number;
  type: string;
  tender: string;
  state: string;
  amount_fen: number;
  batch_no: string;
  trace_no: string;
  rrn: string | null;
  message_type_code: string | null;
  created_at: number;
  original_tx_id: number | null;
}

const KEPT = new Set(['approved', 'voided', 'refunded']);
const UNFINISHED = new Set(['pending', 'reversal_pending', 'uncertain', 'cancel_pending']);
/** 60.1 of the host ledger ↔ the client's transaction type. */
const TYPE_OF: Record<string, string> = { '22': 'sale', '23': 'void', '25': 'refund' };

/**
 * Checks the invariants of PRODUCT.md's promise against the terminal's
 * database (the process is dead or has exited) and the outside world.
 * `final`: the network has been up and the terminal drained, so nothing may
 * be left half-done. Returns one line per violation.
 */
export function checkInvariants(
  dir: string,
  w: World,
  final: boolean,
  /** Filled in when final: jobs the printer received again after a kill or a printer fault. */
  stats?: { resent: number },
): string[] {
  const out: string[] = [];
  const db = new Database(join(dir, 'pos.sqlite'));
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') out.push(`integrity_check: ${String(integrity)}`);
    const txs = db.prepare('SELECT * FROM transactions').all() as Tx[];
    const byKey = new Map<string, Tx[]>();
    for (const t of txs) {
      const k = `${t.batch_no}/${t.trace_no}`;
      byKey.set(k, [...(byKey.get(k) ?? []), t]);
    }
    const ledger = w.ledger.filter((e) => e.terminal === w.terminal);
    const hostByKey = new Map<string, LedgerEntry[]>();
    for (const e of ledger) {
      const k = `${e.batch}/${e.trace}`;
      hostByKey.set(k, [...(hostByKey.get(k) ?? []), e]);
    }

    // The host acted at most once on each batch/voucher number (no number reused after a crash).
    for (const [k, es] of hostByKey)
      if (es.length > 1)
        out.push(`host acted ${es.length} times on ${k}: ${es.map((e) => e.state).join(',')}`);

    // Host-approved ↔ client kept, exactly once.
    for (const [k, es] of hostByKey) {
      const e = es[es.length - 1]!;
      const mine = (byKey.get(k) ?? []).filter((t) => t.tender === 'card');
      if (mine.length > 1) out.push(`client holds ${k} ${mine.length} times`);
      const t = mine[0];
      if (e.state === 'approved') {
        if (t && !KEPT.has(t.state) && !(UNFINISHED.has(t.state) && !final))
          out.push(`host approved ${k} (${e.messageTypeCode}) but the client holds it ${t.state}`);
        if (!t && final)
          out.push(`host approved ${k} (${e.messageTypeCode}), the client has no such transaction`);
        if (t && TYPE_OF[e.messageTypeCode] && TYPE_OF[e.messageTypeCode] !== t.type)
          out.push(`host ${k} is a ${TYPE_OF[e.messageTypeCode]}, the client's is a ${t.type}`);
      } else if (t && KEPT.has(t.state)) {
        out.push(`client holds ${k} ${t.state} but the host has it ${e.state}`);
      }
    }
    for (const t of txs) {
      if (t.tender !== 'card') continue;
      const k = `${t.batch_no}/${t.trace_no}`;
      if (KEPT.has(t.state) && !hostByKey.has(k))
        out.push(`client holds card ${t.type} ${k} ${t.state}, the host never approved it`);
      if (final && UNFINISHED.has(t.state)) out.push(`card ${t.type} ${k} left ${t.state}`);
    }

    // QR: the gateway's money ↔ the client's record, once the terminal has drained.
    const qr = db
      .prepare(
        'SELECT q.order_no, q.original_order_no, t.state, t.type, t.amount_fen FROM qr_payments q JOIN transactions t ON t.id = q.tx_id',
      )
      .all() as Array<{
      order_no: string;
      original_order_no: string | null;
      state: string;
      type: string;
      amount_fen: number;
    }>;
    const qrByOrder = new Map(qr.filter((q) => q.type === 'sale').map((q) => [q.order_no, q]));
    for (const o of w.orders.filter((o) => o.terminal === w.terminal)) {
      const mine = qrByOrder.get(o.orderNo);
      const kept = mine && KEPT.has(mine.state);
      if (o.status === 'SUCCESS' && !kept && (final || (mine && !UNFINISHED.has(mine.state))))
        out.push(
          `gateway order ${o.orderNo} paid, the client holds it ${mine?.state ?? 'not at all'}`,
        );
      if (
        kept &&
        o.status !== 'SUCCESS' &&
        !(o.status === 'REFUNDED' && o.refundedFen > 0 && o.refunds.length > 0)
      )
        out.push(`client holds QR ${o.orderNo} ${mine.state}, the gateway has it ${o.status}`);
      if (kept) {
        const refunded = qr
          .filter(
            (q) =>
              q.original_order_no === o.orderNo && q.type === 'refund' && q.state === 'approved',
          )
          .reduce((s, q) => s + q.amount_fen, 0);
        if (final ? refunded !== o.refundedFen : refunded > o.refundedFen)
          out.push(`QR ${o.orderNo}: gateway refunded ${o.refundedFen}, the client ${refunded}`);
      }
    }
    if (final)
      for (const q of qr)
        if (UNFINISHED.has(q.state)) out.push(`QR ${q.type} ${q.order_no} left ${q.state}`);

    // Settlements: none twice, nothing added to a batch after it closed.
    const settled = db
      .prepare("SELECT s.batch_no, s.closed_at FROM settlements s WHERE s.step = 'closed'")
      .all() as Array<{ batch_no: string; closed_at: number }>;
    for (const s of settled) {
      const late = ledger.filter(
        (e) => e.batch === s.batch_no && Date.parse(e.at) > s.closed_at + 1000,
      );
      if (late.length)
        out.push(`host took ${late.length} requests in batch ${s.batch_no} after it settled`);
      const b = db.prepare('SELECT state FROM batches WHERE batch_no = ?').get(s.batch_no) as
        { state: string } | undefined;
      if (b?.state !== 'settled') out.push(`settlement of ${s.batch_no} closed, batch ${b?.state}`);
    }
    const open = (
      db.prepare("SELECT count(*) AS n FROM batches WHERE state = 'open'").get() as { n: number }
    ).n;
    if (open > 1) out.push(`${open} open batches`);

    // Back office: each transaction once, of the batch it was in; every settled batch there at the end.
    const seen = new Map<number, string>();
    const txById = new Map(txs.map((t) => [t.id, t]));
    for (const b of w.backOffice) {
      for (const p of b.parts)
        for (const id of p.ids) {
          if (seen.has(id))
            out.push(`back office holds transaction ${id} twice (${seen.get(id)}, ${b.batchNo})`);
          seen.set(id, b.batchNo);
          const t = txById.get(id);
          if (!t) out.push(`back office holds transaction ${id}, unknown to the terminal`);
          else if (t.batch_no !== b.batchNo)
            out.push(`back office holds ${id} in ${b.batchNo}, it is in ${t.batch_no}`);
        }
    }
    if (final) {
      for (const s of settled) {
        if (w.injected409.has(s.batch_no)) continue;
        const b = w.backOffice.find((x) => x.batchNo === s.batch_no && x.terminal === w.terminal);
        if (!b?.commit) {
          out.push(`settled batch ${s.batch_no} not committed at the back office`);
          continue;
        }
        const ids = new Set(b.parts.flatMap((p) => p.ids));
        const inBatch = txs.filter((t) => t.batch_no === s.batch_no);
        if (ids.size !== b.commit.count)
          out.push(`batch ${s.batch_no}: ${ids.size} held, commit says ${b.commit.count}`);
        if (ids.size !== inBatch.length)
          out.push(
            `batch ${s.batch_no}: back office holds ${ids.size}, the terminal ${inBatch.length}`,
          );
      }
      const outbox = db
        .prepare(
          "SELECT kind, dedupe_key, state, last_error FROM outbox WHERE state IN ('held', 'pending', 'dead')",
        )
        .all() as Array<{
        kind: string;
        dedupe_key: string;
        state: string;
        last_error: string | null;
      }>;
      for (const o of outbox) {
        const batch = /:(\d{6})$/.exec(o.dedupe_key)?.[1];
        if (o.state === 'dead' && batch && w.injected409.has(batch)) continue;
        out.push(`outbox ${o.kind} ${o.dedupe_key} left ${o.state} (${o.last_error ?? ''})`);
      }
    }

    // Every printed receipt belongs to a stored transaction.
    const stored = new Set(txs.map((t) => `${t.batch_no}/${t.trace_no}`));
    for (const j of w.printed)
      for (const v of j.vouchers)
        if (!stored.has(v))
          out.push(`printed job ${j.job} (${j.title}) shows voucher ${v}, not stored`);

    // What the cashier was told, the orders and their payments, and (drained) the paper.
    out.push(...checkJournal(db, w.journal), ...checkBaskets(db, w.journal));
    out.push(...checkOrders(db, w, final));
    if (final) {
      const paper = checkPrinting(db, {
        printed: w.printed,
        printerFaultRounds: w.printerFaultRounds,
        journal: w.journal,
        backOffice: w.backOfficeIds,
        injected409: w.injected409,
      });
      out.push(...paper.out);
      if (stats) stats.resent = paper.resent;
    }
  } finally {
    db.close();
  }
  return out;
}

/** Counts for the summary line. */
export function census(dir: string) {
  const db = new Database(join(dir, 'pos.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT tender, count(*) AS n FROM transactions GROUP BY tender')
      .all() as Array<{ tender: string; n: number }>;
    const by = Object.fromEntries(rows.map((r) => [r.tender, r.n]));
    const settled = (
      db.prepare("SELECT count(*) AS n FROM settlements WHERE step = 'closed'").get() as {
        n: number;
      }
    ).n;
    const orders = Object.fromEntries(
      (
        db.prepare('SELECT state, count(*) AS n FROM orders GROUP BY state').all() as Array<{
          state: string;
          n: number;
        }>
      ).map((r) => [r.state, r.n]),
    );
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    // Split orders (more than one payment kept), abandons and returns by line (issue 15).
    const issue15 = {
      split: n(`SELECT count(*) AS n FROM (SELECT order_id FROM transactions
        WHERE type = 'sale' AND order_id IS NOT NULL AND state IN ('approved', 'voided', 'refunded')
        GROUP BY order_id HAVING count(*) > 1)`),
      abandoned: n('SELECT count(*) AS n FROM order_undos'),
      abandonsFinished: n('SELECT count(*) AS n FROM order_undos WHERE finished_at IS NOT NULL'),
      returns: n('SELECT count(*) AS n FROM returns'),
      returnsDone: n("SELECT count(*) AS n FROM returns WHERE state = 'done'"),
    };
    return { total: rows.reduce((s, r) => s + r.n, 0), by, settled, orders, issue15 };
  } finally {
    db.close();
  }
}
