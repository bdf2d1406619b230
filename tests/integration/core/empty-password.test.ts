import { afterEach, describe, expect, it } from 'vitest';
import type { PosCore } from '../../../main/core/pos-core';
import {
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  signOff,
} from '../../support/core';

/** An empty password is a slip (Enter before typing), never a counted wrong try (issue 18 item 10). */
let core: PosCore | null = null;
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(async () => {
  await core?.close();
  tmp?.remove();
  core = null;
});

const EMPTY = { code: 'INVALID_INPUT', fields: [{ field: 'password', rule: 'passwordEmpty' }] };

describe('empty password', () => {
  it('is refused at sign-in and as a supervisor approval without taking an attempt', async () => {
    tmp = tempDir();
    core = (await startCore(tmp.dir)).core;
    await setUpTerminal(core);
    await signOff(core);
    expect(await err(core, 'auth:signIn', { operatorNo: '99', password: '' })).toEqual(EMPTY);
    const wrong = await err(core, 'auth:signIn', { operatorNo: '99', password: '1' });
    // The first real wrong try still has all but one attempt left: the empty one cost nothing.
    expect(wrong).toMatchObject({ code: 'WRONG_PASSWORD', params: { attemptsLeft: 4 } });
    await signInCashier(core);
    const sale = await ok<{ transaction: { traceNo: string; batchNo: string } }>(
      core,
      'sale:cash',
      { amountFen: 100, tenderedFen: 100 },
    );
    expect(
      await err(core, 'voids:run', {
        traceNo: sale.transaction.traceNo,
        supervisor: { operatorNo: '00', password: '' },
      }),
    ).toEqual(EMPTY);
    const op = core.internals.repos.operators.get('00');
    expect(op?.failedAttempts).toBe(0);
  });
});
