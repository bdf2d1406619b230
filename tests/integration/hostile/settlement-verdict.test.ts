import { afterEach, describe, expect, it } from 'vitest';
import type { SettlementResult } from '../../../preload/contract';
import { frame, unframe, unpackBody, type FieldValue } from '../../../main/host/iso8583';
import { packWithMac } from '../../../main/host/messages';
import type { ReplyMutator, TrainingHost } from '../../../main/host/training/types';
import { ok, signOff } from '../../support/core';
import { approvedSale, cardTill, hostLog, type CardTill } from '../cards/harness';

/**
 * A host whose settlement reply says "00" in field 39 but "2" (unbalanced)
 * in the verdict digits of field 48 (HOST-PROTOCOL.md A: the reply repeats
 * the totals with result 1 balanced, 2 unbalanced). The terminal must take
 * the unbalanced verdict: upload the batch (批上送), and report 对账不平.
 */

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

/** Rewrites the reply to the next 0500 only (other replies pass and keep it armed). */
function on0500(
  t: CardTill,
  host: TrainingHost,
  edit: (fields: Map<number, FieldValue>) => void,
): ReplyMutator {
  const mutator: ReplyMutator = (reply, request) => {
    if (unpackBody(unframe(request).body).mti !== '0500') {
      host.faults.mutateNextReply(mutator);
      return reply;
    }
    const f = unframe(reply);
    const msg = unpackBody(f.body);
    const fields = new Map(msg.fields);
    edit(fields);
    const body = packWithMac({ mti: msg.mti, fields }, t.core.internals.host.mak());
    return frame({ tpdu: f.tpdu, header: f.header, body });
  };
  return mutator;
}

async function settleWith(edit: (fields: Map<number, FieldValue>) => void) {
  till = await cardTill();
  await approvedSale(till.core, 10_000);
  await approvedSale(till.core, 2_500);
  await signOff(till.core);
  await ok(till.core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  const host = await till.host();
  host.faults.mutateNextReply(on0500(till, host, edit));
  return ok<SettlementResult>(till.core, 'settlement:run');
}

const setResult = (digit: string) => (fields: Map<number, FieldValue>) => {
  const v = String(fields.get(48));
  // n3 n12 n3 n12 n1 per side: the result digits are the 31st and 62nd.
  fields.set(48, `${v.slice(0, 30)}${digit}${v.slice(31, 61)}${digit}${v.slice(62)}`);
};

describe('the settlement verdict in field 48', () => {
  it('39 = 00 with 48 saying unbalanced (2): uploaded, reported unbalanced', async () => {
    const r = await settleWith(setResult('2'));
    expect(r).toMatchObject({ verdict: 'unbalanced', uploadedCount: 2 });
    const host = await till!.host();
    expect(hostLog(host).filter((l) => l.startsWith('0320'))).toHaveLength(3); // 2 + the end
  });

  it('39 = 00 with 48 saying balanced (1): balanced, nothing uploaded', async () => {
    const r = await settleWith(setResult('1'));
    expect(r).toMatchObject({ verdict: 'balanced', uploadedCount: 0 });
  });

  it('39 = 00 with an unreadable 48: 39 decides (balanced)', async () => {
    const r = await settleWith((fields) => fields.set(48, 'XYZ'));
    expect(r).toMatchObject({ verdict: 'balanced', uploadedCount: 0 });
  });
});
