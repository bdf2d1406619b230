import type { PrintJob, Session, TransactionView } from '../../../preload/contract';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { Repositories } from '../../db';
import type { SettlementRecord } from '../../db/repos/settlements';
import { fail } from '../../domain/errors';
import { formatBatchNo } from '../../domain/numbers';
import { computeBatchTotals, hostTotals, type BatchTotals } from '../../domain/settlement';
import { buildSettlementReport } from '../../domain/settlement-report';
import { SETTLEMENT_RESULT, parseSettlementTotals, type IsoMessage } from '../../host/iso8583';
import {
  matchesRequest,
  packWithMac,
  replyMacAcceptable,
  responseCode,
  text,
  type TerminalIds,
} from '../../host/messages';
import {
  batchUploadEndRequest,
  batchUploadRequest,
  settlementRequest,
} from '../../host/settlement-messages';
import type { OutboxWorker } from '../../outbox/worker';
import type { SecretBox } from '../../secrets/secret-box';
import { isTraining } from '../../settings/schema';
import type { SettingsStore } from '../../settings/store';
import type { HostService } from '../cards/host-service';
import type { PrintService } from '../printing/print-service';
import { QR_REFUND } from '../refunds/qr-refund-service';
import { QR_CANCEL } from '../qr/qr-service';
import { receiptTerminal } from '../printing/receipts';
import { toTransactionView } from '../checkout/transaction-view';
import { REVERSAL, type SealedCard } from '../cards/reversal-service';

export interface SettlementOutcome {
  batchNo: string;
  verdict: 'balanced' | 'unbalanced';
  uploadedCount: number;
  totals: BatchTotals;
  printJobs: PrintJob[];
  nextBatchNo: string;
}

/**
 * 结算 (PRODUCT.md §6), run by the supervisor. Each step is recorded before
 * the next begins — started (totals kept, batch stops taking transactions),
 * balanced/unbalanced (the host's verdict), uploaded (批上送 done), closed —
 * so a settlement cut short by a crash or the network is resumed from its
 * step by running it again, and a batch is closed exactly once.
 */
