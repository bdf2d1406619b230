import type { Field60, FieldValue, IsoMessage } from '../iso8583';
import { text } from '../messages';
import type { CardInfo } from './cards';
import { RC } from './common';
import type { HostContext, Session } from './context';
import type { LedgerRecord, NewRecord } from './ledger';
import { answer, type Decision } from './reply';
import type { TrainingTerminal } from './types';

/** One financial request being handled, with what every handler needs. */
export interface FinancialRequest {
  readonly ctx: HostContext;
  readonly terminal: TrainingTerminal;
  readonly session: Session;
  readonly req: IsoMessage;
  readonly f60: Field60;
  readonly now: Date;
}

/** An answer from this host to this terminal: always MACed, since the request's MAC verified. */
export function reply(
  r: FinancialRequest,
  code: string,
  extra: Array<[number, FieldValue]> = [],
): Decision {
  return answer(r.req, code, r.now, r.session.mak, extra);
}

/** 37 RRN and 38 auth code of an approved entry, plus 63 issuer name when known. */
export function approvalFields(rec: LedgerRecord, issuer?: string): Array<[number, FieldValue]> {
  const out: Array<[number, FieldValue]> = [];
  if (rec.rrn) out.push([37, rec.rrn]);
  if (rec.authCode) out.push([38, rec.authCode]);
  if (issuer) out.push([63, issuer]);
  return out;
}

/** The ledger entry for this request, about `card` (or the original's card). */
export function record(
  r: FinancialRequest,
  card: Pick<CardInfo, 'panMasked' | 'foreign'>,
  amountFen: number,
  responseCode: string,
  original: LedgerRecord | null = null,
): NewRecord {
  return {
    terminal: r.terminal.terminal,
    merchant: r.terminal.merchant,
    batch: r.f60.batch,
    trace: text(r.req, 11) ?? '',
    mti: r.req.mti,
    processingCode: text(r.req, 3) ?? '',
    messageTypeCode: r.f60.messageType,
    amountFen,
    panMasked: card.panMasked,
    foreign: card.foreign,
    responseCode,
    state: responseCode === RC.approved ? 'approved' : 'declined',
    at: r.now.toISOString(),
    original,
  };
}
