import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../main/core/logger';
import { startWebShell, type WebShell } from '../../main/web/server';
import { rows, type CardTill } from '../integration/cards/harness';
import { tillWithUncertainRefund } from '../integration/cards/uncertain-refund-harness';
import { tempDir } from '../support/core';
import { askTheBank } from './bank-check';
import { Driver } from './driver';

/**
 * The fault suite's supervisor before a drain: each card refund left
 * uncertain is settled as the bank (the training host's ledger) says, over
 * the web shell's WebSocket like the rest of the workload.
 */
let till: CardTill | null = null;
let shell: WebShell | null = null;
let driver: Driver | null = null;
const staticDir = tempDir('pos-bank-static-');
afterEach(async () => {
  driver?.close();
  await shell?.close();
  await till?.remove();
  [till, shell, driver] = [null, null, null];
});
afterAll(() => staticDir.remove());

async function overTheShell(fault: 'delay' | 'silent') {
  const made = await tillWithUncertainRefund(fault);
  till = made.t;
  shell = await startWebShell({
    core: till.core,
    staticDir: staticDir.dir,
    logger: createLogger({ level: 'error' }),
  });
  driver = await Driver.connect(shell.port, shell.token, [], 0);
  const ledger = (await till.host()).ledger();
  return { ...made, d: driver, ledger, terminal: ledger[0]!.terminal };
}

const refundStates = (t: CardTill) =>
  rows<{ state: string }>(t.core, "SELECT state FROM transactions WHERE type = 'refund'").map(
    (r) => r.state,
  );

describe('asking the bank before a drain', () => {
  it('the host acted on the refund: recorded as gone through', async () => {
    const { t, d, refund, ledger, terminal } = await overTheShell('delay');
    expect(await askTheBank(d, ledger, terminal)).toEqual([
      `bank:refund ${refund.batchNo}/${refund.traceNo}=went`,
    ]);
    expect(refundStates(t)).toEqual(['approved']);
    // Nothing left to ask about.
    expect(await askTheBank(d, ledger, terminal)).toEqual([]);
  });

  it('the host never saw it: recorded as not gone through', async () => {
    const { t, d, refund, ledger, terminal } = await overTheShell('silent');
    expect(await askTheBank(d, ledger, terminal)).toEqual([
      `bank:refund ${refund.batchNo}/${refund.traceNo}=not`,
    ]);
    expect(refundStates(t)).toEqual(['declined']);
  });
});
