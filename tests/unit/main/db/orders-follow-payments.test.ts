import fc from 'fast-check';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransactionState } from '../../../../preload/contract';
import { createRepositories, openDatabase, type Db, type Repositories } from '../../../../main/db';
import { stateFromPayments } from '../../../../main/domain/order/states';
import { tempDir } from '../../../support/core';

/*
 * The order's state is moved by a trigger in the same SQLite transaction as
 * its payment (migration orders). This holds the SQL and the domain rule
 * (stateFromPayments) together over random payment histories, on a real
 * database.
 */

const NOW = Date.UTC(2026, 11, 4, 7, 0, 0);
let tmp: ReturnType<typeof tempDir>;
let db: Db;
let repos: Repositories;

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'pos.sqlite'));
  repos = createRepositories(db);
  db.prepare(
    `INSERT INTO operators (operator_no, role, name, password_hash, must_change_password, created_at)
     VALUES ('01', 'cashier', 'c', 'x', 0, 0)`,
  ).run();
});
afterEach(() => {
  db.close();
  tmp.remove();
});

function newOrder(totalFen: number): number {
  return repos.inTransaction(() => {
    const seq = repos.orders.nextSequence();
    const id = repos.orders.create({
      orderNo: `20261204${String(seq).padStart(6, '0')}`,
      operatorNo: '01',
      training: true,
      rounding: 'none',
      now: NOW,
    });
    const lineId = repos.orders.insertLine(id, {
      kind: 'open',
      productId: null,
      code: null,
      name: '数额',
      spec: '',
      unit: '',
      categoryId: null,
      categoryName: null,
      quantity: 1,
      weightG: null,
      unitPriceFen: totalFen,
      listPriceFen: totalFen,
      priceOverrideBy: null,
      fixedAmountFen: null,
      discount: null,
      discountApprovedBy: null,
      addedAt: NOW,
    });
    repos.orders.savePricing(
      id,
      [
        {
          id: lineId,
          grossFen: totalFen,
          lineDiscountFen: 0,
          orderDiscountFen: 0,
          netFen: totalFen,
        },
      ],
      {
        grossFen: totalFen,
        lineDiscountFen: 0,
        orderDiscountFen: 0,
        roundingFen: 0,
        totalFen,
        itemCount: 1,
      },
      'none',
      NOW,
    );
    return id;
  });
}

function cardPayment(orderId: number, amountFen: number): number {
  return repos.inTransaction(() => {
    const batchNo = repos.counters.batchForTransaction(NOW);
    return repos.transactions.insertCardPending({
      type: 'sale',
      amountFen,
      operatorNo: '01',
      batchNo,
      traceNo: repos.counters.nextTrace(),
      training: true,
      createdAt: NOW,
      panMasked: '622848******1234',
      cardSealed: Buffer.from('sealed'),
      cardForeign: false,
      entryMode: '051',
      processingCode: '000000',
      messageTypeCode: '22',
      orderId,
    });
  });
}

const state = (orderId: number) => repos.orders.get(orderId)?.state;

