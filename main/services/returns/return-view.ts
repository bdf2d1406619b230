import type { PrintJob, ReturnView } from '../../../preload/contract';
import type { Repositories } from '../../db';
import { fail } from '../../domain/errors';
import { buildReturnSlip, type ReturnSlip } from '../../domain/return-slip';
import type { SettingsStore } from '../../settings/store';
import type { PrintService } from '../printing/print-service';
import { receiptTerminal } from '../printing/receipts';
import { plannedKind } from './return-steps';

export function toReturnView(repos: Repositories, returnId: number): ReturnView {
  const r = repos.returns.get(returnId);
  if (!r) return fail('RETURN_NOT_FOUND', { returnId });
  return {
    id: r.id,
    returnNo: r.returnNo,
    orderId: r.orderId,
    orderNo: r.orderId === null ? null : (repos.orders.get(r.orderId)?.orderNo ?? null),
    state: r.state,
    totalFen: r.totalFen,
    reason: r.reason,
    supervisorNo: r.supervisorNo,
    createdAt: new Date(r.createdAt).toISOString(),
    lines: r.lines.map(({ orderLineId, name, quantity, amountFen }) => ({
      orderLineId,
      name,
      quantity,
      amountFen,
    })),
    refunds: r.steps.map(({ seq, tender, kind, amountFen, state, txId, note, paymentTxId }) => {
      const tx = state === 'started' && txId !== null ? repos.transactions.get(txId) : null;
      return {
        seq,
        tender,
        // What 继续退款 will do: a void whose batch settled meanwhile shows as the 退货 it becomes.
        kind: plannedKind(repos, { kind, state, paymentTxId }),
        amountFen,
        state,
        txId,
        note,
        // A card refund is never reversed: only the supervisor, after asking the bank, settles it.
        resolvable: tx?.type === 'refund' && tx.tender === 'card' && tx.state === 'uncertain',
      };
    }),
  };
}

/** The return slip's facts, read back from what was stored (so a reprint prints the same). */
export function returnSlipOf(repos: Repositories, returnId: number): ReturnSlip {
  const r = repos.returns.get(returnId);
  if (!r) return fail('RETURN_NOT_FOUND', { returnId });
  return {
    returnNo: r.returnNo,
    orderNo: r.orderId === null ? null : (repos.orders.get(r.orderId)?.orderNo ?? null),
    reason: r.reason,
    operatorNo: r.operatorNo,
    supervisorNo: r.supervisorNo,
    training: r.training,
    at: r.doneAt ?? r.updatedAt,
    lines: r.lines,
    totalFen: r.totalFen,
    refunds: r.steps.map((s) => {
      const tx = s.txId === null ? null : repos.transactions.get(s.txId);
      return {
        tender: s.tender,
        kind: s.kind,
        amountFen: s.amountFen,
        done: s.state === 'done',
        panMasked: tx?.card?.panMasked ?? null,
        voucher: tx ? `${tx.batchNo}/${tx.traceNo}` : null,
      };
    }),
  };
}

/** Queues the return slip (the drawer opens when cash went out) and starts printing. */
export function printReturnSlip(
  deps: { repos: Repositories; settings: SettingsStore; print: PrintService },
  returnId: number,
): PrintJob[] {
  const { repos, settings, print } = deps;
  const doc = buildReturnSlip(receiptTerminal(settings), returnSlipOf(repos, returnId));
  const orderId = repos.returns.get(returnId)?.orderId ?? null;
  const id = repos.inTransaction(() =>
    print.enqueue(doc, { txId: null, orderId, kind: 'receipt', copy: 'customer' }),
  );
  print.kick();
  return print.view([id]);
}
