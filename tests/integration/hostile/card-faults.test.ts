import { afterEach, describe, expect, it } from 'vitest';
import { frame, packBody, unframe, unpackBody, type FieldValue } from '../../../main/host/iso8583';
import { packWithMac } from '../../../main/host/messages';
import type {
  CardFault,
  CardOutcome,
  Result,
  TransactionView,
  VoidOutcome,
} from '../../../preload/contract';
import { ok } from '../../support/core';
import {
  approvedSale,
  cardSale,
  cardTill,
  padShows,
  presentCardAndPin,
  row,
  SUPERVISOR,
  supervisorReady,
  type CardTill,
} from '../cards/harness';

/**
 * What the cashier is told when a card request gets no valid answer: each
 * way the training host can fail a sale, a pre-auth, its completion and
 * cancel, and a void ends reversed, and the outcome that comes back through
 * the core's dispatch names the fault (CardFault) — the wait in seconds, the
 * bytes before a cut, the field that answers another request, a bad MAC —
 * while the history keeps the technician's words. No card data in the fault.
 */

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

type Editable = { mti: string; fields: Map<number, FieldValue> };

/** The host's reply decoded, edited, packed again with a valid MAC (so only the edit is wrong). */
const rewritten =
  (t: CardTill, edit: (m: Editable) => void) =>
  (reply: Buffer): Buffer => {
    const f = unframe(reply);
    const decoded = unpackBody(f.body);
    const msg: Editable = { mti: decoded.mti, fields: new Map(decoded.fields) };
    edit(msg);
    const body = msg.fields.has(64) ? packWithMac(msg, t.core.internals.host.mak()) : packBody(msg);
    return frame({ tpdu: f.tpdu, header: f.header, body });
  };

/** The reply's last byte flipped: the MAC no longer verifies. */
const flipLast = (reply: Buffer) => {
  const b = Buffer.from(reply);
  b[b.length - 1] = (b[b.length - 1] ?? 0) ^ 0xff;
  return b;
};

/** Sends the first `keep` bytes of the reply; the host then closes the connection. */
const cutAt = (keep: number) => (reply: Buffer) => reply.subarray(0, keep);

function reversedWith(r: Result<CardOutcome | VoidOutcome>, fault: CardFault, reason = '98') {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  expect(r.value).toMatchObject({ outcome: 'reversal', reason, delivered: true });
  expect(r.value.outcome === 'reversal' && r.value.fault).toEqual(fault);
  return r.value;
}

/** The history's note on the reversal: the technician's words, unchanged. */
const note = (txId: number) =>
  row<{ note: string }>(
    till!.core,
    `SELECT note FROM transaction_events WHERE tx_id = ? AND to_state = 'reversal_pending'`,
    txId,
  ).note;

async function hold(t: CardTill, amountFen: number): Promise<TransactionView> {
  const done = t.core.dispatch('preauth:start', { amountFen }) as Promise<Result<CardOutcome>>;
  await presentCardAndPin(t.core, 'approve');
  const r = await done;
  if (!r.ok || r.value.outcome !== 'approved') throw new Error(JSON.stringify(r));
  return r.value.transaction;
}

async function followUp(
  t: CardTill,
  channel: 'preauth:complete' | 'preauth:cancel',
  input: Record<string, unknown>,
): Promise<Result<CardOutcome>> {
  const done = t.core.dispatch(channel, { ...input, supervisor: SUPERVISOR }) as Promise<
    Result<CardOutcome>
  >;
  await padShows(t.core, 'card');
  await ok(t.core, 'pinpad:presentCard', { cardId: 'approve' });
  return done;
}

