/**
 * The same sale voided four times at once from two sockets (a double click, a
 * second window). Before the fix every card void reached the host: one was
 * approved and the training host declined the rest (12), but the till had
 * sent them all and recorded them — a host that took a second void would
 * have given the money back twice. Now the void is checked again where it
 * is armed: exactly one goes to the host; the others are refused
 * VOID_NOT_ALLOWED ('voiding' while it runs, 'voided' after) and nothing of
 * theirs is written. A cash sale's voids were already exact; both are kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../preload/contract';
import { cashierIn, ok, signOff } from '../../support/core';
import { approvedSale } from '../cards/harness';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

const SUPERVISOR = { operatorNo: '00', password: '246810' };

async function tillWithSupervisor() {
  const t = await webTill();
  await signOff(t.core);
  await ok(t.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  await ok(t.core, 'auth:signOff');
  await cashierIn(t.core);
  return t;
}

async function voidFourTimes(t: WebTill, traceNo: string): Promise<Array<Result<unknown>>> {
  const [a, b] = [await t.client(), await t.client()];
  return Promise.all(
    [a, b, a, b].map((c) => c.call('voids:run', { traceNo, supervisor: SUPERVISOR })),
  );
}

function expectOneWinner(answers: Array<Result<unknown>>) {
  expect(answers.filter((r) => r.ok)).toHaveLength(1);
  expect(answers.find((r) => r.ok)).toMatchObject({ value: { outcome: 'approved' } });
  for (const r of answers.filter((x) => !x.ok))
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VOID_NOT_ALLOWED',
        params: { reason: expect.stringMatching(/^void(ing|ed)$/) },
      },
    });
}

const voids = (t: WebTill) =>
  t.core.internals.db
    .prepare("SELECT tender, state, amount_fen FROM transactions WHERE type = 'void'")
    .all();

describe('web shell: one sale voided four times at once', () => {
  it('a card sale: one void goes to the host, the others are refused and write nothing', async () => {
    till = await tillWithSupervisor();
    const sale = await approvedSale(till.core, 500);
    expectOneWinner(await voidFourTimes(till, sale.transaction.traceNo));
    expect(voids(till)).toEqual([{ tender: 'card', state: 'approved', amount_fen: 500 }]);
    expect(till.core.internals.repos.transactions.get(sale.transaction.id)?.state).toBe('voided');
    expect(
      till.core.internals.db
        .prepare(
          "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'reversal' AND state <> 'cancelled'",
        )
        .get(),
    ).toEqual({ n: 0 });
  });

  it('a cash sale: one void, the drawer figures count it once', async () => {
    till = await tillWithSupervisor();
    const c = await till.client();
    const sale = (await c.call('sale:cash', { amountFen: 700, tenderedFen: 1000 })) as {
      ok: true;
      value: { transaction: { traceNo: string } };
    };
    expect(sale.ok).toBe(true);
    expectOneWinner(await voidFourTimes(till, sale.value.transaction.traceNo));
    expect(voids(till)).toEqual([{ tender: 'cash', state: 'approved', amount_fen: 700 }]);
  });
});
