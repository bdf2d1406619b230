import { parseField61, type Field61 } from '../iso8583';
import { text } from '../messages';
import { pinCorrect, readCard } from './cards';
import { RC, amountOf } from './common';
import { MSG, type LedgerRecord } from './ledger';
import type { Decision } from './reply';
import { approvalFields, record, reply, type FinancialRequest } from './request';

/**
 * Requests that refer to an earlier approved entry: void (by 61.2 trace, same
 * batch), refund (by 37 RRN), pre-auth cancel and completion (by 38 auth
 * code). Each is approved or declined into the ledger, linked to its original.
 */

/** Completion may exceed the hold by up to 15 % (PRODUCT.md §4). */
const COMPLETION_PERCENT = 115;

function field61(req: FinancialRequest['req']): Field61 | null {
  const raw = text(req, 61);
  if (raw === null) return null;
  try {
    return parseField61(raw);
  } catch {
    return null;
  }
}

export function handleFollowUp(r: FinancialRequest): Decision {
  const amount = amountOf(r.req);
  if (amount === null || amount <= 0) return reply(r, RC.invalidAmount);
  const found = findOriginal(r);
  if (typeof found === 'string') return decline(r, found, amount, null);
  const { original, problem } = check(r, found, amount);
  if (problem) return decline(r, problem, amount, original);
  const rec = r.ctx.ledger.add(
    record(r, original, amount, RC.approved, original),
    original.authCode,
  );
  return reply(r, RC.approved, approvalFields(rec));
}

/** The entry the request refers to, or the response code saying why there is none usable. */
function findOriginal(r: FinancialRequest): LedgerRecord | string {
  const { ledger } = r.ctx;
  const me = r.terminal;
  const live = (x: LedgerRecord) => x.state === 'approved';
  switch (r.f60.messageType) {
    case MSG.void: {
      const trace = field61(r.req)?.originalTrace;
      if (!trace) return RC.formatError;
      // Same terminal and batch only: after settlement it is a refund's job.
      return (
        ledger.find(
          (x) =>
            live(x) &&
            x.terminal === me.terminal &&
            x.batch === r.f60.batch &&
            x.trace === trace &&
            x.messageTypeCode === MSG.sale,
        ) ?? RC.notFound
      );
    }
    case MSG.refund: {
      const rrn = text(r.req, 37);
      if (!rrn) return RC.formatError;
      return (
        ledger.find(
          (x) =>
            live(x) &&
            x.merchant === me.merchant &&
            x.rrn === rrn &&
            (x.messageTypeCode === MSG.sale || x.messageTypeCode === MSG.completion),
        ) ?? RC.notFound
      );
    }
    default: {
      // Pre-auth cancel and completion name their pre-auth by its auth code.
      const auth = text(r.req, 38);
      if (!auth) return RC.formatError;
      return (
        ledger.find(
          (x) =>
            live(x) &&
            x.merchant === me.merchant &&
            x.authCode === auth &&
            x.messageTypeCode === MSG.preauth,
        ) ?? RC.notFound
      );
    }
  }
}

/** Rules on the original and the amount; also the card and PIN where the request carries them. */
function check(
  r: FinancialRequest,
  original: LedgerRecord,
  amount: number,
): { original: LedgerRecord; problem: string | null } {
  const { ledger } = r.ctx;
  const fail = (problem: string) => ({ original, problem });
  const card = readCard(r.req);
  if (card && card.panMasked !== original.panMasked) return fail(RC.notFound);
  // Voids and refunds are authorised by the supervisor at the counter; a PIN is checked only when sent.
  if (card && r.req.fields.has(52) && !pinCorrect(r.req, card.pan, r.session.pik)) {
    return fail(RC.wrongPin);
  }
  switch (r.f60.messageType) {
    case MSG.void: {
      const rrn = text(r.req, 37);
      if (rrn && rrn !== original.rrn) return fail(RC.notFound);
      if (ledger.childrenOf(original, [MSG.void]).length > 0) return fail(RC.invalidTransaction);
      if (amount !== original.amountFen) return fail(RC.invalidAmount);
      return { original, problem: null };
    }
    case MSG.refund: {
      if (ledger.childrenOf(original, [MSG.void]).length > 0) return fail(RC.invalidTransaction);
      const refunded = ledger
        .childrenOf(original, [MSG.refund])
        .reduce((sum, x) => sum + x.amountFen, 0);
      if (amount > original.amountFen - refunded) return fail(RC.overLimit);
      return { original, problem: null };
    }
    case MSG.preauthCancel: {
      if (ledger.childrenOf(original, [MSG.preauthCancel, MSG.completion]).length > 0) {
        return fail(RC.invalidTransaction);
      }
      if (amount !== original.amountFen) return fail(RC.invalidAmount);
      return { original, problem: null };
    }
    default: {
      if (ledger.childrenOf(original, [MSG.preauthCancel, MSG.completion]).length > 0) {
        return fail(RC.invalidTransaction);
      }
      const ceiling = Math.floor((original.amountFen * COMPLETION_PERCENT) / 100);
      if (amount > ceiling) return fail(RC.overLimit);
      return { original, problem: null };
    }
  }
}

/** A decline goes into the ledger when the host knows whose card it was about. */
function decline(
  r: FinancialRequest,
  code: string,
  amount: number,
  original: LedgerRecord | null,
): Decision {
  const card = readCard(r.req) ?? original;
  if (card) r.ctx.ledger.add(record(r, card, amount, code, original));
  return reply(r, code);
}
