/**
 * 挂单 / 取单 / 清单 and a cash payment fired at one order from two sockets at
 * once. Each is one SQLite transaction with its checks inside, so exactly one
 * of each kind wins and the others are refused with a code naming why; the
 * order ends in one state and the audit log has one entry per move. (Found
 * sound; this guards it.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../preload/contract';
import { webTill, type WebTill } from './ws-harness';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

const codes = (answers: Array<Result<unknown>>) =>
  answers.filter((r) => !r.ok).map((r) => (r as { error: { code: string } }).error.code);
const audit = (t: WebTill, action: string) =>
  (
    t.core.internals.db
      .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ?')
      .get(action) as { n: number }
  ).n;

describe('web shell: parking one order from two sockets at once', () => {
  it('hold ×6, recall ×6, then pay and cancel together: one of each wins', async () => {
    till = await webTill();
    const [a, b] = [await till.client(), await till.client()];
    const order = (await a.call('order:addOpenLine', { amountFen: 500 })) as {
      value: { id: number };
    };
    const orderId = order.value.id;
    const both = (channel: string, input: unknown) =>
      Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).call(channel, input)));

    const holds = await both('order:hold', {});
    expect(holds.filter((r) => r.ok)).toHaveLength(1);
    expect(codes(holds)).toEqual(Array(5).fill('ORDER_NOT_FOUND'));
    expect(audit(till, 'order.held')).toBe(1);

    const recalls = await both('order:recall', { orderId });
    expect(recalls.filter((r) => r.ok)).toHaveLength(1);
    expect(codes(recalls)).toEqual(Array(5).fill('ORDER_NOT_EDITABLE'));
    expect(audit(till, 'order.recalled')).toBe(1);

    const [paid, cancelled] = await Promise.all([
      a.call('order:payCash', { orderId, tenderedFen: 500 }),
      b.call('order:cancel', { orderId, supervisor: { operatorNo: '00', password: '123456' } }),
    ]);
    expect(paid.ok).toBe(true);
    expect(cancelled.ok).toBe(false);
    expect(till.core.internals.db.prepare('SELECT state FROM orders').all()).toEqual([
      { state: 'paid' },
    ]);
    expect(
      till.core.internals.db
        .prepare("SELECT COUNT(*) AS n FROM transactions WHERE state = 'approved'")
        .get(),
    ).toEqual({ n: 1 });
  });
});
