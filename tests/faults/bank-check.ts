import type { TransactionView } from '../../preload/contract';
import type { LedgerEntry } from '../../main/host/training/types';
import type { Driver } from './driver';
import { PASSWORDS } from './protocol';

const SUPERVISOR = { operatorNo: '00', password: PASSWORDS.supervisor };

/**
 * Before a drain, the supervisor phones the bank about every card 退货 left
 * uncertain (no valid answer, never reversed: nothing settles it by itself,
 * and settlement waits for it) and records what the bank says. The training
 * host's ledger is the bank: the refund went through when the host approved
 * it (60.1 = 25, same batch and voucher). Returns one op per refund settled.
 */
export async function askTheBank(
  d: Driver,
  ledger: LedgerEntry[],
  terminal: string,
): Promise<string[]> {
  const ops: string[] = [];
  await d.call('auth:signOff');
  const signedIn = await d.call('auth:signIn', SUPERVISOR);
  if (!signedIn.ok)
    throw new Error(`supervisor sign-in refused: ${JSON.stringify(signedIn.error)}`);
  const found = await d.call<{ transactions: TransactionView[] }>('transactions:query', {
    type: 'refund',
    tender: 'card',
    state: 'uncertain',
    limit: 100,
  });
  if (!found.ok) throw new Error(`transactions:query refused: ${JSON.stringify(found.error)}`);
  for (const tx of found.value.transactions) {
    const wentThrough = ledger.some(
      (e) =>
        e.terminal === terminal &&
        e.batch === tx.batchNo &&
        e.trace === tx.traceNo &&
        e.messageTypeCode === '25' &&
        e.state === 'approved',
    );
    const r = await d.call('refunds:resolve', { txId: tx.id, wentThrough, supervisor: SUPERVISOR });
    ops.push(
      `bank:refund ${tx.batchNo}/${tx.traceNo}=${wentThrough ? 'went' : 'not'}${r.ok ? '' : `!${r.error.code}`}`,
    );
  }
  await d.call('auth:signOff');
  return ops;
}
