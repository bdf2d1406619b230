import { afterEach, describe, expect, it } from 'vitest';
import type { BackupView, RestorePreview } from '../../../preload/contract';
import { enterFloat, err, ok, cashierIn, signOff } from '../../support/core';
import {
  approvedSale,
  cardTill,
  hostLog,
  rows,
  supervisorReady,
  SUPERVISOR,
  type CardTill,
} from '../cards/harness';

/**
 * Issue 16 item 3: backup → card sale approved as voucher N → restore → the
 * next card sale must not be voucher N again (the host would hold two
 * approvals under one voucher). The restore shows what it drops, is refused
 * while approved transactions are not settled and uploaded, carries the audit
 * log over, and the numbers go on after the highest ever used.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

async function as(t: CardTill, operatorNo: string, password: string) {
  await signOff(t.core);
  await ok(t.core, 'auth:signIn', { operatorNo, password });
  // A cashier's shift takes payments once its float is in (issue 15).
  if (operatorNo !== '00' && operatorNo !== '99') await enterFloat(t.core);
}

describe('restore keeps numbers, audit and unsettled sales (issue 16)', () => {
  it('never reuses a voucher, batch or order number; refuses to drop unsettled approvals; carries the audit log', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    await approvedSale(core, 1_000);
    await ok(core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });

    await as(till, SUPERVISOR.operatorNo, SUPERVISOR.password);
    const backup = await ok<BackupView>(core, 'data:backup');

    // After the backup: a card sale approved by the host, and a cash sale with its order number.
    await as(till, '01', '1357');
    const card = (await approvedSale(core, 2_345)).transaction;
    const cash = (
      await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
        amountFen: 700,
        tenderedFen: 700,
      })
    ).transaction;
    const lastOrder = rows<{ seq: number }>(
      core,
      "SELECT value AS seq FROM counters WHERE name = 'order'",
    )[0]!.seq;
    const usedVouchers = rows<{ trace_no: string }>(core, 'SELECT trace_no FROM transactions').map(
      (r) => r.trace_no,
    );

    // The preview lists the approved card sale (masked) and refuses: it is not settled yet.
    await as(till, SUPERVISOR.operatorNo, SUPERVISOR.password);
    const refused = await ok<RestorePreview>(core, 'data:previewRestore', { file: backup.file });
    expect(refused).toMatchObject({ transactions: 2, unsettledApproved: 2, settlements: 0 });
    expect(refused.refusal).toBe('RESTORE_DROPS_UNSETTLED');
    expect(refused.approvedElectronic).toHaveLength(1);
    expect(refused.approvedElectronic[0]).toMatchObject({
      tender: 'card',
      amountFen: 2_345,
      traceNo: card.traceNo,
      settled: false,
    });
    expect(refused.approvedElectronic[0]!.panMasked).toMatch(/^\d{6}\*+\d{4}$/);
    expect(refused.auditEntries).toBeGreaterThan(0);
    const e = await err(core, 'data:restore', { file: backup.file, confirm: refused.confirm });
    expect(e).toMatchObject({ code: 'RESTORE_DROPS_UNSETTLED', params: { count: 2 } });
    expect(rows(core, 'SELECT id FROM transactions')).toHaveLength(4);

    // Settled (and uploaded to the host): now the drop is allowed, after a confirmation of it.
    await ok(core, 'settlement:run');
    await as(till, SUPERVISOR.operatorNo, SUPERVISOR.password);
    const preview = await ok<RestorePreview>(core, 'data:previewRestore', { file: backup.file });
    expect(preview).toMatchObject({ refusal: null, unsettledApproved: 0, settlements: 1 });
    expect(preview.approvedElectronic[0]).toMatchObject({ traceNo: card.traceNo, settled: true });
    const liveAudit = rows<{ action: string; at: number }>(
      core,
      'SELECT action, at FROM audit_log ORDER BY id',
    );
    await ok(core, 'data:restore', { file: backup.file, confirm: preview.confirm });

    // The audit log lost nothing: every entry from before the restore is still there, in order.
    const restoredAudit = rows<{ action: string; at: number }>(
      core,
      'SELECT action, at FROM audit_log ORDER BY id',
    );
    expect(restoredAudit.slice(0, liveAudit.length)).toEqual(liveAudit);
    expect(restoredAudit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['batch.settled', 'backup.carried', 'backup.restored']),
    );
    // The batch the terminal settled after the backup is not open again in the restored data;
    // it goes on in the batch the host knows as current.
    expect(rows(core, "SELECT batch_no FROM batches WHERE state <> 'settled'")).toEqual([
      { batch_no: '000002' },
    ]);

    // The next card sale: a new voucher in a new batch; the host never sees a voucher twice.
    await signOff(core);
    await cashierIn(core);
    const next = (await approvedSale(core, 999)).transaction;
    expect(usedVouchers).not.toContain(next.traceNo);
    expect(Number(next.traceNo)).toBeGreaterThan(Number(card.traceNo));
    expect(next.batchNo).toBe('000002');
    const host = await till.host();
    const sales = hostLog(host).filter((l) => l.startsWith('0200'));
    const traces = sales.map((l) => l.split(' ')[1]);
    expect(new Set(traces).size).toBe(traces.length);
    // Order numbers go on too.
    const after = (
      await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
        amountFen: 100,
        tenderedFen: 100,
      })
    ).transaction;
    expect(usedVouchers).not.toContain(after.traceNo);
    const order = rows<{ seq: number }>(
      core,
      "SELECT value AS seq FROM counters WHERE name = 'order'",
    )[0]!.seq;
    expect(order).toBeGreaterThan(lastOrder);
    expect(cash.traceNo).not.toBe(after.traceNo);
  });
});
