import { afterEach, describe, expect, it } from 'vitest';
import type { OperatorView, ShiftSummary, SignInResult } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import {
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  cashierIn,
  signOff,
} from '../../support/core';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const SUPERVISOR = { operatorNo: '00', password: '246810' };

async function terminal() {
  const tmp = tempDir();
  const { core, clock } = await startCore(tmp.dir);
  cleanup.push(
    () => tmp.remove(),
    () => core.close(),
  );
  await setUpTerminal(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  return { core, clock };
}

function audit(core: PosCore, action: string) {
  return (
    core.internals.db
      .prepare('SELECT operator_no, detail FROM audit_log WHERE action = ? ORDER BY id')
      .all(action) as Array<{ operator_no: string; detail: string }>
  ).map((r) => ({ by: r.operator_no, ...(JSON.parse(r.detail) as object) }));
}

const asSupervisor = async (core: PosCore) => {
  await signOff(core);
  await ok(core, 'auth:signIn', SUPERVISOR);
};

describe('operator management (supervisor 00)', () => {
  it('adds a cashier who must change the temporary password at first sign-in; duplicates and bad numbers refused', async () => {
    const { core } = await terminal();
    const added = await ok<OperatorView>(core, 'operators:add', {
      operatorNo: '07',
      name: '王小明',
      password: '4321',
    });
    expect(added).toMatchObject({
      operatorNo: '07',
      role: 'cashier',
      name: '王小明',
      mustChangePassword: true,
      disabled: false,
      onShift: false,
    });
    expect(
      await err(core, 'operators:add', { operatorNo: '07', name: 'x', password: '1111' }),
    ).toEqual({ code: 'OPERATOR_EXISTS', params: { operatorNo: '07' } });
    for (const operatorNo of ['00', '99', '7', 'ab']) {
      expect(
        await err(core, 'operators:add', { operatorNo, name: 'x', password: '1111' }),
      ).toMatchObject({
        code: 'INVALID_INPUT',
        fields: [{ field: 'operatorNo', rule: 'cashierNo' }],
      });
    }
    expect(
      await err(core, 'operators:add', { operatorNo: '08', name: ' ', password: '12' }),
    ).toMatchObject({ code: 'INVALID_INPUT', fields: [{ field: 'name', rule: 'operatorName' }] });
    expect(
      await err(core, 'operators:add', { operatorNo: '08', name: '李', password: '12' }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ field: 'password', rule: 'passwordDigits', params: { length: 4 } }],
    });
    expect(audit(core, 'operator.added')).toEqual([{ by: '00', operatorNo: '07', name: '王小明' }]);

    await signOff(core);
    const first = await ok<SignInResult>(core, 'auth:signIn', {
      operatorNo: '07',
      password: '4321',
    });
    expect(first).toMatchObject({ status: 'password-change-required', reason: 'reset' });
    const signedIn = await ok<{ session: { operatorNo: string } }>(core, 'auth:changePassword', {
      operatorNo: '07',
      currentPassword: '4321',
      newPassword: '8642',
      confirmPassword: '8642',
    });
    expect(signedIn.session.operatorNo).toBe('07');
  });

  it('renames, disables (not while on shift), removes only those without transactions, and audits each', async () => {
    const { core } = await terminal();
    await signOff(core);
    await signInCashier(core); // 01 is on shift now
    await ok(core, 'sale:cash', { amountFen: 500, tenderedFen: 500 });
    await asSupervisor(core);
    await ok(core, 'operators:add', { operatorNo: '12', name: '临时工', password: '1212' });

    expect(await ok(core, 'operators:rename', { operatorNo: '01', name: '张三' })).toMatchObject({
      name: '张三',
    });
    // 01 signed in and never signed off: the shift is still open.
    await signOff(core);
    await cashierIn(core);
    await signOff(core);
    await ok(core, 'auth:signIn', SUPERVISOR);
    const onShift = await ok<{ operators: OperatorView[] }>(core, 'operators:list');
    expect(onShift.operators.find((o) => o.operatorNo === '01')?.onShift).toBe(false);

    expect(
      await ok(core, 'operators:setDisabled', { operatorNo: '01', disabled: true }),
    ).toMatchObject({ disabled: true });
    await signOff(core);
    expect(await err(core, 'auth:signIn', { operatorNo: '01', password: '1357' })).toEqual({
      code: 'OPERATOR_DISABLED',
      params: { operatorNo: '01' },
    });
    await ok(core, 'auth:signIn', SUPERVISOR);
    expect(await err(core, 'operators:remove', { operatorNo: '01' })).toEqual({
      code: 'OPERATOR_HAS_TRANSACTIONS',
      params: { operatorNo: '01' },
    });
    expect(await ok(core, 'operators:remove', { operatorNo: '12' })).toEqual({});
    const left = await ok<{ operators: OperatorView[] }>(core, 'operators:list');
    expect(left.operators.map((o) => o.operatorNo)).toEqual(['00', '01', '99']);
    // The supervisor manages cashiers, not the technician or themself.
    expect(await err(core, 'operators:setDisabled', { operatorNo: '99', disabled: true })).toEqual({
      code: 'OPERATOR_NOT_MANAGED',
      params: { operatorNo: '99', role: 'supervisor' },
    });
    expect((await err(core, 'operators:remove', { operatorNo: '00' })).code).toBe(
      'OPERATOR_NOT_MANAGED',
    );
    expect(audit(core, 'operator.renamed')).toEqual([
      { by: '00', operatorNo: '01', from: '收银员01', to: '张三' },
    ]);
    expect(audit(core, 'operator.disabled')).toEqual([{ by: '00', operatorNo: '01' }]);
    expect(audit(core, 'operator.removed')).toEqual([
      { by: '00', operatorNo: '12', name: '临时工' },
    ]);
  });

  it('refuses to disable a cashier whose shift is open', async () => {
    const tmp = tempDir();
    cleanup.push(() => tmp.remove());
    const before = (await startCore(tmp.dir)).core;
    await setUpTerminal(before);
    await signInCashier(before);
    // A power cut: the cashier never signed off; the terminal restarts with the shift open.
    await before.close();
    const core = (await startCore(tmp.dir)).core;
    cleanup.push(() => core.close());
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: SUPERVISOR.password,
      confirmPassword: SUPERVISOR.password,
    });
    const list = await ok<{ operators: OperatorView[] }>(core, 'operators:list');
    expect(list.operators.find((o) => o.operatorNo === '01')?.onShift).toBe(true);
    expect(await err(core, 'operators:setDisabled', { operatorNo: '01', disabled: true })).toEqual({
      code: 'OPERATOR_ON_SHIFT',
      params: { operatorNo: '01' },
    });
  });

  it('unlocks a locked cashier and resets a password (forced change, lock lifted); 99 may only do that for 00', async () => {
    const { core } = await terminal();
    await signOff(core);
    await signInCashier(core);
    await signOff(core);
    for (let i = 0; i < 5; i++)
      await err(core, 'auth:signIn', { operatorNo: '01', password: '0000' });
    expect((await err(core, 'auth:signIn', { operatorNo: '01', password: '1357' })).code).toBe(
      'OPERATOR_LOCKED',
    );
    await ok(core, 'auth:signIn', SUPERVISOR);
    const listed = await ok<{ operators: OperatorView[] }>(core, 'operators:list');
    expect(listed.operators.find((o) => o.operatorNo === '01')?.lockedUntil).not.toBeNull();
    expect(await ok(core, 'operators:unlock', { operatorNo: '01' })).toMatchObject({
      lockedUntil: null,
    });
    await signOff(core);
    expect(await ok(core, 'auth:signIn', { operatorNo: '01', password: '1357' })).toMatchObject({
      status: 'signed-in',
    });
    await signOff(core);
    await ok(core, 'auth:signIn', SUPERVISOR);
    await ok(core, 'operators:resetPassword', { operatorNo: '01', password: '5555' });
    await signOff(core);
    expect(await ok(core, 'auth:signIn', { operatorNo: '01', password: '5555' })).toMatchObject({
      status: 'password-change-required',
      reason: 'reset',
    });

    // The technician can reset the supervisor (forgotten password) but not cashiers.
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    expect(
      (await err(core, 'operators:resetPassword', { operatorNo: '01', password: '1111' })).code,
    ).toBe('OPERATOR_NOT_MANAGED');
    expect(
      await err(core, 'operators:resetPassword', { operatorNo: '00', password: '1234' }),
    ).toMatchObject({ fields: [{ rule: 'passwordDigits', params: { length: 6 } }] });
    await ok(core, 'operators:resetPassword', { operatorNo: '00', password: '135790' });
    expect(
      (await err(core, 'operators:add', { operatorNo: '20', name: 'x', password: '1111' })).code,
    ).toBe('FORBIDDEN');
    expect(audit(core, 'operator.unlocked')).toEqual([{ by: '00', operatorNo: '01' }]);
    expect(audit(core, 'operator.passwordReset')).toEqual([
      { by: '00', operatorNo: '01' },
      { by: '99', operatorNo: '00' },
    ]);
  });

  it('a cashier is refused the manager channels, with an audit entry', async () => {
    const { core } = await terminal();
    await signOff(core);
    await signInCashier(core);
    expect(await err(core, 'operators:list')).toEqual({
      code: 'FORBIDDEN',
      params: { role: 'cashier' },
    });
    expect(audit(core, 'access.forbidden')).toEqual([
      expect.objectContaining({ by: '01', channel: 'operators:list' }),
    ]);
  });
});

