import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkValue } from '../../../main/host/crypto';
import { parseField60 } from '../../../main/host/iso8583';
import {
  MSG_TYPE,
  PROCESSING,
  echoRequest,
  matchesRequest,
  replyMacValid,
  signInRequest,
} from '../../../main/host/messages';
import type { TrainingHost } from '../../../main/host/training';
import { TRAINING_AMOUNT_LIMIT_FEN } from '../../../native/pinpad/test-cards';
import {
  IDS,
  TMK,
  card,
  expectReply,
  field,
  startHost,
  terminalOn,
  type Terminal,
} from './harness';

let host: TrainingHost;
let t: Terminal;

beforeEach(async () => {
  host = await startHost({ now: () => new Date(2025, 2, 7, 9, 5, 4) });
  t = terminalOn(host);
});
afterEach(() => host.close());

describe('sign-in and echo', () => {
  it('issues working keys under the TMK that pass their check values, with host time', async () => {
    const request = signInRequest(IDS, '000001', '01');
    const { pik, mak, reply } = await t.signIn();
    const msg = reply.message;
    expect(msg.mti).toBe('0810');
    expect(field(msg, 39)).toBe('00');
    expect(field(msg, 12)).toBe('090504');
    expect(field(msg, 13)).toBe('0307');
    expect(parseField60(field(msg, 60) ?? '')).toEqual(parseField60(field(request, 60) ?? ''));
    expect(matchesRequest(request, msg)).toEqual({ ok: true });
    // parseWorkingKeys (in signIn) already refused keys whose KCVs don't match; the keys are real.
    expect(pik.equals(mak)).toBe(false);
    expect(checkValue(pik)).toMatch(/^[0-9A-F]{8}$/);
    expect(msg.fields.has(64)).toBe(false);

    const again = await t.signIn();
    expect(again.mak.equals(mak)).toBe(false);
    expect(TMK.length).toBe(16);
  });

  it('answers the echo test 0830 / 00 without a MAC', async () => {
    const request = echoRequest(IDS, t.trace());
    const reply = expectReply(await t.send(request));
    expect(reply.message.mti).toBe('0830');
    expect(field(reply.message, 39)).toBe('00');
    expect(matchesRequest(request, reply.message)).toEqual({ ok: true });
    expect(host.log().map((e) => e.mti)).toEqual(['0820']);
  });

  it('answers 97 to every message of an unknown terminal, without a MAC', async () => {
    await t.signIn();
    const stranger = terminalOn(host, { ...IDS, terminal: 'T0000099' });
    stranger.keys = t.keys; // a MAC that would verify, were the terminal known
    const signIn = expectReply(await stranger.send(signInRequest(stranger.ids, '000001', '01')));
    expect(signIn.message.mti).toBe('0810');
    expect(field(signIn.message, 39)).toBe('97');
    expect(signIn.message.fields.has(62)).toBe(false);

    const sale = stranger.cardRequest(card('approve'));
    const saleReply = expectReply(await stranger.send(sale));
    expect(field(saleReply.message, 39)).toBe('97');
    expect(saleReply.message.fields.has(64)).toBe(false);
    expect(matchesRequest(sale, saleReply.message)).toEqual({ ok: true });

    // Right terminal number, wrong merchant: also not the acquirer's terminal.
    const wrongMerchant = terminalOn(host, { ...IDS, merchant: '898310148169999' });
    const r = expectReply(await wrongMerchant.send(echoRequest(wrongMerchant.ids, '000001')));
    expect(field(r.message, 39)).toBe('97');
    expect(host.ledger()).toEqual([]);
  });

  it('never knows a terminal numbered 97…, even registered (training-keys.ts)', async () => {
    host.register({ terminal: '97000001', merchant: IDS.merchant, tmk: TMK });
    const t97 = terminalOn(host, { ...IDS, terminal: '97000001' });
    const r = expectReply(await t97.send(signInRequest(t97.ids, '000001', '01')));
    expect(field(r.message, 39)).toBe('97');
  });

  it('unregister forgets the terminal; register brings it back', async () => {
    host.unregister(IDS.terminal);
    expect(field(expectReply(await t.send(echoRequest(IDS, t.trace()))).message, 39)).toBe('97');
    host.register({ terminal: IDS.terminal, merchant: IDS.merchant, tmk: TMK });
    await t.signIn();
  });
});

describe('MAC checks', () => {
  it('answers A0 without a MAC to a MACed request before sign-in', async () => {
    t.keys = { pik: Buffer.alloc(16, 1), mak: Buffer.alloc(16, 2) };
    const reply = expectReply(await t.send(t.cardRequest(card('approve'))));
    expect(field(reply.message, 39)).toBe('A0');
    expect(reply.message.fields.has(64)).toBe(false);
  });

  it('answers A0 to a request whose MAC is wrong, and acts on nothing', async () => {
    await t.signIn();
    const keys = t.keys!;
    t.keys = { ...keys, mak: Buffer.alloc(16, 7) };
    const reply = expectReply(await t.send(t.cardRequest(card('approve'))));
    expect(field(reply.message, 39)).toBe('A0');
    expect(reply.message.fields.has(64)).toBe(false);
    expect(host.ledger()).toEqual([]);
    expect(host.log().at(-1)).toMatchObject({ mti: '0200', responseCode: 'A0' });

    // A new sign-in replaces the MAK: the old one no longer verifies.
    const fresh = await t.signIn();
    t.keys = { pik: fresh.pik, mak: keys.mak };
    expect(field(expectReply(await t.send(t.cardRequest(card('approve')))).message, 39)).toBe('A0');
  });

  it('answers A0 to a MACed request that carries no MAC at all', async () => {
    await t.signIn();
    const sale = t.cardRequest(card('approve'));
    const fields = new Map(sale.fields);
    fields.delete(64);
    const reply = expectReply(await t.send({ mti: sale.mti, fields }));
    expect(field(reply.message, 39)).toBe('A0');
  });
});

