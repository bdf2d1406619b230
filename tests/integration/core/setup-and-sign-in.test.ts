import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo, SignInResult } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { SETUP, err, ok, setUpTerminal, startCore, tempDir, signOff } from '../../support/core';

let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  tmp?.remove();
  core = null;
});

async function fresh() {
  tmp = tempDir();
  const started = await startCore(tmp.dir);
  core = started.core;
  return started;
}

describe('first start: setup wizard by the technician (99)', () => {
  it('starts unconfigured, in training mode, with the default operators', async () => {
    const { core } = await fresh();
    const info = await ok<AppInfo>(core, 'app:info');
    expect(info).toMatchObject({
      configured: false,
      training: true,
      terminal: null,
      session: null,
    });
    expect(info.printer).toEqual({ target: 'virtual', address: 'virtual' });
    const ops = core.internals.db
      .prepare('SELECT operator_no, role, must_change_password FROM operators ORDER BY 1')
      .all();
    expect(ops).toEqual([
      { operator_no: '00', role: 'supervisor', must_change_password: 1 },
      { operator_no: '01', role: 'cashier', must_change_password: 1 },
      { operator_no: '99', role: 'admin', must_change_password: 1 },
    ]);
    const hashes = core.internals.db
      .prepare('SELECT password_hash FROM operators')
      .pluck()
      .all() as string[];
    for (const h of hashes) expect(h).toMatch(/^scrypt\$\d+\$8\$1\$/);
  });

  it('lets only 99 sign in before the terminal is set up', async () => {
    const { core } = await fresh();
    expect(await err(core, 'auth:signIn', { operatorNo: '01', password: '0000' })).toEqual({
      code: 'ADMIN_ONLY_BEFORE_SETUP',
    });
    const r = await ok<SignInResult>(core, 'auth:signIn', {
      operatorNo: '99',
      password: '12345678',
    });
    expect(r).toEqual({
      status: 'password-change-required',
      operatorNo: '99',
      role: 'admin',
      reason: 'default',
      passwordLength: 8,
    });
    // still not signed in until the password is changed
    expect(await err(core, 'setup:save', SETUP)).toEqual({ code: 'NOT_SIGNED_IN' });
  });

  it('refuses wrong fields naming each rule, and saves nothing', async () => {
    const { core } = await fresh();
    await ok(core, 'auth:changePassword', {
      operatorNo: '99',
      currentPassword: '12345678',
      newPassword: '87654321',
      confirmPassword: '87654321',
    });
    const e = await err(core, 'setup:save', {
      ...SETUP,
      merchantNumber: '12345',
      terminalNumber: 't001',
      printer: { kind: 'tcp', host: 'bad host!', port: 0 },
    });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toEqual(
      expect.arrayContaining([
        { field: 'merchantNumber', rule: 'merchantNumber' },
        { field: 'terminalNumber', rule: 'terminalNumber' },
        { field: 'printer.host', rule: 'printerHost' },
        { field: 'printer.port', rule: 'port' },
      ]),
    );
    const tooLong = await err(core, 'setup:save', {
      ...SETUP,
      merchantName: '很长的商户名称'.repeat(3),
    });
    expect(tooLong.fields).toEqual([
      { field: 'merchantName', rule: 'merchantNameBytes', params: { max: 40, bytes: 42 } },
    ]);

    expect(existsSync(join(tmp!.dir, 'terminal.json'))).toBe(false);
    expect((await ok<AppInfo>(core, 'app:info')).configured).toBe(false);
    const changes = core.internals.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'parameters.changed'")
      .pluck()
      .get();
    expect(changes).toBe(0);
  });

  it('saves valid parameters atomically and audits old → new with the operator', async () => {
    const { core } = await fresh();
    await setUpTerminal(core);
    const info = await ok<AppInfo>(core, 'app:info');
    expect(info.configured).toBe(true);
    expect(info.terminal).toEqual({
      merchantNumber: SETUP.merchantNumber,
      terminalNumber: SETUP.terminalNumber,
      merchantName: '测试便利店',
    });
    const file = JSON.parse(readFileSync(join(tmp!.dir, 'terminal.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(file.merchantName).toBe('测试便利店');
    const audit = core.internals.repos.audit
      .recent(20)
      .find((a) => a.action === 'parameters.changed');
    expect(audit?.operatorNo).toBe('99');
    expect(audit?.detail.changes).toEqual(
      expect.arrayContaining([
        { field: 'merchantNumber', from: null, to: SETUP.merchantNumber },
        { field: 'configured', from: false, to: true },
      ]),
    );
  });

  it('keeps the setup across a restart; the session does not survive it', async () => {
    const { core: first } = await fresh();
    await setUpTerminal(first);
    await ok(first, 'auth:changePassword', {
      operatorNo: '01',
      currentPassword: '0000',
      newPassword: '1357',
      confirmPassword: '1357',
    });
    await first.close();
    core = (await startCore(tmp!.dir)).core;
    const info = await ok<AppInfo>(core, 'app:info');
    expect(info.configured).toBe(true);
    expect(info.session).toBeNull();
    expect(
      await ok<SignInResult>(core, 'auth:signIn', { operatorNo: '01', password: '1357' }),
    ).toMatchObject({ status: 'signed-in' });
  });
});

describe('cashier sign-in', () => {
  it('forces a change of the default password, then signs in to standby', async () => {
    const { core } = await fresh();
    await setUpTerminal(core);
    const first = await ok<SignInResult>(core, 'auth:signIn', {
      operatorNo: '01',
      password: '0000',
    });
    expect(first).toMatchObject({
      status: 'password-change-required',
      reason: 'default',
      passwordLength: 4,
    });
    const bad = await err(core, 'auth:changePassword', {
      operatorNo: '01',
      currentPassword: '0000',
      newPassword: '0000',
      confirmPassword: '0000',
    });
    expect(bad.fields).toEqual([{ field: 'newPassword', rule: 'passwordSameAsOld' }]);
    const short = await err(core, 'auth:changePassword', {
      operatorNo: '01',
      currentPassword: '0000',
      newPassword: '12',
      confirmPassword: '12',
    });
    expect(short.fields).toEqual([
      { field: 'newPassword', rule: 'passwordDigits', params: { length: 4 } },
    ]);
    const changed = await ok<{ session: { operatorNo: string; role: string } }>(
      core,
      'auth:changePassword',
      {
        operatorNo: '01',
        currentPassword: '0000',
        newPassword: '1357',
        confirmPassword: '1357',
      },
    );
    expect(changed.session).toMatchObject({ operatorNo: '01', role: 'cashier' });
    expect((await ok<AppInfo>(core, 'app:info')).session?.operatorNo).toBe('01');
    // the old default no longer works
    await signOff(core);
    expect((await err(core, 'auth:signIn', { operatorNo: '01', password: '0000' })).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('counts down attempts, locks at five for 15 minutes, then lets the operator in', async () => {
    const { core, clock } = await fresh();
    await setUpTerminal(core);
    const left: unknown[] = [];
    for (let i = 0; i < 4; i++)
      left.push(
        (await err(core, 'auth:signIn', { operatorNo: '01', password: '9999' })).params
          ?.attemptsLeft,
      );
    expect(left).toEqual([4, 3, 2, 1]);
    const fifth = await err(core, 'auth:signIn', { operatorNo: '01', password: '9999' });
    expect(fifth.code).toBe('OPERATOR_LOCKED');
    const until = Date.parse(String(fifth.params?.until));
    expect(until - clock.now()).toBe(15 * 60 * 1000);
    // even the right password is refused while locked
    expect((await err(core, 'auth:signIn', { operatorNo: '01', password: '0000' })).code).toBe(
      'OPERATOR_LOCKED',
    );
    clock.advance(15 * 60 * 1000 - 1);
    expect((await err(core, 'auth:signIn', { operatorNo: '01', password: '0000' })).code).toBe(
      'OPERATOR_LOCKED',
    );
    clock.advance(1);
    expect(
      await ok<SignInResult>(core, 'auth:signIn', { operatorNo: '01', password: '0000' }),
    ).toMatchObject({ status: 'password-change-required' });
    const actions = core.internals.repos.audit.recent(50).map((a) => a.action);
    expect(actions.filter((a) => a === 'signin.failed')).toHaveLength(5);
    expect(actions).toContain('operator.locked');
  });

  it('names an unknown operator and a malformed number', async () => {
    const { core } = await fresh();
    await setUpTerminal(core);
    expect(await err(core, 'auth:signIn', { operatorNo: '42', password: '0000' })).toEqual({
      code: 'UNKNOWN_OPERATOR',
      params: { operatorNo: '42' },
    });
    expect(await err(core, 'auth:signIn', { operatorNo: '1', password: '0000' })).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'operatorNo', rule: 'operatorNo' }],
    });
  });

  it('refuses channels to the wrong role and to nobody signed in', async () => {
    const { core } = await fresh();
    await setUpTerminal(core);
    expect(await err(core, 'sale:cash', { amountFen: 100, tenderedFen: 100 })).toEqual({
      code: 'NOT_SIGNED_IN',
    });
    await ok(core, 'auth:changePassword', {
      operatorNo: '01',
      currentPassword: '0000',
      newPassword: '1357',
      confirmPassword: '1357',
    });
    expect(await err(core, 'setup:save', SETUP)).toEqual({
      code: 'FORBIDDEN',
      params: { role: 'cashier' },
    });
    expect(await err(core, 'no:such', {})).toEqual({ code: 'UNKNOWN_CHANNEL' });
  });
});
