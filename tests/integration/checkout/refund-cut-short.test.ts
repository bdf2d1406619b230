import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionView } from '../../../preload/contract';
import { SUPERVISOR, approvedSale, cardTill, row, type CardTill } from '../cards/harness';
import { call } from './harness';
import { presentCard, settle, shop } from './returns-harness';

/**
 * A card 退货 the till stopped in the middle of (a power cut between the
 * request and its answer) is left 'pending'. It may have reached the host and
 * a refund is never reversed (PRODUCT.md §4): the next start makes it
 * uncertain, so the supervisor can settle it after asking the bank.
 */
const localDate = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

describe('a card refund cut short by a stop', () => {
  it('is uncertain after the restart and the supervisor can settle it', async () => {
    const t = (till = await shop());
    const sale = await approvedSale(t.core, 1500);
    await settle(t);
    const refunding = t.core.dispatch('refunds:card', {
      rrn: sale.transaction.card!.rrn,
      date: localDate(sale.transaction.createdAt),
      amountFen: 500,
      supervisor: SUPERVISOR,
    });
    await presentCard(t, 'approve');
    await refunding;
    const refundId = row<{ id: number }>(
      t.core,
      "SELECT id FROM transactions WHERE type = 'refund'",
    ).id;
    // As the stop left it: the request written, no answer recorded.
    t.core.internals.db
      .prepare("UPDATE transactions SET state = 'pending' WHERE id = ?")
      .run(refundId);
    await t.stop();

    till = await cardTill({ dir: t.dir, printer: t.printer });
    const state = () =>
      row<{ state: string }>(till!.core, 'SELECT state FROM transactions WHERE id = ?', refundId)
        .state;
    expect(state()).toBe('uncertain');
    const events = till.core.internals.repos.transactions.history(refundId);
    expect(events.at(-1)).toMatchObject({ from: 'pending', to: 'uncertain' });

    await call(till.core, 'auth:signIn', { operatorNo: '01', password: '1357' });
    const settled = await call<{ transaction: TransactionView }>(till.core, 'refunds:resolve', {
      txId: refundId,
      wentThrough: false,
      supervisor: SUPERVISOR,
    });
    expect(settled.transaction.state).toBe('declined');
    expect(state()).toBe('declined');
  });
});
