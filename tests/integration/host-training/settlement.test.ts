import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildField60,
  buildField61,
  buildSettlementTotals,
  parseSettlementTotals,
  type IsoMessage,
  type SettlementTotals,
} from '../../../main/host/iso8583';
import {
  MSG_TYPE,
  PROCESSING,
  matchesRequest,
  replyMacValid,
  reversalRequest,
} from '../../../main/host/messages';
import type { TrainingHost } from '../../../main/host/training';
import {
  card,
  expectReply,
  field,
  startHost,
  terminalOn,
  withFields,
  type Terminal,
} from './harness';

let host: TrainingHost;
let t: Terminal;

beforeEach(async () => {
  host = await startHost();
  t = terminalOn(host);
  await t.signIn();
});
afterEach(() => host.close());

/** messages.ts has no settlement or batch-upload builder yet: these follow HOST-PROTOCOL.md. */
function settlementRequest(totals: SettlementTotals, batch = t.ids.batch): IsoMessage {
  const fields = new Map<number, string | Buffer>([
    [11, t.trace()],
    [41, t.ids.terminal],
    [42, t.ids.merchant],
    [48, buildSettlementTotals(totals)],
    [49, '156'],
    [60, buildField60({ messageType: '00', batch, networkCode: '201' })],
    [63, '01 '],
    [64, Buffer.alloc(8)],
  ]);
  return { mti: '0500', fields };
}

function batchUpload(networkCode: '201' | '202', extra: Array<[number, string]> = []): IsoMessage {
  const fields = new Map<number, string | Buffer>([
    [11, t.trace()],
    [41, t.ids.terminal],
    [42, t.ids.merchant],
    [60, buildField60({ messageType: '00', batch: t.ids.batch, networkCode })],
    [64, Buffer.alloc(8)],
  ]);
  for (const [n, v] of extra) fields.set(n, v);
  return { mti: '0320', fields };
}

const side = (debitCount: number, debitAmount: number, creditCount = 0, creditAmount = 0) => ({
  debitCount,
  debitAmount,
  creditCount,
  creditAmount,
  result: 0,
});

/**
 * A day's batch: sales of 10.00 and 20.00 (domestic) and 50.00 (foreign), a
 * void of the 10.00, a 7.00 sale lost and reversed, a declined 3.00 sale.
 * Domestic: debits 2 / 30.00, credits 1 / 10.00; foreign: debits 1 / 50.00.
 */
async function dayOfTrade(): Promise<SettlementTotals> {
  const a = t.cardRequest(card('approve'), { amountFen: 1_000 });
  const aReply = expectReply(await t.send(a));
  expectReply(await t.send(t.cardRequest(card('swipe'), { amountFen: 2_000 })));
  expectReply(await t.send(t.cardRequest(card('foreign'), { amountFen: 5_000 })));
  const lost = t.cardRequest(card('no-reply'), { amountFen: 700 });
  expect((await t.send(lost, 300)).kind).toBe('no-answer');
  const rev = reversalRequest({
    ids: t.ids,
    originalTrace: field(lost, 11) ?? '',
    card: card('no-reply'),
    processingCode: PROCESSING.sale,
    messageTypeCode: MSG_TYPE.sale,
    amountFen: 700,
    reason: '98',
  });
  expect(field(expectReply(await t.send(rev)).message, 39)).toBe('00');
  expectReply(await t.send(t.cardRequest(card('insufficient'), { amountFen: 300 })));
  const voidA = withFields(
    t.cardRequest(card('approve'), {
      amountFen: 1_000,
      pin: null,
      processingCode: '200000',
      messageTypeCode: MSG_TYPE.void,
    }),
    [
      [37, field(aReply.message, 37) ?? ''],
      [61, buildField61({ originalBatch: t.ids.batch, originalTrace: field(a, 11) ?? '' })],
    ],
  );
  expect(field(expectReply(await t.send(voidA)).message, 39)).toBe('00');
  return { domestic: side(2, 3_000, 1, 1_000), foreign: side(1, 5_000) };
}