describe('sale 0200', () => {
  beforeEach(() => t.signIn());

  it('approves the approve card: auth code, RRN, issuer, valid MAC, ledger entry', async () => {
    const sale = t.cardRequest(card('approve'), { amountFen: 12_345 });
    const reply = expectReply(await t.send(sale));
    const msg = reply.message;
    expect(msg.mti).toBe('0210');
    expect(matchesRequest(sale, msg)).toEqual({ ok: true });
    expect(field(msg, 39)).toBe('00');
    expect(field(msg, 38)).toMatch(/^[0-9]{6}$/);
    expect(field(msg, 37)).toMatch(/^[0-9]{12}$/);
    expect(field(msg, 63)).toBe('UNIONPAY');
    expect(replyMacValid(reply.body, msg, t.keys!.mak)).toBe(true);

    const [entry] = host.ledger();
    expect(entry).toMatchObject({
      terminal: IDS.terminal,
      merchant: IDS.merchant,
      batch: IDS.batch,
      trace: field(sale, 11),
      mti: '0200',
      processingCode: '000000',
      messageTypeCode: '22',
      amountFen: 12_345,
      panMasked: '622202*********0003',
      foreign: false,
      responseCode: '00',
      authCode: field(msg, 38),
      rrn: field(msg, 37),
      state: 'approved',
      at: new Date(2025, 2, 7, 9, 5, 4).toISOString(),
    });
    expect(JSON.stringify(host.ledger())).not.toContain(card('approve').pan);
  });

  it('gives every approval its own RRN and marks a foreign card', async () => {
    const a = expectReply(await t.send(t.cardRequest(card('approve'))));
    const b = expectReply(await t.send(t.cardRequest(card('foreign'))));
    expect(field(a.message, 37)).not.toBe(field(b.message, 37));
    expect(field(b.message, 63)).toBe('VISA');
    expect(host.ledger().map((e) => e.foreign)).toEqual([false, true]);
  });

  it.each([
    ['insufficient', '51'],
    ['expired', '54'],
    ['limit', '61'],
  ])('declines the %s card with %s (MACed), into the ledger as declined', async (id, code) => {
    const reply = expectReply(
      await t.send(t.cardRequest(card(id), { amountFen: TRAINING_AMOUNT_LIMIT_FEN + 1 })),
    );
    expect(field(reply.message, 39)).toBe(code);
    expect(reply.message.fields.has(38)).toBe(false);
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
    expect(host.ledger()[0]).toMatchObject({ state: 'declined', responseCode: code, rrn: null });
  });

  it('approves the limit card up to ¥5,000.00', async () => {
    const reply = expectReply(
      await t.send(t.cardRequest(card('limit'), { amountFen: TRAINING_AMOUNT_LIMIT_FEN })),
    );
    expect(field(reply.message, 39)).toBe('00');
  });

  it('declines 55 for a wrong PIN or no PIN block, and 54 for any card past its expiry', async () => {
    const wrong = await t.send(t.cardRequest(card('wrong-pin'), { pin: '654321' }));
    expect(field(expectReply(wrong).message, 39)).toBe('55');
    const right = await t.send(t.cardRequest(card('wrong-pin')));
    expect(field(expectReply(right).message, 39)).toBe('00');
    const none = await t.send(t.cardRequest(card('approve'), { pin: null }));
    expect(field(expectReply(none).message, 39)).toBe('55');
    const stale = await t.send(t.cardRequest({ ...card('approve'), expiry: '2502' }));
    expect(field(expectReply(stale).message, 39)).toBe('54');
    const thisMonth = await t.send(t.cardRequest({ ...card('approve'), expiry: '2503' }));
    expect(field(expectReply(thisMonth).message, 39)).toBe('00');
  });

  it('approves a card outside the deck that passes Luhn, and declines 14 one that does not', async () => {
    const good = { pan: '6212345678901232', expiry: '3012', entryMode: '051' as const };
    const bad = { ...good, pan: '6212345678901233' };
    expect(field(expectReply(await t.send(t.cardRequest(good))).message, 39)).toBe('00');
    expect(field(expectReply(await t.send(t.cardRequest(bad))).message, 39)).toBe('14');
  });

  it('answers a balance inquiry with field 54 and stores nothing', async () => {
    const inquiry = t.cardRequest(card('approve'), {
      amountFen: null,
      processingCode: PROCESSING.balance,
      messageTypeCode: MSG_TYPE.balance,
    });
    const reply = expectReply(await t.send(inquiry));
    expect(field(reply.message, 39)).toBe('00');
    expect(field(reply.message, 54)).toBe('1002156C000000123456');
    expect(replyMacValid(reply.body, reply.message, t.keys!.mak)).toBe(true);
    expect(host.ledger()).toEqual([]);
    expect(host.log().at(-1)).toMatchObject({ mti: '0200', responseCode: '00' });

    const pinned = t.cardRequest(card('approve'), {
      amountFen: null,
      pin: '000000',
      processingCode: PROCESSING.balance,
      messageTypeCode: MSG_TYPE.balance,
    });
    expect(field(expectReply(await t.send(pinned)).message, 39)).toBe('55');
  });

  it('answers 12 to a processing code that does not fit 60.1', async () => {
    const odd = t.cardRequest(card('approve'), { processingCode: PROCESSING.balance });
    expect(field(expectReply(await t.send(odd)).message, 39)).toBe('12');
  });
});
