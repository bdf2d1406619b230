import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../../main/core/pos-core';
import { DEFAULT_SCRYPT_COST } from '../../../main/services/staff/password-hasher';
import type { PosError, Result } from '../../../preload/contract';
import { ok, setUpTerminal, signInCashier, startCore, tempDir, signOff } from '../../support/core';

/**
 * The 5-try lockout against guesses sent all at once (issue 16): the attempt
 * is counted before the slow hash check, so parallel guesses lock exactly as
 * sequential ones do — and the right password afterwards is refused.
 */
let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  tmp?.remove();
  core = null;
});

function codes(results: Array<Result<unknown>>) {
  const errors = results.map((r) => (r.ok ? null : r.error));
  const count = (code: string) => errors.filter((e) => e?.code === code).length;
  return {
    ok: results.filter((r) => r.ok).length,
    wrong: errors.filter((e): e is PosError => e?.code === 'WRONG_PASSWORD'),
    locked: count('OPERATOR_LOCKED'),
  };
}

function auditActions(c: PosCore, operatorNo: string) {
  return c.internals.repos.audit
    .recent(500)
    .filter(
      (a) => a.operatorNo === operatorNo && /^(signin\.failed|operator\.locked)$/.test(a.action),
    )
    .map((a) => a.action);
}

describe('lockout under parallel guesses', () => {
  it('30 parallel wrong sign-ins (production scrypt cost): 5 counted, the rest refused, the right password then locked out', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir, { scryptCost: DEFAULT_SCRYPT_COST })).core;
    await setUpTerminal(core);
    await signInCashier(core);
    await signOff(core);

    const c = core;
    const results = (await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        c.dispatch('auth:signIn', { operatorNo: '01', password: String(2000 + i) }),
      ),
    )) as Array<Result<unknown>>;
    const r = codes(results);
    expect(r.ok).toBe(0);
    // Four guesses were told how many tries are left (4, 3, 2, 1); all the others were locked out.
    expect(r.wrong.map((e) => e.params?.attemptsLeft).sort()).toEqual([1, 2, 3, 4]);
    expect(r.locked).toBe(26);
    console.log(`parallel guesses needed to lock: ${r.wrong.length + 1} of 30 sent`);
    expect(auditActions(c, '01').filter((a) => a === 'signin.failed')).toHaveLength(5);
    expect(auditActions(c, '01').filter((a) => a === 'operator.locked')).toHaveLength(1);

    const right = await c.dispatch('auth:signIn', { operatorNo: '01', password: '1357' });
    expect(right).toMatchObject({ ok: false, error: { code: 'OPERATOR_LOCKED' } });
  }, 60_000);

  it('40 parallel voids with wrong supervisor passwords lock the supervisor after 5; the right password then fails', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await ok(core, 'auth:changePassword', {
      operatorNo: '00',
      currentPassword: '123456',
      newPassword: '246810',
      confirmPassword: '246810',
    });
    await signOff(core);
    await signInCashier(core);
    const sale = await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
      amountFen: 1_250,
      tenderedFen: 2_000,
    });
    const c = core;
    const results = (await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        c.dispatch('voids:run', {
          traceNo: sale.transaction.traceNo,
          supervisor: { operatorNo: '00', password: String(100000 + i) },
        }),
      ),
    )) as Array<Result<unknown>>;
    const r = codes(results);
    expect(r.ok).toBe(0);
    expect(r.wrong).toHaveLength(4);
    expect(r.locked).toBe(36);
    expect(auditActions(c, '00').filter((a) => a === 'signin.failed')).toHaveLength(5);

    const right = await c.dispatch('voids:run', {
      traceNo: sale.transaction.traceNo,
      supervisor: { operatorNo: '00', password: '246810' },
    });
    expect(right).toMatchObject({ ok: false, error: { code: 'OPERATOR_LOCKED' } });
    // Nothing was voided.
    const state = c.internals.db
      .prepare("SELECT state FROM transactions WHERE type = 'sale'")
      .pluck()
      .get();
    expect(state).toBe('approved');
  });

  it('a right password among parallel wrong ones signs in and clears the count, as in a row', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await signInCashier(core);
    await signOff(core);
    const c = core;
    const guesses = ['1111', '2222', '1357', '3333'];
    const results = (await Promise.all(
      guesses.map((password) => c.dispatch('auth:signIn', { operatorNo: '01', password })),
    )) as Array<Result<unknown>>;
    expect(results[2]).toMatchObject({ ok: true, value: { status: 'signed-in' } });
    expect(codes(results).wrong).toHaveLength(3);
    await signOff(c);
    // The count started again at the success: a new wrong guess leaves 4.
    const next = await c.dispatch('auth:signIn', { operatorNo: '01', password: '9999' });
    expect(next).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
  });
});
