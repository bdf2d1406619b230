import type { IsoMessage } from '../iso8583';
import { text } from '../messages';
import { balanceFen, isExpired, issuerDecides, issuerName, pinCorrect, readCard } from './cards';
import { RC, amountOf, field60 } from './common';
import type { HostContext, Session } from './context';
import { handleFollowUp } from './follow-ups';
import { MSG } from './ledger';
import { answer, replyTo, type Decision } from './reply';
import { approvalFields, record, reply, type FinancialRequest } from './request';
import type { TrainingTerminal } from './types';

type Kind = 'sale' | 'balance' | 'preauth' | 'follow-up';

/** MTI / 60.1 → the processing code it must carry and who handles it (HOST-PROTOCOL.md, Messages). */
const ROUTES: Readonly<Record<string, { pc: string; kind: Kind }>> = {
  [`0200/${MSG.sale}`]: { pc: '000000', kind: 'sale' },
  '0200/01': { pc: '310000', kind: 'balance' },
  [`0200/${MSG.void}`]: { pc: '200000', kind: 'follow-up' },
  [`0200/${MSG.completion}`]: { pc: '000000', kind: 'follow-up' },
  [`0220/${MSG.refund}`]: { pc: '200000', kind: 'follow-up' },
  [`0100/${MSG.preauth}`]: { pc: '030000', kind: 'preauth' },
  [`0100/${MSG.preauthCancel}`]: { pc: '200000', kind: 'follow-up' },
};

const PREAUTH_FAMILY: ReadonlySet<string> = new Set([
  MSG.preauth,
  MSG.preauthCancel,
  MSG.completion,
]);

/** 0200 / 0220 / 0100 / 0400 whose MAC has verified. */
export function handleFinancial(
  ctx: HostContext,
  terminal: TrainingTerminal,
  session: Session,
  req: IsoMessage,
  now: Date,
): Decision {
  const f60 = field60(req);
  if (!f60) return answer(req, RC.formatError, now, session.mak);
  const r: FinancialRequest = { ctx, terminal, session, req, f60, now };
  if (req.mti === '0400') return reversal(r);
  const route = ROUTES[`${req.mti}/${f60.messageType}`];
  if (!route || route.pc !== text(req, 3)) return reply(r, RC.invalidTransaction);
  // The pre-auth family (hold, cancel, completion) carries condition code 06
  // (HOST-PROTOCOL.md field 25); a hold or follow-up without it is malformed.
  if (PREAUTH_FAMILY.has(f60.messageType) && text(req, 25) !== '06') {
    return reply(r, RC.formatError);
  }
  switch (route.kind) {
    case 'sale':
    case 'preauth':
      return authorise(r);
    case 'balance':
      return balance(r);
    case 'follow-up':
      return handleFollowUp(r);
  }
}

/**
 * Sale and pre-auth: PIN, expiry, then the issuer's answer by card. Every
 * decision on a readable card and amount goes into the ledger, declines too.
 */
function authorise(r: FinancialRequest): Decision {
  const amount = amountOf(r.req);
  if (amount === null || amount <= 0) return reply(r, RC.invalidAmount);
  const card = readCard(r.req);
  if (!card) return reply(r, RC.invalidCard);
  const early = !pinCorrect(r.req, card.pan, r.session.pik)
    ? RC.wrongPin
    : isExpired(card.expiry, r.now)
      ? RC.expired
      : null;
  const issuer = early ? { code: early, reply: 'normal' as const } : issuerDecides(card, amount);
  const rec = r.ctx.ledger.add(record(r, card, amount, issuer.code));
  // The no-reply card: the issuer took the money, the answer is lost on the way.
  if (issuer.reply === 'none') return { kind: 'no-reply', byFault: false };
  const extra = rec.state === 'approved' ? approvalFields(rec, issuerName(card)) : [];
  return {
    kind: 'reply',
    message: replyTo(r.req, issuer.code, r.now, extra),
    mak: r.session.mak,
    corruptMac: issuer.reply === 'bad-mac',
  };
}

/** Balance inquiry: nothing is stored; the answer carries 54 (account 10, balance 02, CNY, credit). */
function balance(r: FinancialRequest): Decision {
  const card = readCard(r.req);
  if (!card) return reply(r, RC.invalidCard);
  if (!pinCorrect(r.req, card.pan, r.session.pik)) return reply(r, RC.wrongPin);
  if (isExpired(card.expiry, r.now)) return reply(r, RC.expired);
  const answer = issuerDecides(card, 0);
  if (answer.code !== RC.approved && answer.code !== RC.insufficientFunds) {
    return reply(r, answer.code);
  }
  const amount = String(balanceFen(card)).padStart(12, '0');
  return reply(r, RC.approved, [
    [54, `1002156C${amount}`],
    [63, issuerName(card)],
  ]);
}

/**
 * 0400: undo the entry with this terminal, trace, amount and processing code.
 * Unknown → 25; already reversed (a retried reversal) → 00 again; a declined
 * original has nothing to undo → 00 as well.
 */
function reversal(r: FinancialRequest): Decision {
  const fault = r.ctx.faults.takeReversal();
  if (fault === 'silent') return { kind: 'no-reply', byFault: true };
  if (fault === '96') {
    const message = replyTo(r.req, RC.systemError, r.now);
    return { kind: 'reply', message, mak: r.session.mak, byFault: true };
  }
  const amount = amountOf(r.req);
  const trace = text(r.req, 11);
  if (amount === null || !trace) return reply(r, RC.formatError);
  const original = r.ctx.ledger.findForReversal(
    r.terminal.terminal,
    trace,
    amount,
    text(r.req, 3) ?? '',
  );
  if (!original) return reply(r, RC.notFound);
  if (original.state === 'approved') r.ctx.ledger.reverse(original);
  return reply(r, RC.approved);
}
