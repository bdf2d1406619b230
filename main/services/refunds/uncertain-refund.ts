import type { ApprovalAction, Session, TransactionView } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories, TransactionRecord } from '../../db';
import { fail } from '../../domain/errors';
import { toTransactionView } from '../checkout/transaction-view';
import { markRefundedWhenFull } from './refund-rules';

export interface ResolveInput {
  txId: number;
  /** The bank (phone, statement) says the money went back to the card. */
  wentThrough: boolean;
  supervisor: { operatorNo: string; password: string };
  note?: string | undefined;
}

/** Only a card 退货 left without a valid answer may be settled by hand. */
function requireUncertainCardRefund(tx: TransactionRecord | null, txId: number): TransactionRecord {
  if (!tx) return fail('TRANSACTION_NOT_FOUND', { txId });
  if (tx.type !== 'refund' || tx.tender !== 'card' || tx.state !== 'uncertain')
    fail('REFUND_NOT_UNCERTAIN', { txState: tx.state });
  return tx;
}

/**
 * Settling an uncertain card refund (issue 15 leftover). A card 退货 is never
 * reversed (PRODUCT.md §4), so when the host gave no valid answer nobody knows
 * whether the money went back, and the refund stays 'uncertain' — holding its
 * amount against the original and keeping an abandon step waiting or a return
 * step undecided. The supervisor checks with the bank (phone, statement) and
 * says which it was, with their password at the moment:
 * - went through: uncertain → approved, and the original → refunded once fully
 *   refunded, exactly as a host approval does (the abandon step's trigger then
 *   marks it done and cancels the order after the last step; a return's step
 *   is found done when the return is continued);
 * - did not: uncertain → declined (no money moved; the amount is free again, the
 *   step can be tried again and a fresh refund is sent).
 * Nothing goes to the host either way: the bank was asked by phone.
 */
export function createUncertainRefunds(deps: {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  approve(
    operatorNo: string,
    password: string,
    action: ApprovalAction,
    detail: Record<string, unknown>,
  ): Promise<string>;
}) {
  const { repos, clock, logger } = deps;

  return {
    async resolve(
      input: ResolveInput,
      session: Session,
    ): Promise<{ transaction: TransactionView }> {
      const tx = requireUncertainCardRefund(repos.transactions.get(input.txId), input.txId);
      // Through the one approval path: a wrong password counts towards the lock and is audited.
      const supervisorNo = await deps.approve(
        input.supervisor.operatorNo,
        input.supervisor.password,
        'refund.resolve',
        { txId: tx.id, amountFen: tx.amountFen, wentThrough: input.wentThrough },
      );
      const note = input.note?.trim() || null;
      const now = clock.now();
      repos.inTransaction(() => {
        // Checked again under the write lock: a second screen may have settled it meanwhile.
        requireUncertainCardRefund(repos.transactions.get(tx.id), tx.id);
        const why = input.wentThrough
          ? `went through: confirmed with the bank by supervisor ${supervisorNo}`
          : `did not go through: resolved by supervisor ${supervisorNo}, not done at the bank`;
        repos.transactions.transition(
          tx.id,
          'uncertain',
          input.wentThrough ? 'approved' : 'declined',
          now,
          supervisorNo,
          note ? `${why} (${note})` : why,
        );
        const original = tx.originalTxId === null ? null : repos.transactions.get(tx.originalTxId);
        // As the host's approval does (card-refund-service).
        if (input.wentThrough && original)
          markRefundedWhenFull(repos, original, now, supervisorNo, `fully refunded by #${tx.id}`);
        repos.audit.append(
          {
            operatorNo: session.operatorNo,
            action: 'refund.resolved',
            detail: {
              txId: tx.id,
              originalTxId: tx.originalTxId,
              amountFen: tx.amountFen,
              wentThrough: input.wentThrough,
              supervisor: supervisorNo,
              note,
            },
          },
          now,
        );
      });
      logger.info('uncertain card refund settled by the supervisor', {
        txId: tx.id,
        wentThrough: input.wentThrough,
        supervisorNo,
      });
      const after = repos.transactions.get(tx.id);
      if (!after) return fail('TRANSACTION_NOT_FOUND', { txId: tx.id });
      return { transaction: toTransactionView(after) };
    },
  };
}
export type UncertainRefunds = ReturnType<typeof createUncertainRefunds>;