describe('card sale: the fault comes back with the reversal', () => {
  it('each kind of failure on the line, one sale after another', async () => {
    till = await cardTill({ host: { timeoutSec: 2 } });
    const t = till;
    const host = await t.host();
    const cases: [string, () => void, CardFault, string, RegExp][] = [
      [
        'silent host',
        () => host.faults.silentNext(1),
        { kind: 'timeout', seconds: 2, bytes: 0 },
        '98',
        /timeout: no reply within 2000 ms/,
      ],
      [
        'line dropped before any reply',
        () => host.faults.dropNext(1),
        { kind: 'cut', bytes: 0 },
        '98',
        /closed: host closed the connection without a reply/,
      ],
      [
        'reply cut after 12 bytes',
        () => host.faults.mutateNextReply(cutAt(12)),
        { kind: 'cut', bytes: 12 },
        '98',
        /after 12 byte\(s\)/,
      ],
      [
        'garbage inside a valid length',
        () => host.faults.garbageNext(1),
        { kind: 'undecodable' },
        '98',
        /malformed/,
      ],
      [
        'another trace echoed',
        () => host.faults.mutateNextReply(rewritten(t, (m) => m.fields.set(11, '999999'))),
        { kind: 'mismatch', field: 11 },
        '98',
        /field 11/,
      ],
      [
        'another terminal echoed',
        () => host.faults.mutateNextReply(rewritten(t, (m) => m.fields.set(41, 'ZZZZZZZZ'))),
        { kind: 'mismatch', field: 41 },
        '98',
        /field 41/,
      ],
      [
        'another message type',
        () => host.faults.mutateNextReply(rewritten(t, (m) => (m.mti = '0810'))),
        { kind: 'mismatch', field: null },
        '98',
        /reply MTI 0810/,
      ],
      ['bad MAC', () => host.faults.mutateNextReply(flipLast), { kind: 'bad-mac' }, 'A0', /MAC/],
    ];
    for (const [name, arm, fault, reason, technician] of cases) {
      arm();
      const r = await cardSale(t.core, 1_234, 'approve');
      const o = reversedWith(r, fault, reason);
      expect(note(o.transaction.id), name).toMatch(technician);
      // No card number in what the cashier's screen gets about the fault.
      expect(JSON.stringify(o.outcome === 'reversal' && o.fault)).not.toMatch(/\d{6,}/);
    }
    await approvedSale(t.core, 100); // and the till still sells
  });

  it('an approval (answer standing) carries no fault', async () => {
    till = await cardTill();
    const o = await approvedSale(till.core, 500);
    expect('fault' in o).toBe(false);
  });
});

describe('pre-auth and its follow-ups, void: the same faults', () => {
  it('pre-auth silent, completion with another amount, cancel with a bad MAC', async () => {
    till = await cardTill({ host: { timeoutSec: 1 } });
    const t = till;
    await supervisorReady(t);
    const host = await t.host();

    host.faults.silentNext(1);
    const start = t.core.dispatch('preauth:start', { amountFen: 20_000 }) as Promise<
      Result<CardOutcome>
    >;
    await presentCardAndPin(t.core, 'approve');
    reversedWith(await start, { kind: 'timeout', seconds: 1, bytes: 0 });

    const h = await hold(t, 30_000);
    host.faults.mutateNextReply(rewritten(t, (m) => m.fields.set(4, '000000000001')));
    reversedWith(await followUp(t, 'preauth:complete', { txId: h.id, amountFen: 31_000 }), {
      kind: 'mismatch',
      field: 4,
    });

    host.faults.mutateNextReply(flipLast);
    reversedWith(await followUp(t, 'preauth:cancel', { txId: h.id }), { kind: 'bad-mac' }, 'A0');
  });

  it('void: a cut reply, then another trace; the sale stands', async () => {
    till = await cardTill();
    const t = till;
    await supervisorReady(t);
    const sale = await approvedSale(t.core, 6_600);
    const host = await t.host();
    const voidIt = () =>
      t.core.dispatch('voids:run', {
        traceNo: sale.transaction.traceNo,
        supervisor: SUPERVISOR,
      }) as Promise<Result<VoidOutcome>>;

    host.faults.mutateNextReply(cutAt(30));
    reversedWith(await voidIt(), { kind: 'cut', bytes: 30 });
    host.faults.mutateNextReply(rewritten(t, (m) => m.fields.set(11, '999999')));
    reversedWith(await voidIt(), { kind: 'mismatch', field: 11 });
    expect(
      row<{ state: string }>(
        t.core,
        'SELECT state FROM transactions WHERE id = ?',
        sale.transaction.id,
      ),
    ).toEqual({ state: 'approved' });
  });
});