describe('passwords', () => {
  it('may not repeat any of the last three', async () => {
    const { core } = await terminal();
    await signOff(core);
    await signInCashier(core); // 0000 → 1357
    const change = (from: string, to: string) =>
      core.dispatch('auth:changePassword', {
        operatorNo: '01',
        currentPassword: from,
        newPassword: to,
        confirmPassword: to,
      });
    await signOff(core);
    expect(await change('1357', '0000')).toMatchObject({
      ok: false,
      error: { fields: [{ field: 'newPassword', rule: 'passwordReused', params: { count: 3 } }] },
    });
    expect((await change('1357', '2468')).ok).toBe(true);
    await signOff(core);
    expect((await change('2468', '3579')).ok).toBe(true); // history now 3579, 2468, 1357
    await signOff(core);
    expect(await change('3579', '1357')).toMatchObject({ ok: false });
    // 0000 has dropped out of the last three.
    expect((await change('3579', '0000')).ok).toBe(true);
  });
});

describe('shift (交班)', () => {
  it('sums what the operator took by tender since sign-in: sales, voids, refunds, net', async () => {
    const { core, clock } = await terminal();
    await signOff(core);
    await signInCashier(core);
    const a = await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
      amountFen: 1_000,
      tenderedFen: 1_000,
    });
    await ok(core, 'sale:cash', { amountFen: 2_550, tenderedFen: 3_000 });
    await ok(core, 'voids:run', { traceNo: a.transaction.traceNo, supervisor: SUPERVISOR });
    clock.advance(60_000);
    const sofar = await ok<ShiftSummary>(core, 'auth:shift');
    expect(sofar.endedAt).toBeNull();
    const cash = sofar.tenders.find((t) => t.tender === 'cash');
    expect(cash).toEqual({
      tender: 'cash',
      salesCount: 2,
      salesFen: 3_550,
      voidsCount: 1,
      voidsFen: 1_000,
      refundsCount: 0,
      refundsFen: 0,
      netFen: 2_550,
    });
    expect(sofar.tenders.map((t) => t.tender)).toEqual(['cash', 'card', 'qr']);
    // The total is the sum of the tender lines.
    expect(sofar.total.netFen).toBe(sofar.tenders.reduce((s, t) => s + t.netFen, 0));

    // A cashier's 交班 carries the blind count (issue 15).
    const off = await ok<{ shift: ShiftSummary }>(core, 'auth:signOff', {
      count: { by: 'total', countedFen: 2_550 },
    });
    expect(off.shift.total).toMatchObject({ salesCount: 2, netFen: 2_550 });
    expect(off.shift.endedAt).not.toBeNull();
    // A new shift starts from zero.
    await cashierIn(core);
    expect((await ok<ShiftSummary>(core, 'auth:shift')).total.salesCount).toBe(0);
    expect(audit(core, 'signoff').at(-1)).toMatchObject({ by: '01', salesCount: 2, netFen: 2_550 });
  });
});
