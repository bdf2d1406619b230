import { randomBytes } from 'node:crypto';
import { packBody, type FieldValue, type IsoMessage } from '../iso8583';
import { packWithMac } from '../messages';

/**
 * What the host does with one request: answer it (with a MAC under `mak`
 * when given, deliberately wrong when `corruptMac`), or keep quiet.
 * `byFault` marks a decision forced by the failReversals knob, for the log.
 */
export type Decision =
  | {
      kind: 'reply';
      message: IsoMessage;
      mak: Buffer | null;
      corruptMac?: boolean;
      byFault?: boolean;
    }
  | { kind: 'no-reply'; byFault: boolean };

/** Fields every reply repeats from its request (the client matches on 3, 4, 11, 41, 42). */
const ECHOED = [3, 4, 11, 41, 42, 60] as const;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The reply to `req`: MTI + 10, echoed fields, host local time in 12 (hhmmss)
 * and 13 (MMDD), 39 = `code`, then `extra`.
 */
export function replyTo(
  req: IsoMessage,
  code: string,
  now: Date,
  extra: Array<[number, FieldValue]> = [],
): IsoMessage {
  const fields = new Map<number, FieldValue>();
  for (const n of ECHOED) {
    const v = req.fields.get(n);
    if (v !== undefined) fields.set(n, v);
  }
  fields.set(12, two(now.getHours()) + two(now.getMinutes()) + two(now.getSeconds()));
  fields.set(13, two(now.getMonth() + 1) + two(now.getDate()));
  fields.set(39, code);
  for (const [n, v] of extra) fields.set(n, v);
  return { mti: String(Number(req.mti) + 10).padStart(4, '0'), fields };
}

export function answer(
  req: IsoMessage,
  code: string,
  now: Date,
  mak: Buffer | null,
  extra: Array<[number, FieldValue]> = [],
): Decision {
  return { kind: 'reply', message: replyTo(req, code, now, extra), mak };
}

/** The reply body; with a MAK, field 64 is added and filled (or spoiled, for the bad-MAC card). */
export function packReply(d: Extract<Decision, { kind: 'reply' }>): Buffer {
  if (!d.mak) return packBody(d.message);
  const fields = new Map(d.message.fields);
  fields.set(64, Buffer.alloc(8));
  const body = packWithMac({ mti: d.message.mti, fields }, d.mak);
  if (d.corruptMac) {
    for (let i = body.length - 8; i < body.length; i++) body[i] = (body[i] ?? 0) ^ 0x5a;
  }
  return body;
}

/**
 * A body that can't be a message: the first byte 0xFF is not BCD, so no MTI
 * parses whatever the random rest happens to be — a test using the garbage
 * knob must never be answered by luck.
 */
export function garbageBody(): Buffer {
  const body = randomBytes(16 + ((randomBytes(1)[0] ?? 0) % 48));
  body[0] = 0xff;
  return body;
}
