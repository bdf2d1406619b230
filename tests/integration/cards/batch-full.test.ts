import { afterEach, describe, expect, it } from 'vitest';
import type { CardOutcome, HostStatus, Result, SettlementResult } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { cashierIn, err, ok, signOff } from '../../support/core';
import {
  approvedSale,
  cardTill,
  hostLog,
  padShows,
  presentCard,
  row,
  rows,
  SUPERVISOR,
  supervisorReady,
  type CardTill,
} from './harness';

/**
 * Field 48 counts each side's debits and credits as n3 (HOST-PROTOCOL.md A):
 * a batch holding a 1000th card debit could never settle. The till refuses
 * that transaction before the card is read or anything is sent, warns on
 * standby from 900 on, and cards work again once the batch is settled.
 */
let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

/**
 * Copies the batch's first card sale `n` times as `type` rows of the open
 * batch (the history a busy day leaves), each with its own voucher number.
 */
function fill(core: PosCore, n: number, type: 'sale' | 'void', foreign = false, from = 500_000) {
  const skip = new Set(['id', 'trace_no', 'type', 'card_foreign', 'request_id', 'original_tx_id']);
  const cols = rows<{ name: string }>(core, 'PRAGMA table_info(transactions)')
    .map((c) => c.name)
    .filter((c) => !skip.has(c));
  const insert = core.internals.db.prepare(
    `INSERT INTO transactions (${cols.join(', ')}, trace_no, type, card_foreign)
     SELECT ${cols.join(', ')}, ?, ?, ? FROM transactions
     WHERE tender = 'card' AND type = 'sale' ORDER BY id LIMIT 1`,
  );
  core.internals.db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(String(from + i), type, foreign ? 1 : 0);
  })();
}

const status = (core: PosCore) => ok<HostStatus>(core, 'host:status');

/** A card sale the till refuses once the card is read: the PIN is never asked for. */
async function saleRefusedAtCard(core: PosCore, amountFen: number, cardId = 'approve') {
  const sale = core.dispatch('card:sale', { amountFen }) as Promise<Result<CardOutcome>>;
  await presentCard(core, cardId);
  const r = await sale;
  if (r.ok) throw new Error(`the sale went through: ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('a batch full for field 48 (999 per count)', () => {
  it('refuses the 1000th card sale before the card is read, sends nothing, still takes cash, and settles', async () => {
    till = await cardTill();
    const { core } = till;
    await approvedSale(core, 1_000);
    fill(core, 897, 'sale'); // 898 debits: not yet near
    expect((await status(core)).batchFill).toEqual({ used: 898, max: 999, nearlyFull: false });
    await approvedSale(core, 1_000); // the 899th
    fill(core, 99, 'sale', false, 600_000); // 998
    expect((await status(core)).batchFill).toEqual({ used: 998, max: 999, nearlyFull: true });

    await approvedSale(core, 2_500); // the 999th fits
    const host = await till.host();
    const sent = hostLog(host).length;

    // Refused once the card is read, before any PIN is asked for.
    const refused = await saleRefusedAtCard(core, 700);
    expect(refused).toMatchObject({ code: 'BATCH_FULL', params: { count: 999, max: 999 } });
    await padShows(core, 'idle');
    expect(hostLog(host)).toHaveLength(sent);
    expect(
      row(
        core,
        "SELECT count(*) AS n FROM transactions WHERE tender = 'card' AND amount_fen = 700",
      ),
    ).toEqual({ n: 0 });
    expect((await status(core)).batchFill).toEqual({ used: 999, max: 999, nearlyFull: true });

    // Cash still works in the full batch.
    await ok(core, 'sale:cash', { amountFen: 700, tenderedFen: 1_000 });

    // The supervisor settles: field 48 says 999, and the next batch takes cards again.
    await supervisorReady(till);
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
    const settled = await ok<SettlementResult>(core, 'settlement:run');
    expect(settled.totals.cardDomestic.debitCount).toBe(999);
    expect(settled.nextBatchNo).toBe('000002');
    await signOff(core);
    await cashierIn(core);
    expect((await status(core)).batchFill).toMatchObject({ used: 0, nearlyFull: false });
    const next = await approvedSale(core, 700);
    expect(next.transaction.batchNo).toBe('000002');
  });

  it('counts each side apart: a foreign card still pays when the domestic debits are full', async () => {
    till = await cardTill();
    const { core } = till;
    await approvedSale(core, 1_000);
    fill(core, 998, 'sale');
    expect(await saleRefusedAtCard(core, 800)).toMatchObject({ code: 'BATCH_FULL' });
    const foreign = await approvedSale(core, 800, 'foreign');
    expect(foreign.outcome).toBe('approved');
  });

  it('refuses the 1000th void before the card is asked for, with the sale left approved', async () => {
    till = await cardTill();
    const { core } = till;
    const sale = await approvedSale(core, 6_600);
    fill(core, 999, 'void');
    await supervisorReady(till);
    const host = await till.host();
    const sent = hostLog(host).length;
    const e = await err(core, 'voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: SUPERVISOR,
    });
    expect(e).toMatchObject({ code: 'BATCH_FULL', params: { count: 999, max: 999 } });
    expect(hostLog(host)).toHaveLength(sent);
    expect(row(core, `SELECT state FROM transactions WHERE id = ${sale.transaction.id}`)).toEqual({
      state: 'approved',
    });
  });
});
