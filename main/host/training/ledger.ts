import { randomInt } from 'node:crypto';
import { SETTLEMENT_RESULT, type SettlementSide, type SettlementTotals } from '../iso8583';
import type { LedgerEntry, LedgerState } from './types';

/**
 * The host's record of financial requests it acted on, per host instance.
 * Links between entries (a void to its sale, a completion to its pre-auth)
 * are kept as references and the derived facts ("this sale is voided") are
 * computed from the entries, so that reversing a void un-voids the sale
 * without anyone remembering to.
 */
export interface LedgerRecord extends Omit<LedgerEntry, 'originalRrn' | 'voidedBy'> {
  readonly original: LedgerRecord | null;
}

export type NewRecord = Omit<LedgerRecord, 'authCode' | 'rrn' | 'state'> & {
  state: Exclude<LedgerState, 'reversed'>;
};

export const MSG = {
  sale: '22',
  void: '23',
  refund: '25',
  preauth: '10',
  preauthCancel: '11',
  completion: '20',
} as const;

const DEBITS: readonly string[] = [MSG.sale, MSG.completion];
const CREDITS: readonly string[] = [MSG.void, MSG.refund];

export interface Ledger {
  /** Adds an entry; approved ones get a fresh RRN and the given (or a fresh) auth code. */
  add(rec: NewRecord, authCode?: string | null): LedgerRecord;
  reverse(rec: LedgerRecord): void;
  snapshot(): LedgerEntry[];
  /** The latest entry a reversal (terminal, trace, amount, processing code) points at. */
  findForReversal(
    terminal: string,
    trace: string,
    amountFen: number,
    processingCode: string,
  ): LedgerRecord | undefined;
  find(pred: (r: LedgerRecord) => boolean): LedgerRecord | undefined;
  /** Approved, unreversed entries of these 60.1 codes that refer to `rec`. */
  childrenOf(rec: LedgerRecord, codes: readonly string[]): LedgerRecord[];
  /** The host's settlement totals for a terminal's batch (result digit 0). */
  totals(terminal: string, batch: string): SettlementTotals;
}

export function createLedger(now: () => Date): Ledger {
  const records: LedgerRecord[] = [];
  const authCodes = new Set<string>();
  let rrnSeq = 0;

  function nextRrn(): string {
    // Date prefix for readability on slips; the sequence alone keeps RRNs unique per host.
    const d = now();
    const yymmdd =
      String(d.getFullYear() % 100).padStart(2, '0') +
      String(d.getMonth() + 1).padStart(2, '0') +
      String(d.getDate()).padStart(2, '0');
    rrnSeq += 1;
    return yymmdd + String(rrnSeq % 1_000_000).padStart(6, '0');
  }

  function nextAuthCode(): string {
    // Unique per host, because pre-auth cancel and completion find their pre-auth by it.
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (!authCodes.has(code)) {
        authCodes.add(code);
        return code;
      }
    }
  }

  const live = (r: LedgerRecord) => r.state === 'approved';

  function childrenOf(rec: LedgerRecord, codes: readonly string[]): LedgerRecord[] {
    return records.filter(
      (r) => r.original === rec && live(r) && codes.includes(r.messageTypeCode),
    );
  }

  function side(entries: LedgerRecord[]): SettlementSide {
    const debits = entries.filter((r) => DEBITS.includes(r.messageTypeCode));
    const credits = entries.filter((r) => CREDITS.includes(r.messageTypeCode));
    const sum = (rs: LedgerRecord[]) => rs.reduce((s, r) => s + r.amountFen, 0);
    return {
      debitCount: debits.length,
      debitAmount: sum(debits),
      creditCount: credits.length,
      creditAmount: sum(credits),
      result: SETTLEMENT_RESULT.REQUEST,
    };
  }

  return {
    add(rec, authCode) {
      const approved = rec.state === 'approved';
      const record = {
        ...rec,
        authCode: approved ? (authCode ?? nextAuthCode()) : null,
        rrn: approved ? nextRrn() : null,
      };
      records.push(record);
      return record;
    },
    reverse(rec) {
      rec.state = 'reversed';
    },
    snapshot() {
      return records.map((rec) => {
        const { original, ...entry } = rec;
        return {
          ...entry,
          originalRrn: original?.rrn ?? null,
          voidedBy: childrenOf(rec, [MSG.void])[0]?.trace ?? null,
        };
      });
    },
    findForReversal(terminal, trace, amountFen, processingCode) {
      return records.findLast(
        (r) =>
          r.terminal === terminal &&
          r.trace === trace &&
          r.amountFen === amountFen &&
          r.processingCode === processingCode,
      );
    },
    find: (pred) => records.findLast(pred),
    childrenOf,
    totals(terminal, batch) {
      const mine = records.filter((r) => r.terminal === terminal && r.batch === batch && live(r));
      return {
        domestic: side(mine.filter((r) => !r.foreign)),
        foreign: side(mine.filter((r) => r.foreign)),
      };
    },
  };
}
