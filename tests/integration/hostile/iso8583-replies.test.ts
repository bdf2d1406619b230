import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  frame,
  packBody,
  unframe,
  unpackBody,
  type FieldValue,
  type IsoMessage,
} from '../../../main/host/iso8583';
import { packWithMac } from '../../../main/host/messages';
import type { CardOutcome } from '../../../preload/contract';
import { approvedSale, cardSale, cardTill, row, type CardTill } from '../cards/harness';

/**
 * A host that answers wrongly: real card sales through the core, the training
 * host's reply rewritten on the way (mutateNextReply) into each way a broken
 * or confused host can answer. The host has acted on every request, so each
 * must end reversed (98, or A0 for a bad MAC on an approval), the reversal
 * delivered, the transaction's history naming WHAT was wrong (not only "98"),
 * nothing crashing, and the next sale going through.
 */

let till: CardTill;
beforeAll(async () => {
  till = await cardTill();
});
afterAll(async () => {
  await till.remove();
});

type Editable = { mti: string; fields: Map<number, FieldValue> };
type Rewrite = (msg: Editable) => void;

/** Decodes the host's reply, rewrites it, packs it again with a valid MAC. */
function rewritten(edit: Rewrite) {
  return (reply: Buffer): Buffer => {
    const f = unframe(reply);
    const decoded: IsoMessage = unpackBody(f.body);
    const msg: Editable = { mti: decoded.mti, fields: new Map(decoded.fields) };
    edit(msg);
    const body = msg.fields.has(64)
      ? packWithMac(msg, till.core.internals.host.mak())
      : packBody(msg);
    return frame({ tpdu: f.tpdu, header: f.header, body });
  };
}

const setLength = (bytes: Buffer, n: number) => {
  const b = Buffer.from(bytes);
  b.writeUInt16BE(n, 0);
  return b;
};

async function saleAnsweredBy(mutate: (reply: Buffer) => Buffer) {
  const host = await till.host();
  host.faults.mutateNextReply(mutate);
  const r = await cardSale(till.core, 1234, 'approve');
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function lastNote(o: CardOutcome): string {
  return row<{ note: string }>(
    till.core,
    `SELECT note FROM transaction_events WHERE tx_id = ? AND to_state = 'reversal_pending'`,
    o.transaction.id,
  ).note;
}

describe('the host answers wrongly: reversed, the fault named, the next sale works', () => {
  it.each<[string, (reply: Buffer) => Buffer, RegExp]>([
    [
      'another trace echoed',
      rewritten((m) => m.fields.set(11, '999999')),
      /not the answer: field 11/,
    ],
    ['another amount echoed', rewritten((m) => m.fields.set(4, '000000000001')), /field 4/],
    ['another terminal echoed', rewritten((m) => m.fields.set(41, 'ZZZZZZZZ')), /field 41/],
    ['0810 to a 0200', rewritten((m) => (m.mti = '0810')), /reply MTI 0810, expected 0210/],
    ['0410 to a 0200', rewritten((m) => (m.mti = '0410')), /reply MTI 0410/],
    ['no response code', rewritten((m) => m.fields.delete(39)), /no response code/],
    ['response code "  "', rewritten((m) => m.fields.set(39, '  ')), /response code " {2}"/],
    [
      'truncated frame',
      (r) => r.subarray(0, r.length - 6),
      /closed: host closed the connection after \d+ byte\(s\) of an incomplete reply/,
    ],
    ['length prefix smaller than the body', (r) => setLength(r, r.length - 2 - 8), /malformed/],
    ['zero length', (r) => setLength(r, 0), /declares 0 bytes/],
    ['huge length', (r) => setLength(r, 0xffff), /declares 65535 bytes/],
    ['garbage bytes', () => Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), /malformed/],
  ])('%s', async (_, mutate, named) => {
    const o = await saleAnsweredBy(mutate);
    expect(o).toMatchObject({ outcome: 'reversal', reason: '98', delivered: true });
    expect(lastNote(o)).toMatch(named);
    await approvedSale(till.core, 100);
  });

  it('a bitmap announcing fields that are not there (LLLVAR past the end): malformed', async () => {
    const o = await saleAnsweredBy((r) => {
      const b = Buffer.from(r);
      // LEN(2) TPDU(5) HEADER(6) MTI(2), then the bitmap: its 7th byte holds bits 49-56; bit 54 is 0x04.
      const at = 2 + 5 + 6 + 2 + 6;
      b[at] = (b[at] ?? 0) | 0x04;
      return b;
    });
    expect(o).toMatchObject({ outcome: 'reversal', delivered: true });
    expect(lastNote(o)).toMatch(/malformed|MAC/);
    await approvedSale(till.core, 100);
  });

  it('an approval without its MAC: A0, named', async () => {
    const o = await saleAnsweredBy(rewritten((m) => m.fields.delete(64)));
    expect(o).toMatchObject({ outcome: 'reversal', reason: 'A0', delivered: true });
    expect(lastNote(o)).toMatch(/MAC/);
    await approvedSale(till.core, 100);
  });

  it('an approval with a wrong MAC: A0', async () => {
    const o = await saleAnsweredBy((r) => {
      const b = Buffer.from(r);
      b[b.length - 1] = (b[b.length - 1] ?? 0) ^ 0xff;
      return b;
    });
    expect(o).toMatchObject({ outcome: 'reversal', reason: 'A0', delivered: true });
    expect(lastNote(o)).toMatch(/reply MAC does not verify/);
  });

  it('two replies in one segment: the first decides, the second is ignored', async () => {
    const o = await saleAnsweredBy((r) => Buffer.concat([r, r]));
    expect(o.outcome).toBe('approved');
  });
});
