import { macData, packBody, type FieldValue, type IsoMessage } from './iso8583';
import { buildField60, buildField61 } from './iso8583/subfields';
import { verifyX919Mac, x919Mac } from './crypto';

/**
 * Builds the requests of HOST-PROTOCOL.md part A and checks replies against
 * them. Protocol bytes live here and in iso8583/; services only say what they
 * want ("a sale of 1234 fen on this card") and read what came back.
 */
export interface TerminalIds {
  terminal: string;
  merchant: string;
  batch: string;
}

export interface CardData {
  pan: string;
  expiry: string;
  entryMode: string;
  track2?: string;
}

export const PROCESSING = {
  sale: '000000',
  void: '200000',
  preauth: '030000',
  balance: '310000',
} as const;
export const MSG_TYPE = {
  signIn: '00',
  balance: '01',
  preauth: '10',
  preauthCancel: '11',
  preauthComplete: '20',
  sale: '22',
  void: '23',
  refund: '25',
} as const;
export const NET_CODE = {
  signIn: '003',
  echo: '301',
  settlement: '201',
  batchUploadEnd: '202',
  none: '000',
} as const;
export const CURRENCY_CNY = '156';

/** Field 4: fen, 12 digits. */
export const amount12 = (fen: number) => String(fen).padStart(12, '0');
const entryMode3 = (mode: string) => mode.padStart(3, '0');

/** A request from (field, value) pairs; undefined values are left out. */
export function message(mti: string, entries: Array<[number, FieldValue | undefined]>): IsoMessage {
  const fields = new Map<number, FieldValue>();
  for (const [n, v] of entries) if (v !== undefined) fields.set(n, v);
  return { mti, fields };
}

export function signInRequest(ids: TerminalIds, trace: string, operatorNo: string): IsoMessage {
  return message('0800', [
    [11, trace],
    [41, ids.terminal],
    [42, ids.merchant],
    [
      60,
      buildField60({
        messageType: MSG_TYPE.signIn,
        batch: ids.batch,
        networkCode: NET_CODE.signIn,
      }),
    ],
    [63, operatorNo.padEnd(3, ' ')],
  ]);
}

export function echoRequest(ids: TerminalIds, trace: string): IsoMessage {
  return message('0820', [
    [11, trace],
    [41, ids.terminal],
    [42, ids.merchant],
    [60, buildField60({ messageType: '00', batch: ids.batch, networkCode: NET_CODE.echo })],
  ]);
}

/** A 0200 financial request (sale, balance inquiry) or 0100 pre-auth: card fields from the PIN pad. */
export function financialRequest(req: {
  ids: TerminalIds;
  trace: string;
  card: CardData;
  pinBlock: Buffer | null;
  processingCode: string;
  messageTypeCode: string;
  amountFen: number | null;
  /** 0100 for a pre-authorisation; 0200 otherwise. */
  mti?: '0200' | '0100';
  /** Field 25: 06 for pre-authorisations and completions. */
  posCondition?: '00' | '06';
}): IsoMessage {
  return message(req.mti ?? '0200', [
    [2, req.card.pan],
    [3, req.processingCode],
    [4, req.amountFen === null ? undefined : amount12(req.amountFen)],
    [11, req.trace],
    [14, req.card.expiry],
    [22, entryMode3(req.card.entryMode)],
    [25, req.posCondition ?? '00'],
    [35, req.card.track2],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [49, CURRENCY_CNY],
    [52, req.pinBlock ?? undefined],
    [
      60,
      buildField60({
        messageType: req.messageTypeCode,
        batch: req.ids.batch,
        networkCode: NET_CODE.none,
      }),
    ],
    [64, Buffer.alloc(8)],
  ]);
}

/** 60.1 codes of the pre-auth family, whose requests carry condition code 06 (field 25). */
const PREAUTH_FAMILY = new Set<string>([
  MSG_TYPE.preauth,
  MSG_TYPE.preauthCancel,
  MSG_TYPE.preauthComplete,
]);

/**
 * The 0400 reversal of a reversible request: the original's fields (card,
 * processing code, amount, the original trace, entry mode, condition code,
 * terminal, merchant, field 60, and for a void or pre-auth follow-up what
 * named its original: 37, 38, 61) plus the reason in field 39
 * (HOST-PROTOCOL.md A, reversal row: "original's fields + 39"). Never track 2
 * or the PIN block.
 */
