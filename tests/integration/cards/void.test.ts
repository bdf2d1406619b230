import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettlementResult, VoidOutcome } from '../../../preload/contract';
import { err, ok, signOff } from '../../support/core';
import {
  approvedSale,
  cardTill,
  hostLog,
  row,
  type CardTill,
  SUPERVISOR,
  supervisorReady,
} from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const voidIt = (t: CardTill, traceNo: string, supervisor = SUPERVISOR) =>
  t.core.dispatch('voids:run', { traceNo, supervisor });

describe('void (消费撤销)', () => {
  it('voids a card sale of the open batch: host approves, the sale is voided, two slips note the voucher', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const sale = await approvedSale(core, 6_600);
    const r = await ok<VoidOutcome>(core, 'voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    expect(r).toMatchObject({
      outcome: 'approved',
      transaction: { type: 'void', tender: 'card', state: 'approved', amountFen: 6_600 },
    });
    expect(row(core, `SELECT state FROM transactions WHERE id = ${sale.transaction.id}`)).toEqual({
      state: 'voided',
    });
    const host = await till.host();
    expect(host.ledger().map((e) => `${e.messageTypeCode} ${e.state}`)).toEqual([
      '22 approved',
      '23 approved',
    ]);
    const jobs = await till.printer.waitForJobs(4);
    const slip = iconv.decode(jobs[2]!, 'gb18030');
    expect(slip).toContain('消费撤销 VOID');
    expect(slip).toContain(`原凭证号 ORIG VOUCHER ${sale.transaction.traceNo}`);
    // A reprint of the void slip says 重打印 and still names the voided voucher.
    await ok(core, 'print:reprint', { txId: r.transaction.id });
    const again = iconv.decode((await till.printer.waitForJobs(6)).at(-1)!, 'gb18030');
    expect(again).toContain('重打印 DUPLICATE');
    expect(again).toContain(`原凭证号 ORIG VOUCHER ${sale.transaction.traceNo}`);
    const audit = core.internals.db
      .prepare("SELECT operator_no, detail FROM audit_log WHERE action = 'supervisor.approved'")
      .get() as { operator_no: string; detail: string };
    expect(audit.operator_no).toBe('00');
    expect(JSON.parse(audit.detail)).toMatchObject({
      action: 'void',
      traceNo: sale.transaction.traceNo,
    });

    // Settlement counts the sale as a debit and the void as a credit: balanced with the host.
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    const s = await ok<SettlementResult>(core, 'settlement:run');
    expect(s.verdict).toBe('balanced');
    expect(s.totals.cardDomestic).toMatchObject({
      debitCount: 1,
      creditCount: 1,
      creditFen: 6_600,
    });
  });

  it('voids a cash sale: the money goes back, the receipt says so', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const cash = await ok<{ transaction: { traceNo: string; id: number } }>(core, 'sale:cash', {
      amountFen: 1_250,
      tenderedFen: 2_000,
    });
    const r = await ok<VoidOutcome>(core, 'voids:run', {
      traceNo: cash.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    expect(r).toMatchObject({ outcome: 'approved', transaction: { type: 'void', tender: 'cash' } });
    const jobs = await till.printer.waitForJobs(2);
    const text = iconv.decode(jobs[1]!, 'gb18030');
    expect(text).toContain('消费撤销 VOID');
    expect(text).toContain('12.50');
    expect(text).not.toContain('找零 CHANGE');
    expect(hostLog(await till.host()).filter((l) => l.startsWith('02'))).toEqual([]);
  });

  it('refuses an unknown voucher, a second void, a wrong supervisor password and a malformed voucher', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    expect((await err(core, 'voids:run', { traceNo: '000999', supervisor: SUPERVISOR })).code).toBe(
      'VOID_NOT_FOUND',
    );
    const sale = await approvedSale(core, 1_000);
    const wrong = await voidIt(till, sale.transaction.traceNo, {
      operatorNo: '00',
      password: '000000',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(row(core, `SELECT state FROM transactions WHERE id = ${sale.transaction.id}`)).toEqual({
      state: 'approved',
    });
    await ok(core, 'voids:run', { traceNo: sale.transaction.traceNo, supervisor: SUPERVISOR });
    expect(
      await err(core, 'voids:run', { traceNo: sale.transaction.traceNo, supervisor: SUPERVISOR }),
    ).toEqual({
      code: 'VOID_NOT_ALLOWED',
      params: { reason: 'voided' },
    });
    expect((await err(core, 'voids:run', { traceNo: '12', supervisor: SUPERVISOR })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('a void the host never answers is reversed, and the sale stands', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const sale = await approvedSale(core, 3_300);
    const host = await till.host();
    host.faults.silentNext(1);
    const r = await ok<VoidOutcome>(core, 'voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    expect(r).toMatchObject({ outcome: 'reversal', reason: '98', delivered: true });
    expect(row(core, `SELECT state FROM transactions WHERE id = ${sale.transaction.id}`)).toEqual({
      state: 'approved',
    });
    expect(hostLog(host).slice(-2)).toEqual([
      expect.stringMatching(/^0200 \d{6} → —$/),
      expect.stringMatching(/^0400 \d{6} → (00|25)$/),
    ]);
  });

  it('after settlement the sale is no longer in the batch: use a refund', async () => {
    till = await cardTill();
    const { core } = till;
    await supervisorReady(till);
    const sale = await approvedSale(core, 2_000);
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    await ok(core, 'settlement:run');
    expect(
      await err(core, 'voids:run', { traceNo: sale.transaction.traceNo, supervisor: SUPERVISOR }),
    ).toMatchObject({
      code: 'VOID_NOT_FOUND',
    });
  });
});
