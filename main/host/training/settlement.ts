import {
  SETTLEMENT_RESULT,
  buildSettlementTotals,
  parseSettlementTotals,
  type IsoMessage,
  type SettlementSide,
  type SettlementTotals,
} from '../iso8583';
import { text } from '../messages';
import { maskPan } from './cards';
import { RC, amountOf, field60 } from './common';
import { uploadKey, type HostContext, type Session } from './context';
import { answer, type Decision } from './reply';
import type { BatchUpload, TrainingTerminal } from './types';

function parseTotals(req: IsoMessage): SettlementTotals | null {
  const raw = text(req, 48);
  if (raw === null) return null;
  try {
    return parseSettlementTotals(raw);
  } catch {
    return null;
  }
}

const sameSide = (a: SettlementSide, b: SettlementSide) =>
  a.debitCount === b.debitCount &&
  a.debitAmount === b.debitAmount &&
  a.creditCount === b.creditCount &&
  a.creditAmount === b.creditAmount;

/**
 * 0500 settlement: the terminal's totals against the host's own for the
 * terminal and batch. Balanced only when both sides match and the test hasn't
 * told the host to disagree; the reply repeats the terminal's totals with the
 * verdict in each result digit (both 1, or both 2 with 39 = 95).
 */
export function handleSettlement(
  ctx: HostContext,
  terminal: TrainingTerminal,
  session: Session,
  req: IsoMessage,
  now: Date,
): Decision {
  const f60 = field60(req);
  if (!f60) return answer(req, RC.formatError, now, session.mak);
  if (f60.networkCode !== '201') return answer(req, RC.invalidTransaction, now, session.mak);
  // The batch a terminal settles must be the one it signed in with; else it signs in again.
  if (f60.batch !== session.batch || ctx.faults.takeBatchMismatch())
    return answer(req, RC.batchMismatch, now, session.mak);
  const theirs = parseTotals(req);
  if (!theirs) return answer(req, RC.formatError, now, session.mak);

  const ours = ctx.ledger.totals(terminal.terminal, f60.batch);
  const balanced =
    (ctx.verdicts.get(terminal.terminal) ?? 'agree') === 'agree' &&
    sameSide(theirs.domestic, ours.domestic) &&
    sameSide(theirs.foreign, ours.foreign);
  const result = balanced ? SETTLEMENT_RESULT.BALANCED : SETTLEMENT_RESULT.UNBALANCED;
  const verdict = buildSettlementTotals({
    domestic: { ...theirs.domestic, result },
    foreign: { ...theirs.foreign, result },
  });
  return answer(req, balanced ? RC.approved : RC.unbalanced, now, session.mak, [[48, verdict]]);
}

/** 0320 batch upload: 60.3 201 one transaction, 202 the end; each kept and answered 00. */
export function handleBatchUpload(
  ctx: HostContext,
  terminal: TrainingTerminal,
  session: Session,
  req: IsoMessage,
  now: Date,
): Decision {
  const f60 = field60(req);
  if (!f60) return answer(req, RC.formatError, now, session.mak);
  const networkCode = f60.networkCode ?? '';
  if (networkCode !== '201' && networkCode !== '202') {
    return answer(req, RC.invalidTransaction, now, session.mak);
  }
  const pan = text(req, 2);
  const upload: BatchUpload = {
    networkCode,
    trace: text(req, 11) ?? '',
    processingCode: text(req, 3),
    amountFen: amountOf(req),
    panMasked: pan ? maskPan(pan) : null,
    detail: text(req, 48),
  };
  const key = uploadKey(terminal.terminal, f60.batch);
  ctx.uploads.set(key, [...(ctx.uploads.get(key) ?? []), upload]);
  return answer(req, RC.approved, now, session.mak);
}
