import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IsoMessage } from '../../../main/host/iso8583';
import {
  MSG_TYPE,
  PROCESSING,
  matchesRequest,
  replyMacValid,
  reversalRequest,
} from '../../../main/host/messages';
import type { TrainingHost } from '../../../main/host/training';
import type { TestCard } from '../../../native/pinpad/test-cards';
import { card, expectReply, field, startHost, terminalOn, type Terminal } from './harness';

let host: TrainingHost;
let t: Terminal;

beforeEach(async () => {
  host = await startHost();
  t = terminalOn(host);
  await t.signIn();
});
afterEach(() => host.close());

/** The 0400 the client would send for `sale` (HOST-PROTOCOL.md: the original's fields + 39 reason). */
function reversalOf(sale: IsoMessage, c: TestCard, reason: '98' | 'A0' | '06' = '98'): IsoMessage {
  return reversalRequest({
    ids: t.ids,
    originalTrace: field(sale, 11) ?? '',
    card: c,
    processingCode: PROCESSING.sale,
    messageTypeCode: MSG_TYPE.sale,
    amountFen: Number(field(sale, 4)),
    reason,
  });
}

describe('the no-reply card and its reversal', () => {
  it('approves into the ledger, never answers, and the reversal undoes it', async () => {
    const c = card('no-reply');
    const sale = t.cardRequest(c, { amountFen: 8_800 });
    const result = await t.send(sale, 300);
    expect(result).toMatchObject({ kind: 'no-answer', reason: 'timeout' });
    expect(host.ledger()).toEqual([
      expect.objectContaining({ trace: field(sale, 11), state: 'approved', responseCode: '00' }),
    ]);
    expect(host.log().at(-1)).toMatchObject({ mti: '0200', responseCode: null });

    const reversal = reversalOf(sale, c);
    const reply = expectReply(await t.send(reversal));
    expect(reply.message.mti).toBe('0410');
    expect(field(reply.message, 39)).toBe('00');
    expect(matchesRequest(reversal, reply.message)).toEqual({ ok: true });
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
    expect(host.ledger()[0]?.state).toBe('reversed');

    // Store-and-forward may deliver the same reversal again: still 00, still reversed.
    const again = expectReply(await t.send(reversal));
    expect(field(again.message, 39)).toBe('00');
    expect(host.ledger().map((e) => e.state)).toEqual(['reversed']);
  });

  it('answers 25 (with a MAC) to a reversal of nothing it knows', async () => {
    const sale = t.cardRequest(card('approve'));
    const reply = expectReply(await t.send(reversalOf(sale, card('approve'))));
    expect(field(reply.message, 39)).toBe('25');
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
  });

  it('matches the original by amount too: a reversal for another amount is 25', async () => {
    const c = card('approve');
    const sale = t.cardRequest(c, { amountFen: 500 });
    expectReply(await t.send(sale));
    const other = reversalRequest({
      ids: t.ids,
      originalTrace: field(sale, 11) ?? '',
      card: c,
      processingCode: PROCESSING.sale,
      messageTypeCode: MSG_TYPE.sale,
      amountFen: 501,
      reason: '98',
    });
    expect(field(expectReply(await t.send(other)).message, 39)).toBe('25');
    expect(host.ledger()[0]?.state).toBe('approved');
  });
});

describe('the bad-MAC card', () => {
  it('approves with a reply whose MAC does not verify; the A0 reversal undoes it', async () => {
    const c = card('bad-mac');
    const sale = t.cardRequest(c);
    const reply = expectReply(await t.send(sale));
    expect(field(reply.message, 39)).toBe('00');
    expect(matchesRequest(sale, reply.message)).toEqual({ ok: true });
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(false);
    expect(host.ledger()[0]?.state).toBe('approved');

    const reversal = expectReply(await t.send(reversalOf(sale, c, 'A0')));
    expect(field(reversal.message, 39)).toBe('00');
    expect(replyMacValid(reversal.body, reversal.message, t.keys!.mak)).toBe(true);
    expect(host.ledger()[0]?.state).toBe('reversed');
  });
});

describe('failReversals', () => {
  it("'96': answers 96 and leaves the sale approved, then the next reversal goes through", async () => {
    const c = card('approve');
    const sale = t.cardRequest(c);
    expectReply(await t.send(sale));
    host.faults.failReversals(1, '96');
    const first = expectReply(await t.send(reversalOf(sale, c)));
    expect(field(first.message, 39)).toBe('96');
    expect(replyMacValid(first.body, first.message, t.keys!.mak)).toBe(true);
    expect(host.ledger()[0]?.state).toBe('approved');
    const second = expectReply(await t.send(reversalOf(sale, c)));
    expect(field(second.message, 39)).toBe('00');
    expect(host.ledger()[0]?.state).toBe('reversed');
  });

  it("'silent': the reversal gets no answer and is not acted on; only reversals count", async () => {
    const c = card('approve');
    host.faults.failReversals(2, 'silent');
    const sale = t.cardRequest(c);
    expect(field(expectReply(await t.send(sale)).message, 39)).toBe('00'); // not a reversal
    expect(await t.send(reversalOf(sale, c), 300)).toMatchObject({
      kind: 'no-answer',
      reason: 'timeout',
    });
    expect(await t.send(reversalOf(sale, c), 300)).toMatchObject({ kind: 'no-answer' });
    expect(host.ledger()[0]?.state).toBe('approved');
    expect(field(expectReply(await t.send(reversalOf(sale, c))).message, 39)).toBe('00');
  });
});
