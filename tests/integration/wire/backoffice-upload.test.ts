import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, signOff } from '../../support/core';
import { startBackOffice, type BackOffice } from '../../backoffice/server';
import {
  approvedSale,
  cardTill,
  supervisorReady,
  SUPERVISOR,
  type CardTill,
} from '../cards/harness';
import { startHttpRecorder } from './http-recorder';

const TOKEN = 'bo-wire-token-41c7';
let till: CardTill | null = null;
let office: BackOffice | null = null;
let recorder: Awaited<ReturnType<typeof startHttpRecorder>> | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
  await recorder?.close();
  recorder = null;
  await office?.close();
  office = null;
});

describe('back-office upload on the wire (HOST-PROTOCOL.md C)', () => {
  it('a settled batch: PUT header, PUT parts, POST commit whose SHA-256 follows from the bytes sent; bearer token; nothing secret', async () => {
    office = await startBackOffice({ token: TOKEN });
    recorder = await startHttpRecorder(office.baseUrl);
    const base = recorder.baseUrl;
    till = await cardTill({
      asTechnician: async (core) => {
        await ok(core, 'sync:saveSettings', { baseUrl: base, timeoutSec: 5, token: TOKEN });
      },
    });
    const t = till;
    await supervisorReady(t);
    const card = await approvedSale(t.core, 8_800);
    await ok(t.core, 'sale:cash', { amountFen: 1_234, tenderedFen: 2_000 });
    await signOff(t.core);
    await ok(t.core, 'auth:signIn', SUPERVISOR);
    await ok(t.core, 'settlement:run');
    await vi.waitFor(
      () => expect(recorder!.seen.some((r) => r.path.endsWith('/commit'))).toBe(true),
      {
        timeout: 15_000,
        interval: 50,
      },
    );

    const seen = recorder.seen;
    const prefix = '/v1/merchants/898310148160001/terminals/T0000001/batches/000001';
    expect(seen.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT ${prefix} 201`,
      `PUT ${prefix}/parts/1 201`,
      `POST ${prefix}/commit 201`,
    ]);
    for (const r of seen) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      const text = r.body.toString('utf8');
      // Only masked card numbers; never the PAN, track 2, the expiry or a PIN block.
      expect(text).not.toContain('6222021234567890003');
      expect(text).not.toMatch(/\d{13,19}=/);
      expect(text).not.toMatch(/622202\d{7,}/);
    }
    const header = JSON.parse(seen[0]!.body.toString()) as Record<string, unknown>;
    expect(header).toMatchObject({
      merchant: '898310148160001',
      terminal: 'T0000001',
      batchNo: '000001',
      txCount: 2,
      partsTotal: 1,
    });
    const part = JSON.parse(seen[1]!.body.toString()) as {
      count: number;
      transactions: Array<Record<string, unknown>>;
    };
    expect(part.count).toBe(2);
    expect(part.transactions.map((x) => [x.tender, x.amountFen, x.panMasked])).toEqual([
      ['card', 8_800, '622202*********0003'],
      ['cash', 1_234, null],
    ]);
    expect(part.transactions[0]).toMatchObject({
      traceNo: card.transaction.traceNo,
      rrn: card.transaction.card!.rrn,
    });
    // The commit: count, parts, and the hash list over the exact part bytes received.
    const outer = createHash('sha256')
      .update(createHash('sha256').update(seen[1]!.body).digest())
      .digest('hex');
    expect(JSON.parse(seen[2]!.body.toString())).toEqual({ count: 2, parts: 1, sha256: outer });
  }, 60_000);
});
