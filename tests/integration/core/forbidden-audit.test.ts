import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../../main/core/pos-core';
import { err, setUpTerminal, signInCashier, startCore, tempDir } from '../../support/core';

let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  tmp?.remove();
  core = null;
});

function refusals(c: PosCore) {
  return c.internals.repos.audit.recent(50).filter((a) => a.action === 'access.forbidden');
}

describe('a forbidden call gets a clear error and an audit entry (issue 7)', () => {
  it('cashier → setup:get: FORBIDDEN naming the role, audited with channel and role', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await signInCashier(core);

    expect(await err(core, 'setup:get', {})).toEqual({
      code: 'FORBIDDEN',
      params: { role: 'cashier' },
    });
    const rows = refusals(core);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      operatorNo: '01',
      action: 'access.forbidden',
      detail: { channel: 'setup:get', role: 'cashier' },
    });
  });

  it('the role is checked before the input: a cashier sending garbage to a manager channel gets FORBIDDEN (issue 16)', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await signInCashier(core);

    // Field rules would tell the caller what the channel takes; the role check says nothing.
    expect(await err(core, 'setup:save', { merchantNumber: 'x' })).toEqual({
      code: 'FORBIDDEN',
      params: { role: 'cashier' },
    });
    expect(await err(core, 'operators:add', 'not even an object')).toEqual({
      code: 'FORBIDDEN',
      params: { role: 'cashier' },
    });
    expect(refusals(core).map((r) => r.detail)).toEqual([
      { channel: 'operators:add', role: 'cashier' },
      { channel: 'setup:save', role: 'cashier' },
    ]);
    // A caller with the role gets the field rules.
    expect((await err(core, 'sale:cash', { amountFen: 'x' })).code).toBe('INVALID_INPUT');
  });

  it('every refusal is audited: signed out (NOT_SIGNED_IN) and unknown channels too', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);

    expect(await err(core, 'setup:get', { extra: 1 })).toEqual({ code: 'NOT_SIGNED_IN' });
    expect(await err(core, 'no:such', {})).toEqual({ code: 'UNKNOWN_CHANNEL' });
    expect(await err(core, 'x'.repeat(500), {})).toEqual({ code: 'UNKNOWN_CHANNEL' });
    const rows = core.internals.repos.audit
      .recent(10)
      .filter((a) => a.action.startsWith('access.'))
      .reverse();
    expect(rows.map((r) => [r.operatorNo, r.action, r.detail])).toEqual([
      [null, 'access.notSignedIn', { channel: 'setup:get' }],
      [null, 'access.unknownChannel', { channel: 'no:such' }],
      // A hostile name is cut short before it reaches the log.
      [null, 'access.unknownChannel', { channel: 'x'.repeat(80) }],
    ]);
  });
});