describe('settlement 0500', () => {
  it('balances when the totals match the ledger: 00, 48 echoed with result 1, MACed', async () => {
    const totals = await dayOfTrade();
    const request = settlementRequest(totals);
    const reply = expectReply(await t.send(request));
    expect(reply.message.mti).toBe('0510');
    expect(matchesRequest(request, reply.message)).toEqual({ ok: true });
    expect(field(reply.message, 39)).toBe('00');
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
    const verdict = parseSettlementTotals(field(reply.message, 48) ?? '');
    expect(verdict).toEqual({
      domestic: { ...totals.domestic, result: 1 },
      foreign: { ...totals.foreign, result: 1 },
    });
  });

  it('is unbalanced (95, result 2) when the host is told to disagree', async () => {
    const totals = await dayOfTrade();
    host.settlementVerdict(t.ids.terminal, 'disagree');
    const reply = expectReply(await t.send(settlementRequest(totals)));
    expect(field(reply.message, 39)).toBe('95');
    const verdict = parseSettlementTotals(field(reply.message, 48) ?? '');
    expect([verdict.domestic.result, verdict.foreign.result]).toEqual([2, 2]);
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);

    host.settlementVerdict(t.ids.terminal, 'agree');
    expect(field(expectReply(await t.send(settlementRequest(totals))).message, 39)).toBe('00');
  });

  it('is unbalanced when the totals really differ (domestic or foreign)', async () => {
    const totals = await dayOfTrade();
    const offByOneFen = { ...totals, domestic: side(2, 3_001, 1, 1_000) };
    const r1 = expectReply(await t.send(settlementRequest(offByOneFen)));
    expect(field(r1.message, 39)).toBe('95');
    expect(parseSettlementTotals(field(r1.message, 48) ?? '').domestic.result).toBe(2);
    // The foreign sale counted as domestic: the grand total agrees, the split doesn't.
    const wrongSplit = { domestic: side(3, 8_000, 1, 1_000), foreign: side(0, 0) };
    expect(field(expectReply(await t.send(settlementRequest(wrongSplit))).message, 39)).toBe('95');
  });

  it('answers 77 when 60.2 is not the batch the terminal signed in with', async () => {
    const reply = expectReply(
      await t.send(settlementRequest({ domestic: side(0, 0), foreign: side(0, 0) }, '000002')),
    );
    expect(field(reply.message, 39)).toBe('77');
    // Signing in with the new batch makes it the one to settle.
    t.ids = { ...t.ids, batch: '000002' };
    await t.signIn();
    const ok = await t.send(settlementRequest({ domestic: side(0, 0), foreign: side(0, 0) }));
    expect(field(expectReply(ok).message, 39)).toBe('00');
  });
});

describe('batch upload 0320', () => {
  it('answers 00 to each and keeps what was uploaded per terminal and batch', async () => {
    const one = batchUpload('201', [
      [2, card('approve').pan],
      [3, '000000'],
      [4, '000000001000'],
      [48, '22000001'],
    ]);
    const end = batchUpload('202');
    for (const msg of [one, end]) {
      const reply = expectReply(await t.send(msg));
      expect(reply.message.mti).toBe('0330');
      expect(field(reply.message, 39)).toBe('00');
      expect(matchesRequest(msg, reply.message)).toEqual({ ok: true });
      expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
    }
    expect(host.uploads(t.ids.terminal, t.ids.batch)).toEqual([
      {
        networkCode: '201',
        trace: field(one, 11),
        processingCode: '000000',
        amountFen: 1_000,
        panMasked: '622202*********0003',
        detail: '22000001',
      },
      {
        networkCode: '202',
        trace: field(end, 11),
        processingCode: null,
        amountFen: null,
        panMasked: null,
        detail: null,
      },
    ]);
    expect(host.uploads(t.ids.terminal, '000009')).toEqual([]);
  });
});