describe('an order follows its payments in the same SQLite transaction', () => {
  it('open → paying while the card is at the host → paid on approval, with paid_at', () => {
    const order = newOrder(1000);
    expect(state(order)).toBe('open');
    const tx = cardPayment(order, 1000);
    expect(state(order)).toBe('paying');
    repos.transactions.recordAnswer(
      tx,
      {
        responseCode: '00',
        authCode: '123456',
        rrn: '000000000001',
        hostDate: null,
        hostTime: null,
        issuer: null,
      },
      NOW + 5,
    );
    const paid = repos.orders.get(order);
    expect(paid?.state).toBe('paid');
    expect(paid?.paidAt).toBe(NOW + 5);
    expect(repos.orders.paymentIds(order)).toEqual([tx]);
  });

  it('the payment sets state and paid_at in one step; any other path to paid still gets paid_at', () => {
    // A paid order with a NULL paid_at, even for a moment, sits where the
    // partial indexes' NULLs sort and is then moved: one more page per sale (issue 17).
    db.exec(`CREATE TEMP TABLE paid_without_time (order_id INTEGER);
      CREATE TEMP TRIGGER paid_without_time AFTER UPDATE ON main.orders
      WHEN NEW.state = 'paid' AND NEW.paid_at IS NULL
      BEGIN INSERT INTO paid_without_time VALUES (NEW.id); END;`);
    const order = newOrder(1000);
    const tx = cardPayment(order, 1000);
    repos.transactions.recordAnswer(
      tx,
      { responseCode: '00', authCode: '1', rrn: '2', hostDate: null, hostTime: null, issuer: null },
      NOW + 7,
    );
    expect(repos.orders.get(order)?.paidAt).toBe(NOW + 7);
    expect(db.prepare('SELECT count(*) FROM paid_without_time').pluck().get()).toBe(0);

    db.exec("UPDATE orders SET state = 'cancelled' WHERE at_counter = 1");
    const other = newOrder(500);
    db.prepare("UPDATE orders SET state = 'paid', updated_at = ? WHERE id = ?").run(NOW + 9, other);
    expect(repos.orders.get(other)?.paidAt).toBe(NOW + 9);
  });

  it('goes back to open when the payment is declined or reversed (the basket is kept)', () => {
    const order = newOrder(1000);
    const declined = cardPayment(order, 1000);
    repos.transactions.recordAnswer(
      declined,
      {
        responseCode: '51',
        authCode: null,
        rrn: null,
        hostDate: null,
        hostTime: null,
        issuer: null,
      },
      NOW,
    );
    expect(state(order)).toBe('open');
    const lost = cardPayment(order, 1000);
    repos.transactions.recordReversalPending(lost, '98', NOW);
    expect(state(order)).toBe('open');
    expect(repos.orders.get(order)?.lines).toHaveLength(1);
  });

  it('a paid order stays paid when its payment is later voided (returns are recorded, not reopened)', () => {
    const order = newOrder(1000);
    const tx = cardPayment(order, 1000);
    repos.transactions.recordAnswer(
      tx,
      { responseCode: '00', authCode: '1', rrn: '2', hostDate: null, hostTime: null, issuer: null },
      NOW,
    );
    repos.transactions.transition(tx, 'approved', 'voided', NOW + 1, '00', 'void');
    expect(state(order)).toBe('paid');
  });

  it('only one order is at the counter at a time', () => {
    newOrder(100);
    expect(() => newOrder(200)).toThrow(/UNIQUE/);
  });

  it('matches stateFromPayments over random payment histories', () => {
    const STATES: TransactionState[] = [
      'pending',
      'approved',
      'declined',
      'reversal_pending',
      'reversed',
      'uncertain',
      'cancelled',
      'cancel_pending',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(
          fc.record({
            amount: fc.integer({ min: 1, max: 10_000 }),
            to: fc.constantFrom(...STATES),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (total, payments) => {
          db.exec("UPDATE orders SET state = 'cancelled' WHERE at_counter = 1");
          const order = newOrder(total);
          const seen: Array<{ amount: number; state: TransactionState }> = [];
          for (const p of payments) {
            if (state(order) === 'paid') break;
            const tx = cardPayment(order, p.amount);
            seen.push({ amount: p.amount, state: 'pending' });
            db.prepare('UPDATE transactions SET state = ? WHERE id = ?').run(p.to, tx);
            seen[seen.length - 1]!.state = p.to;
            const approved = seen
              .filter((s) => s.state === 'approved')
              .reduce((sum, s) => sum + s.amount, 0);
            const undecided = seen.some((s) => s.state === 'pending' || s.state === 'uncertain');
            expect(state(order)).toBe(stateFromPayments(total, approved, undecided));
            const o = repos.orders.get(order);
            expect(o?.paidAt ?? null).toBe(o?.state === 'paid' ? o.updatedAt : null);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
