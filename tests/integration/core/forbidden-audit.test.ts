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

  it('signed out: NOT_SIGNED_IN, nothing audited; invalid input is not a refusal', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);

    expect(await err(core, 'setup:get', {})).toEqual({ code: 'NOT_SIGNED_IN' });
    expect(refusals(core)).toEqual([]);

    await signInCashier(core);
    // The input is checked first: a malformed call never reaches the role check.
    expect((await err(core, 'setup:get', { extra: 1 })).code).toBe('INVALID_INPUT');
    expect(refusals(core)).toEqual([]);
  });
});