export function reversalRequest(req: {
  ids: TerminalIds;
  originalTrace: string;
  card: { pan: string; expiry: string; entryMode: string };
  processingCode: string;
  messageTypeCode: string;
  amountFen: number;
  reason: '98' | 'A0' | '06';
  originalAuthCode?: string | null;
  /** The void's or follow-up's own original, as its request named it in 37 and 61. */
  original?: { batchNo: string; traceNo: string; rrn: string | null } | null;
}): IsoMessage {
  const isVoid = req.messageTypeCode === MSG_TYPE.void;
  return message('0400', [
    [2, req.card.pan],
    [3, req.processingCode],
    [4, amount12(req.amountFen)],
    [11, req.originalTrace],
    [14, req.card.expiry],
    [22, entryMode3(req.card.entryMode)],
    [25, PREAUTH_FAMILY.has(req.messageTypeCode) ? '06' : '00'],
    [37, isVoid ? (req.original?.rrn ?? undefined) : undefined],
    [38, req.originalAuthCode ?? undefined],
    [39, req.reason],
    [41, req.ids.terminal],
    [42, req.ids.merchant],
    [49, CURRENCY_CNY],
    [
      60,
      buildField60({
        messageType: req.messageTypeCode,
        batch: req.ids.batch,
        networkCode: NET_CODE.none,
      }),
    ],
    [
      61,
      req.original
        ? buildField61({ originalBatch: req.original.batchNo, originalTrace: req.original.traceNo })
        : undefined,
    ],
    [64, Buffer.alloc(8)],
  ]);
}

/** Packs a request; if it carries field 64, fills it with the X9.19 MAC under the MAK. */
export function packWithMac(msg: IsoMessage, mak: Buffer | null): Buffer {
  const body = packBody(msg);
  if (!msg.fields.has(64)) return body;
  if (!mak) throw new Error(`request ${msg.mti} needs a MAC but no MAC key is loaded`);
  const mac = x919Mac(mak, macData(body));
  mac.copy(body, body.length - 8);
  return body;
}

/** `field`: the field that differs; null when the message type itself is wrong. */
export type ReplyCheck = { ok: true } | { ok: false; why: string; field: number | null };

/**
 * A reply answers a request only if its MTI is the request's + 10 and fields
 * 3, 4, 11, 41 and 42 (where the request had them) are equal.
 */
export function matchesRequest(request: IsoMessage, reply: IsoMessage): ReplyCheck {
  const expectedMti = String(Number(request.mti) + 10).padStart(4, '0');
  if (reply.mti !== expectedMti)
    return { ok: false, why: `reply MTI ${reply.mti}, expected ${expectedMti}`, field: null };
  for (const n of [3, 4, 11, 41, 42]) {
    const sent = request.fields.get(n);
    if (sent === undefined) continue;
    const got = reply.fields.get(n);
    if (got === undefined || String(got) !== String(sent)) {
      return {
        ok: false,
        field: n,
        why: `field ${n} is ${got === undefined ? 'missing' : JSON.stringify(String(got))}, sent ${JSON.stringify(String(sent))}`,
      };
    }
  }
  return { ok: true };
}

export function text(msg: IsoMessage, n: number): string | null {
  const v = msg.fields.get(n);
  if (v === undefined) return null;
  return (typeof v === 'string' ? v : v.toString('latin1')).trim();
}

export function responseCode(msg: IsoMessage): string | null {
  return text(msg, 39);
}

/** The MAC of a reply (from MTI up to field 64) is right under the MAK. */
/**
 * Approved (00) replies must carry a valid MAC (HOST-PROTOCOL.md A), and any
 * reply that carries a MAC must carry a valid one: a decline whose MAC fails
 * may be an approval damaged on the way, so it is no answer either.
 */
export function replyMacAcceptable(body: Buffer, reply: IsoMessage, mak: Buffer): boolean {
  if (reply.fields.has(64)) return replyMacValid(body, reply, mak);
  return responseCode(reply) !== '00';
}

export function replyMacValid(body: Buffer, reply: IsoMessage, mak: Buffer): boolean {
  const mac = reply.fields.get(64);
  if (!Buffer.isBuffer(mac)) return false;
  return verifyX919Mac(mak, macData(body), mac);
}