export function createSettlementService(deps: {
  repos: Repositories;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  secretBox: SecretBox;
  host: HostService;
  outbox: Pick<OutboxWorker, 'flush'>;
  print: PrintService;
  pendingReversals(): number;
  /** Called inside the closing SQLite transaction (the sync module queues the upload). */
  onSettled?(batchNo: string, now: number): void;
}) {
  const { repos, settings, clock, logger, secretBox, host, outbox, print } = deps;

  function ids(batchNo: string): TerminalIds {
    return { ...host.ids(), batch: batchNo };
  }

  /** One request to the host: the valid reply, or a clear error (the step stays as it was). */
  async function ask(request: IsoMessage): Promise<IsoMessage> {
    const mak = host.mak();
    const { result, endpoint } = await host.send(packWithMac(request, mak));
    if (result.kind !== 'reply') throw host.networkError(endpoint, result);
    const address = `${endpoint.host}:${endpoint.port}`;
    if (!matchesRequest(request, result.message).ok) fail('HOST_BAD_REPLY', { address });
    if (!replyMacAcceptable(result.body, result.message, mak)) fail('HOST_BAD_REPLY', { address });
    return result.message;
  }

  /**
   * Card 退货 of the batch left without an answer (refunds are never reversed):
   * the host may or may not have counted each, so totals sent now would be
   * wrong either way, and one settled afterwards would change a closed batch.
   * The supervisor settles them first (checked with the bank), on this screen.
   */
  function uncertainRefunds(batchNo: string | null): TransactionView[] {
    return batchNo ? repos.transactions.uncertainCardRefunds(batchNo).map(toTransactionView) : [];
  }

  async function preflight(operatorNo: string): Promise<void> {
    const refunds = uncertainRefunds(repos.counters.peekBatch()).length;
    if (refunds > 0) fail('SETTLEMENT_REFUNDS_UNCERTAIN', { count: refunds });
    // A reversal goes out only under the working keys: without them it would
    // wait and be named as the blocker, when the real one is the sign-in.
    // Sign in now (its failure names itself: unreachable, refused …) and go on.
    if (deps.pendingReversals() > 0) await host.ensureSignedIn(operatorNo);
    // Whatever still owes the host or the gateway an answer goes first.
    for (const kind of [REVERSAL, QR_CANCEL, QR_REFUND]) await outbox.flush(kind);
    const reversals = deps.pendingReversals();
    const qr = repos.qrPayments.openIds().length;
    if (reversals > 0 || qr > 0) fail('SETTLEMENT_BLOCKED', { reversals, qr });
  }

  /** 0500; 77 (the host's batch differs) → sign in again once and resend. */
  async function sendTotals(s: SettlementRecord, operatorNo: string): Promise<void> {
    if (!host.isSignedIn()) await host.signIn(operatorNo);
    const totals = s.totals as BatchTotals;
    const send = () =>
      ask(
        settlementRequest({
          ids: ids(s.batchNo),
          trace: host.nextTrace(),
          operatorNo,
          totals: hostTotals(totals),
        }),
      );
    let reply = await send();
    if (responseCode(reply) === '77') {
      await host.signIn(operatorNo);
      reply = await send();
    }
    const code = responseCode(reply) ?? '';
    if (code !== '00' && code !== '95') fail('SETTLEMENT_REFUSED', { code });
    const balanced = code === '00' && !unbalancedIn48(reply);
    repos.settlements.setStep(s.batchNo, balanced ? 'balanced' : 'unbalanced', code, clock.now());
  }

  /**
   * The reply's field 48 carries the verdict per side (HOST-PROTOCOL.md: 1
   * balanced, 2 unbalanced), also under 39 = 00: reading 39 alone would skip
   * the 批上送 a host that says "2" is waiting for, and close a batch the
   * host does not agree with. A 48 that doesn't parse leaves 39 to decide.
   */
  function unbalancedIn48(reply: IsoMessage): boolean {
    const raw = text(reply, 48);
    if (!raw) return false;
    try {
      const t = parseSettlementTotals(raw);
      return [t.domestic.result, t.foreign.result].includes(SETTLEMENT_RESULT.UNBALANCED);
    } catch {
      return false;
    }
  }

  /** 批上送: every card transaction of the batch, one 0320 each, resuming after the last sent. */
  async function upload(s: SettlementRecord): Promise<void> {
    let after = s.uploadedThroughTx;
    for (;;) {
      const tx = repos.settlements.nextUpload(s.batchNo, after);
      if (!tx) break;
      if (!tx.cardSealed) {
        logger.error('batch upload: card data already erased, skipped', { txId: tx.id });
      } else {
        const card = JSON.parse(secretBox.open(tx.cardSealed).toString('utf8')) as SealedCard;
        const reply = await ask(
          batchUploadRequest({
            ids: ids(s.batchNo),
            trace: host.nextTrace(),
            pan: card.pan,
            processingCode: tx.processingCode,
            amountFen: tx.amountFen,
            originalTrace: tx.traceNo,
            messageTypeCode: tx.messageTypeCode,
            authCode: tx.authCode,
          }),
        );
        const code = responseCode(reply) ?? '';
        if (code !== '00') fail('SETTLEMENT_REFUSED', { code });
      }
      repos.settlements.recordUploaded(s.batchNo, tx.id, clock.now());
      after = tx.id;
    }
    const end = await ask(batchUploadEndRequest({ ids: ids(s.batchNo), trace: host.nextTrace() }));
    const code = responseCode(end) ?? '';
    if (code !== '00') fail('SETTLEMENT_REFUSED', { code });
    repos.settlements.setStep(s.batchNo, 'uploaded', null, clock.now());
  }

  function close(s: SettlementRecord): SettlementOutcome {
    const p = settings.get();
    const now = clock.now();
    const totals = s.totals as BatchTotals;
    // Unbalanced by 39 = 95, or by field 48 under 00: then the batch went through 批上送.
    const verdict = s.hostCode === '95' || s.step === 'uploaded' ? 'unbalanced' : 'balanced';
    const doc = buildSettlementReport(receiptTerminal(settings), {
      batchNo: s.batchNo,
      operatorNo: s.operatorNo,
      settledAt: now,
      training: isTraining(p),
      verdict,
      uploadedCount: s.uploadedCount,
      totals,
      cycle: p.settlement.cycle,
      account: p.settlement.account,
    });
    const jobId = repos.inTransaction(() => {
      const id = print.enqueue(doc, { txId: null, kind: 'report', copy: null });
      if (!repos.settlements.close(s.batchNo, id, now)) fail('INTERNAL');
      repos.audit.append(
        {
          operatorNo: s.operatorNo,
          action: 'batch.settled',
          detail: { batchNo: s.batchNo, verdict, net: totals.total.netFen },
        },
        now,
      );
      deps.onSettled?.(s.batchNo, now);
      return id;
    });
    print.kick();
    // New batch, new keys: the terminal signs in again before the next card.
    host.signOut();
    logger.info('batch settled', { batchNo: s.batchNo, verdict });
    return {
      batchNo: s.batchNo,
      verdict,
      uploadedCount: s.uploadedCount,
      totals,
      printJobs: print.view([jobId]),
      nextBatchNo: formatBatchNo(Number(s.batchNo) + 1),
    };
  }

  const current = (batchNo: string) => {
    const s = repos.settlements.get(batchNo);
    if (!s) fail('INTERNAL');
    return s;
  };

  return {
    /** What settling now would report (nothing is sent or changed). */
    preview(): {
      batchNo: string | null;
      totals: BatchTotals | null;
      resuming: boolean;
      uncertainRefunds: TransactionView[];
    } {
      const unfinished = repos.settlements.unfinished();
      if (unfinished)
        return {
          batchNo: unfinished.batchNo,
          totals: unfinished.totals as BatchTotals,
          resuming: true,
          uncertainRefunds: [],
        };
      const batchNo = repos.counters.peekBatch();
      if (!batchNo) return { batchNo: null, totals: null, resuming: false, uncertainRefunds: [] };
      return {
        batchNo,
        totals: computeBatchTotals(repos.settlements.rows(batchNo), settings.get().fees),
        resuming: false,
        uncertainRefunds: uncertainRefunds(batchNo),
      };
    },

    /** Runs (or resumes) the settlement of the current batch to the end. */
    /**
     * `stillClear` is asked again once the reversals and QR follow-ups have
     * gone out (network waits): a payment another window started meanwhile
     * refuses the settlement before its totals are taken.
     */
    async settle(
      session: Session,
      stillClear: () => void = () => undefined,
    ): Promise<SettlementOutcome> {
      let s = repos.settlements.unfinished();
      if (!s) {
        await preflight(session.operatorNo);
        stillClear();
        const batchNo = repos.counters.peekBatch();
        if (!batchNo || repos.settlements.count(batchNo) === 0) fail('NOTHING_TO_SETTLE');
        const totals = computeBatchTotals(repos.settlements.rows(batchNo), settings.get().fees);
        repos.inTransaction(() =>
          repos.settlements.start(batchNo, session.operatorNo, totals, clock.now()),
        );
        s = current(batchNo);
      }
      if (s.step === 'started') {
        await sendTotals(s, session.operatorNo);
        s = current(s.batchNo);
      }
      if (s.step === 'unbalanced') {
        await upload(s);
        s = current(s.batchNo);
      }
      return close(s);
    },
  };
}
export type SettlementService = ReturnType<typeof createSettlementService>;
