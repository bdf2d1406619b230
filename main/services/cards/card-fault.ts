import type { CardFault } from '../../../preload/contract';
import type { ExchangeResult, HostEndpoint } from '../../host/client';
import type { IsoMessage } from '../../host/iso8583';
import { matchesRequest, replyMacAcceptable } from '../../host/messages';

/** Why a sent reversible request has no valid answer. */
export interface NoValidAnswer {
  kind: 'none';
  /** The reversal reason the host is told (PRODUCT.md §4): 98 no answer, A0 a bad MAC. */
  reason: '98' | 'A0';
  /** For the cashier's sentence (renderer/src/lib/card-fault.ts): no card data, only what the line did. */
  fault: CardFault;
  /** For the history and the log: the technician's words, with the detail the host client gave. */
  note: string;
}

/** A sent request's fate: its answer, or why there is none (a reversal follows). */
export type Judged = { kind: 'answer'; reply: IsoMessage } | NoValidAnswer;

/** Whole seconds of the reply wait, as the technician typed them (timeoutSec). */
const seconds = (ms: number) => Math.ceil(ms / 1000);

/**
 * The one place a sent request's fate is named: from what the host client
 * saw (a timeout, a cut, a reply the decoder refused) or what the reply says
 * (another trace, terminal, amount; a MAC that does not verify). A reply that
 * survives every check is the answer. Called only for requests that
 * left the terminal: a `not-sent` result is an error, not a reversal.
 */
export function judgeReply(
  request: IsoMessage,
  result: Exclude<ExchangeResult, { kind: 'not-sent' }>,
  endpoint: Pick<HostEndpoint, 'timeoutMs'>,
  mak: Buffer,
): Judged {
  if (result.kind === 'no-answer') {
    const note = `${result.reason}: ${result.detail}`;
    const bytes = result.received ?? 0;
    if (result.reason === 'timeout')
      return {
        kind: 'none',
        reason: '98',
        fault: { kind: 'timeout', seconds: seconds(endpoint.timeoutMs), bytes },
        note,
      };
    if (result.reason === 'closed')
      return { kind: 'none', reason: '98', fault: { kind: 'cut', bytes }, note };
    return { kind: 'none', reason: '98', fault: { kind: 'undecodable' }, note };
  }
  const check = matchesRequest(request, result.message);
  if (!check.ok)
    return {
      kind: 'none',
      reason: '98',
      fault: { kind: 'mismatch', field: check.field },
      note: `not the answer: ${check.why}`,
    };
  if (!replyMacAcceptable(result.body, result.message, mak))
    return {
      kind: 'none',
      reason: 'A0',
      fault: { kind: 'bad-mac' },
      note: 'reply MAC does not verify',
    };
  return { kind: 'answer', reply: result.message };
}
