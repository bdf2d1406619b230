import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildField61, type IsoMessage } from '../../../main/host/iso8583';
import { MSG_TYPE, PROCESSING, replyMacValid } from '../../../main/host/messages';
import type { TrainingHost } from '../../../main/host/training';
import {
  card,
  expectReply,
  field,
  startHost,
  terminalOn,
  withFields,
  type Reply,
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

/** messages.ts builds sales only; voids, refunds and the pre-auth family are put together here. */
async function sale(amountFen: number): Promise<{ request: IsoMessage; reply: Reply }> {
  const request = t.cardRequest(card('approve'), { amountFen });
  return { request, reply: expectReply(await t.send(request)) };
}

function voidOf(original: { request: IsoMessage; reply: Reply }, amountFen: number): IsoMessage {
  return withFields(
    t.cardRequest(card('approve'), {
      amountFen,
      pin: null,
      processingCode: '200000',
      messageTypeCode: MSG_TYPE.void,
    }),
    [
      [37, field(original.reply.message, 37) ?? ''],
      [
        61,
        buildField61({
          originalBatch: t.ids.batch,
          originalTrace: field(original.request, 11) ?? '',
        }),
      ],
    ],
  );
}

function refundOf(rrn: string, amountFen: number): IsoMessage {
  const base = t.cardRequest(card('approve'), {
    amountFen,
    pin: null,
    processingCode: '200000',
    messageTypeCode: MSG_TYPE.refund,
  });
  return withFields(
    base,
    [
      [37, rrn],
      [
        61,
        buildField61({ originalBatch: '000000', originalTrace: '000000', originalDate: '0307' }),
      ],
    ],
    '0220',
  );
}

function preauthFamily(
  messageTypeCode: string,
  amountFen: number,
  authCode?: string,
  mti = '0100',
): IsoMessage {
  const processingCode =
    messageTypeCode === MSG_TYPE.preauth
      ? PROCESSING.preauth
      : messageTypeCode === MSG_TYPE.preauthCancel
        ? '200000'
        : PROCESSING.sale;
  const base = t.cardRequest(card('approve'), { amountFen, processingCode, messageTypeCode });
  const extra: Array<[number, string]> = [[25, '06']];
  if (authCode) extra.push([38, authCode]);
  return withFields(base, extra, mti);
}

const code = (r: Reply) => field(r.message, 39);

describe('void (消费撤销)', () => {
  it('voids an approved sale of the same batch once, for its full amount', async () => {
    const original = await sale(2_500);
    expect(code(expectReply(await t.send(voidOf(original, 2_400))))).toBe('13');
    const reply = expectReply(await t.send(voidOf(original, 2_500)));
    expect(code(reply)).toBe('00');
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
    expect(field(reply.message, 37)).toMatch(/^[0-9]{12}$/);
    expect(code(expectReply(await t.send(voidOf(original, 2_500))))).toBe('12');

    const [sold, , voided] = host.ledger();
    expect(sold).toMatchObject({ state: 'approved', voidedBy: expect.any(String) });
    expect(voided).toMatchObject({
      mti: '0200',
      messageTypeCode: '23',
      state: 'approved',
      originalRrn: sold?.rrn,
      trace: sold?.voidedBy,
    });
  });

  it('answers 25 to a void of an unknown trace or of another batch', async () => {
    const original = await sale(900);
    const unknown = withFields(voidOf(original, 900), [
      [61, buildField61({ originalBatch: t.ids.batch, originalTrace: '999999' })],
    ]);
    expect(code(expectReply(await t.send(unknown)))).toBe('25');
    t.ids = { ...t.ids, batch: '000002' };
    expect(code(expectReply(await t.send(voidOf(original, 900))))).toBe('25');
  });
});

describe('refund (退货)', () => {
  it('refunds by RRN up to the original amount minus earlier refunds', async () => {
    const original = await sale(10_000);
    const rrn = field(original.reply.message, 37) ?? '';
    const first = expectReply(await t.send(refundOf(rrn, 6_000)));
    expect(first.message.mti).toBe('0230');
    expect(code(first)).toBe('00');
    expect(replyMacValid(first.body, first.message, t.keys!.mak)).toBe(true);
    expect(code(expectReply(await t.send(refundOf(rrn, 4_001))))).toBe('61');
    expect(code(expectReply(await t.send(refundOf(rrn, 4_000))))).toBe('00');
    expect(code(expectReply(await t.send(refundOf('000000000000', 1))))).toBe('25');
    expect(
      host
        .ledger()
        .filter((e) => e.messageTypeCode === '25')
        .map((e) => [e.amountFen, e.state]),
    ).toEqual([
      [6_000, 'approved'],
      [4_001, 'declined'],
      [4_000, 'approved'],
      [1, 'declined'], // the unknown RRN: declined 25, kept since the card is known
    ]);
  });
});

describe('pre-authorisation (预授权)', () => {
  it('holds with an auth code; completion up to 115 % by that code, once', async () => {
    const hold = expectReply(await t.send(preauthFamily(MSG_TYPE.preauth, 10_000)));
    expect(hold.message.mti).toBe('0110');
    expect(code(hold)).toBe('00');
    const auth = field(hold.message, 38) ?? '';
    expect(auth).toMatch(/^[0-9]{6}$/);

    const over = preauthFamily(MSG_TYPE.preauthComplete, 11_501, auth, '0200');
    expect(code(expectReply(await t.send(over)))).toBe('61');
    const done = expectReply(
      await t.send(preauthFamily(MSG_TYPE.preauthComplete, 11_500, auth, '0200')),
    );
    expect(code(done)).toBe('00');
    expect(field(done.message, 38)).toBe(auth);
    expect(replyMacValid(done.body, done.message, t.keys!.mak)).toBe(true);
    const twice = preauthFamily(MSG_TYPE.preauthComplete, 100, auth, '0200');
    expect(code(expectReply(await t.send(twice)))).toBe('12');
    expect(host.ledger().map((e) => [e.messageTypeCode, e.state])).toEqual([
      ['10', 'approved'],
      ['20', 'declined'],
      ['20', 'approved'],
      ['20', 'declined'],
    ]);
  });

  it('cancels a hold by auth code; an unknown code is 25', async () => {
    const hold = expectReply(await t.send(preauthFamily(MSG_TYPE.preauth, 3_000)));
    const auth = field(hold.message, 38) ?? '';
    // The pre-auth family carries 25 = 06; a cancel sent as 00 is malformed (30), the hold stays.
    const as00 = withFields(preauthFamily(MSG_TYPE.preauthCancel, 3_000, auth), [[25, '00']]);
    expect(code(expectReply(await t.send(as00)))).toBe('30');
    expect(
      code(expectReply(await t.send(preauthFamily(MSG_TYPE.preauthCancel, 3_000, auth)))),
    ).toBe('00');
    const after = preauthFamily(MSG_TYPE.preauthComplete, 3_000, auth, '0200');
    expect(code(expectReply(await t.send(after)))).toBe('12');
    const stranger = preauthFamily(
      MSG_TYPE.preauthCancel,
      3_000,
      auth === '000000' ? '000001' : '000000',
    );
    expect(code(expectReply(await t.send(stranger)))).toBe('25');
  });

  it('declines a pre-auth like a sale (card 51, wrong PIN 55)', async () => {
    const base = t.cardRequest(card('insufficient'), {
      processingCode: PROCESSING.preauth,
      messageTypeCode: MSG_TYPE.preauth,
    });
    expect(code(expectReply(await t.send(withFields(base, [[25, '06']], '0100'))))).toBe('51');
    const wrongPin = t.cardRequest(card('approve'), {
      pin: '111111',
      processingCode: PROCESSING.preauth,
      messageTypeCode: MSG_TYPE.preauth,
    });
    expect(code(expectReply(await t.send(withFields(wrongPin, [[25, '06']], '0100'))))).toBe('55');
  });
});
