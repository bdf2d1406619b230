/**
 * Attacks on the web shell a second window (or a replayed frame) makes that
 * the earlier suites (tests/integration/web, fuzz/) do not: races between
 * calls that each look fine alone.
 *
 * A return's card refund waits at the PIN pad with its step marked started
 * but no transaction yet — what a crash leaves, and reconcile plans such a
 * step again. Before the fix a 取消 from a second window in that wait
 * cancelled the return while the refund went on (money back, goods recorded
 * as not returned), and a 继续退款 sent the same refund again.
 *
 * Half a character (a lone UTF-16 surrogate, `\ud800` in the JSON frame) in
 * typed text was taken and stored by SQLite as U+FFFD: the name kept was not
 * the one sent, while the audit entry (JSON) still held the original. Now
 * it is refused under rules.textChars like the other unsafe characters.
 *
 * A restore (data:restore, the supervisor's) closes the database under every
 * call still running. Before the fix a card refund the same supervisor had
 * waiting for the host's answer was answered INTERNAL and its row left with
 * the old file into the safety copy — a refund the bank may have paid, gone
 * from the till. Now the restore is refused RESTORE_BUSY naming the call.
 *
 * A field the call does not take (a typo, `__proto__`, `constructor`) was
 * refused as `(input)` / `invalid`: the whole input, nothing named. Now each
 * unknown key is named under rules.unknownField (a card number in one kept
 * first 6 / last 4, at most ten of them per answer).
 *
 * Removing a cashier who never took a transaction but had signed in (a
 * shift) or parked a basket (an order) failed on the foreign key and was
 * answered INTERNAL; now it is refused OPERATOR_HAS_TRANSACTIONS (disable
 * instead), as for one with transactions.
 *
 * 登录 (or a password change, which signs in) was refused SIGN_IN_BUSY only
 * when a payment was running as it arrived; one started from another window
 * while the password's slow hash was checked found the supervisor's session
 * (and a fresh host sign-in) put under it. Now the check is made again once
 * the password is verified, before anything changes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderView, Result } from '../../../preload/contract';
import { ok, signOff } from '../../support/core';
import {
  SUPERVISOR,
  approvedSale,
  padShows,
  presentCard,
  presentCardAndPin,
} from '../cards/harness';
import { PRODUCTS, payByCard, scanned } from '../checkout/harness';
import { money } from '../checkout/returns-harness';
import { webTill, type WebTill } from '../web/ws-harness';
import { settle, shopTill } from './shop-till';

let till: WebTill | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
});

describe('web shell: a return whose card refund waits at the PIN pad', () => {
  it('取消 and 继续退款 from a second window are refused; the refund goes once', async () => {
    till = await shopTill();
    const t = till;
    const order: OrderView = await scanned(t.core, PRODUCTS.cola.barcode, 2);
    await payByCard(t.core, order.id);
    await settle(t);
    const [a, b] = [await t.client(), await t.client()];
    const colaLine = order.lines[0]!.id;
    const returning = a.call('returns:create', {
      orderId: order.id,
      lines: [{ lineId: colaLine, quantity: 1 }],
      supervisor: SUPERVISOR,
    });
    await padShows(t.core, 'card');
    const open = (await b.call('returns:open')) as Result<{
      returns: Array<{ id: number; returnNo: string }>;
    }>;
    if (!open.ok) throw new Error(JSON.stringify(open.error));
    const { id: returnId, returnNo } = open.value.returns[0]!;
    const undecided = { ok: false, error: { code: 'RETURN_STEP_UNDECIDED', params: { returnNo } } };
    expect(await b.call('returns:cancel', { returnId, supervisor: SUPERVISOR })).toEqual(undecided);
    expect(await b.call('returns:resume', { returnId, supervisor: SUPERVISOR })).toEqual(undecided);

    await presentCard(t.core, 'approve');
    expect(await returning).toMatchObject({
      ok: true,
      value: { problem: null, return: { state: 'done' } },
    });
    expect(money(t.core, order.id)).toEqual([
      ['sale', 'card', 'approved', 600],
      ['refund', 'card', 'approved', 300],
    ]);
  });
});

const tableCounts = (t: WebTill) =>
  Object.fromEntries(
    ['order_lines', 'operators', 'categories', 'cash_movements'].map((table) => [
      table,
      t.core.internals.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(),
    ]),
  );

describe('web shell: typed text carrying half a character', () => {
  it('is refused naming the field (rules.textChars), and nothing is written', async () => {
    till = await shopTill();
    const t = till;
    const c = await t.client();
    const textChars = (field: string) => ({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ field, rule: 'textChars' }] },
    });
    const before = tableCounts(t);
    for (const lone of ['可乐\ud800', '\udfff可乐', '可\udc00乐', '\ud83d']) {
      expect(await c.call('order:addOpenLine', { amountFen: 100, name: lone })).toEqual(
        textChars('name'),
      );
      expect(
        await c.call('cash:move', {
          kind: 'out',
          amountFen: 100,
          reason: lone,
          supervisor: SUPERVISOR,
        }),
      ).toEqual(textChars('reason'));
    }
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', SUPERVISOR);
    expect(
      await c.call('operators:add', { operatorNo: '05', name: '张\ud800', password: '2468' }),
    ).toEqual(textChars('name'));
    expect(await c.call('catalogue:addCategory', { name: '\udc00饮料' })).toEqual(
      textChars('name'),
    );
    // A whole character made of two halves (emoji, CJK Extension B) is still taken.
    expect(await c.call('catalogue:addCategory', { name: '𠀀饮料😀' })).toMatchObject({
      ok: true,
      value: { name: '𠀀饮料😀' },
    });
    expect(tableCounts(t)).toEqual({ ...before, categories: Number(before.categories) + 1 });
  });
});

describe('web shell: a restore while a refund is at the host', () => {
  it('is refused naming the refund, which finishes and stays recorded', async () => {
    till = await shopTill();
    const t = till;
    const sale = await approvedSale(t.core, 500);
    await settle(t);
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', SUPERVISOR);
    const backup = await ok<{ file: string }>(t.core, 'data:backup');
    const [a, b] = [await t.client(), await t.client()];
    const created = new Date(sale.transaction.createdAt);
    const date = [created.getFullYear(), created.getMonth() + 1, created.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    const refund = a.call('refunds:card', {
      rrn: sale.transaction.card!.rrn,
      date,
      amountFen: 200,
      supervisor: SUPERVISOR,
    });
    await padShows(t.core, 'card');
    (await t.core.internals.trainingHost)!.faults.delayNext(1, 1500);
    await presentCard(t.core, 'approve');
    const refunds = () =>
      t.core.internals.db
        .prepare("SELECT state, amount_fen FROM transactions WHERE type = 'refund'")
        .all();
    await vi.waitFor(() => expect(refunds()).toEqual([{ state: 'pending', amount_fen: 200 }]));
    const preview = (await b.call('data:previewRestore', { file: backup.file })) as Result<{
      confirm: string;
    }>;
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(
      await b.call('data:restore', { file: backup.file, confirm: preview.value.confirm }),
    ).toEqual({ ok: false, error: { code: 'RESTORE_BUSY', params: { channel: 'refunds:card' } } });
    expect(await refund).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    expect(refunds()).toEqual([{ state: 'approved', amount_fen: 200 }]);
    expect(await b.call('auth:session')).toMatchObject({
      ok: true,
      value: { session: { operatorNo: '00' } },
    });
  });
});

describe('web shell: fields a call does not take', () => {
  it('are each named (rules.unknownField), and nothing is written', async () => {
    till = await webTill();
    const c = await till.client();
    const unknown = (...fields: string[]) => ({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: fields.map((field) => ({ field, rule: 'unknownField' })),
      },
    });
    expect(await c.call('order:addOpenLine', { amountFen: 100, amountfen: 1 })).toEqual(
      unknown('amountfen'),
    );
    expect(await c.call('order:addOpenLine', { amountFen: 100, constructor: {} })).toEqual(
      unknown('constructor'),
    );
    // JSON.parse makes `__proto__` an own key; it never reaches a prototype.
    const frame = `{"id":1,"channel":"order:addOpenLine","requestId":"${'a'.repeat(32)}","input":{"amountFen":100,"__proto__":{"name":"x"}}}`;
    expect(await c.raw(frame)).toEqual({ id: 1, result: unknown('__proto__') });
    expect(
      await c.call('cash:move', {
        kind: 'in',
        amountFen: 100,
        reason: '找零',
        supervisor: { ...SUPERVISOR, role: 'admin' },
      }),
    ).toEqual(unknown('supervisor.role'));
    expect(await c.call('order:addOpenLine', { amountFen: 100, '6222021234567890003': 1 })).toEqual(
      unknown('622202*********0003'),
    );
    const many = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]));
    const r = (await c.call('order:addOpenLine', { amountFen: 100, ...many })) as {
      error: { fields: unknown[] };
    };
    expect(r.error.fields).toHaveLength(10);
    expect(till.core.internals.db.prepare('SELECT COUNT(*) FROM order_lines').pluck().get()).toBe(
      0,
    );
  });
});

describe('web shell: removing a cashier something names', () => {
  it('one who only signed in and parked a basket: refused (disable instead), not INTERNAL', async () => {
    till = await shopTill();
    const t = till;
    const c = await t.client();
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', SUPERVISOR);
    for (const operatorNo of ['05', '06'])
      await ok(t.core, 'operators:add', { operatorNo, name: '临时工', password: '1111' });
    await ok(t.core, 'auth:signOff');
    await ok(t.core, 'auth:changePassword', {
      operatorNo: '05',
      currentPassword: '1111',
      newPassword: '2468',
      confirmPassword: '2468',
    });
    await ok(t.core, 'cash:setFloat', { amountFen: 0 });
    await ok(t.core, 'order:addOpenLine', { amountFen: 100 });
    await ok(t.core, 'order:hold');
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', SUPERVISOR);
    expect(await c.call('operators:remove', { operatorNo: '05' })).toEqual({
      ok: false,
      error: { code: 'OPERATOR_HAS_TRANSACTIONS', params: { operatorNo: '05' } },
    });
    // One nothing names still goes.
    expect(await c.call('operators:remove', { operatorNo: '06' })).toEqual({ ok: true, value: {} });
    const db = t.core.internals.db;
    expect(
      db
        .prepare("SELECT operator_no FROM operators WHERE operator_no IN ('05', '06')")
        .pluck()
        .all(),
    ).toEqual(['05']);
    expect(
      db.prepare("SELECT detail FROM audit_log WHERE action = 'operator.removed'").pluck().all(),
    ).toEqual([JSON.stringify({ operatorNo: '06', name: '临时工' })]);
  });
});

describe('web shell: a sign-in whose password check a payment overtakes', () => {
  it('is refused SIGN_IN_BUSY once the password is verified; nothing changes', async () => {
    till = await shopTill();
    const t = till;
    const [cashier, other] = [await t.client(), await t.client()];
    const busy = { ok: false, error: { code: 'SIGN_IN_BUSY', params: { channel: 'card:sale' } } };
    // Each sent just before the sale: the sale starts while the hash is worked out.
    const tries = [
      () =>
        other.call('auth:changePassword', {
          operatorNo: '00',
          currentPassword: SUPERVISOR.password,
          newPassword: '135790',
          confirmPassword: '135790',
        }),
      () => other.call('auth:signIn', SUPERVISOR),
    ];
    for (const attempt of tries) {
      const refused = attempt();
      const sale = cashier.call('card:sale', { amountFen: 1000 });
      expect(await refused).toEqual(busy);
      expect(await other.call('auth:session')).toMatchObject({
        ok: true,
        value: { session: { operatorNo: '01' } },
      });
      await presentCardAndPin(t.core, 'approve');
      expect(await sale).toMatchObject({ ok: true, value: { outcome: 'approved' } });
    }
    // The supervisor's password is the one it was.
    await signOff(t.core);
    expect(await other.call('auth:signIn', SUPERVISOR)).toMatchObject({
      ok: true,
      value: { status: 'signed-in' },
    });
  });
});
