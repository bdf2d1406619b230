import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACK_OFFICE_TOKEN } from '../../../main/sync/sync-service';
import { startBackOffice, type BackOffice } from '../../backoffice/server';
import { tempDir } from '../../support/core';
import { CLEAR_PAN, TOKEN, openTerminal, seedBatch, type Terminal } from './harness';

const UPLOAD_FIELDS = [
  'amountFen',
  'authCode',
  'createdAt',
  'id',
  'operatorNo',
  'orderNo',
  'originalTxId',
  'panMasked',
  'rrn',
  'state',
  'tender',
  'traceNo',
  'type',
  'wallet',
];

describe('what leaves the terminal', () => {
  let tmp: ReturnType<typeof tempDir>;
  let office: BackOffice;
  let t: Terminal;

  beforeEach(async () => {
    tmp = tempDir('pos-sync-');
    office = await startBackOffice({ token: TOKEN });
    t = openTerminal(tmp.dir);
    t.configure(office.baseUrl);
  });
  afterEach(async () => {
    await t.close();
    await office.close();
    tmp.remove();
  });

  it('never a card number, sealed card data or payment code: only the upload fields', async () => {
    const ids = seedBatch(t, '000001', 1100);
    // A clear number in pan_masked passes the column's check (first 6 / last 4
    // digits): it must still leave masked.
    t.db
      .prepare('UPDATE transactions SET pan_masked = ? WHERE id = ?')
      .run(CLEAR_PAN, ids[13] ?? 0);
    const sealed = t.db
      .prepare<[], { card_sealed: Buffer }>(
        'SELECT card_sealed FROM transactions WHERE card_sealed IS NOT NULL LIMIT 1',
      )
      .get()?.card_sealed;
    expect(sealed?.length).toBeGreaterThan(20);
    t.settle('000001');
    await t.deliver();
    expect(t.repos.sync.get('000001')?.state).toBe('done');

    const bodies = office.requests().map((r) => r.body ?? '');
    expect(bodies.length).toBe(4);
    const forbidden = [
      CLEAR_PAN,
      CLEAR_PAN.slice(6, 15), // the hidden middle digits
      '=2512',
      sealed?.toString('hex') ?? '',
      sealed?.toString('base64') ?? '',
      sealed?.subarray(1, 13).toString('hex') ?? '', // its IV
      '1350****1234', // the masked payment code is not part of the upload either
      'card_sealed',
      'cardSealed',
      'sealed',
    ];
    for (const body of bodies) {
      for (const f of forbidden) expect(body.includes(f), f).toBe(false);
    }
    // and the raw sealed bytes nowhere in the bytes received
    for (const body of bodies) {
      expect(Buffer.from(body, 'utf8').includes(sealed ?? Buffer.alloc(1))).toBe(false);
    }

    const txs = office.batches()[0]?.parts.flatMap((p) => p.transactions ?? []) ?? [];
    expect(txs).toHaveLength(1100);
    for (const tx of txs) expect(Object.keys(tx).sort()).toEqual(UPLOAD_FIELDS);
    const card = txs.find((x) => x.id === ids[3]);
    expect(card).toMatchObject({
      tender: 'card',
      panMasked: '622202*********0123',
      authCode: expect.stringMatching(/^\d{6}$/),
      rrn: expect.stringMatching(/^\d{12}$/),
      wallet: null,
      orderNo: null,
    });
    expect(txs.find((x) => x.id === ids[13])?.panMasked).toBe('622202*********0123');
    const qr = txs.find((x) => x.id === ids[7]);
    expect(qr).toMatchObject({ tender: 'qr', wallet: 'wechat', panMasked: null });
    expect(qr?.orderNo).toMatch(/^T0000001000001\d{8}$/);
    const cash = txs.find((x) => x.id === ids[0]);
    expect(cash).toEqual({
      id: ids[0],
      type: 'sale',
      tender: 'cash',
      state: 'approved',
      amountFen: 100,
      operatorNo: '01',
      traceNo: '000001',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      panMasked: null,
      authCode: null,
      rrn: null,
      wallet: null,
      orderNo: null,
      originalTxId: null,
    });
  });

  it('keeps the token sealed: not in the settings file, the audit log, or the database in clear', async () => {
    const { readFileSync } = await import('node:fs');
    expect(t.sync.settings()).toEqual({ baseUrl: office.baseUrl, timeoutSec: 5, tokenSet: true });
    expect(readFileSync(t.settings.path, 'utf8')).not.toContain(TOKEN);
    const audit = t.repos.audit.recent(5).find((a) => a.action === 'sync.backOffice.changed');
    expect(audit).toMatchObject({ operatorNo: '99', detail: { tokenReplaced: true } });
    expect(JSON.stringify(audit)).not.toContain(TOKEN);
    const stored = t.repos.secrets.get(BACK_OFFICE_TOKEN);
    expect(stored?.sealed.includes(Buffer.from(TOKEN))).toBe(false);
    expect(t.secretBox.open(stored?.sealed ?? Buffer.alloc(0)).toString()).toBe(TOKEN);

    // saving without a token keeps the stored one
    t.sync.saveSettings({ baseUrl: office.baseUrl, timeoutSec: 20 }, '99');
    expect(t.sync.settings()).toEqual({ baseUrl: office.baseUrl, timeoutSec: 20, tokenSet: true });
    expect(t.repos.audit.recent(1)[0]?.detail).toMatchObject({
      tokenReplaced: false,
      timeoutSec: [5, 20],
    });
  });
});
