import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostStatus, PrintJob } from '../../../preload/contract';
import { decodeEscPos } from '../../../native/printer/escpos-decoder';
import { TEST_CARDS } from '../../../native/pinpad/test-cards';
import { err, ok, signOff } from '../../support/core';
import {
  approvedSale,
  cardSale,
  cardTill,
  hostLog,
  padShows,
  presentCardAndPin,
  row,
  rows,
  type CardTill,
} from './harness';

let till: CardTill | null = null;
afterEach(async () => {
  await till?.remove();
  till = null;
});

const APPROVE_PAN = TEST_CARDS.find((c) => c.id === 'approve')!.pan;

describe('host sign-in (签到)', () => {
  it('signs in with the cashier: keys checked and loaded, host time given, status published', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    expect(hostLog(host)).toEqual(['0800 000001 → 00']);

    const status = await ok<HostStatus>(core, 'host:status');
    expect(status).toMatchObject({
      training: true,
      signedIn: true,
      pendingReversals: 0,
      cardsBlocked: false,
      lastError: null,
    });
    expect(Date.parse(status.hostTime!)).not.toBeNaN();

    const audit = rows<{ action: string; detail: string }>(
      core,
      "SELECT action, detail FROM audit_log WHERE action = 'host.signin'",
    );
    expect(audit).toHaveLength(1);
    // No key material in the audit trail: only the host time.
    expect(Object.keys(JSON.parse(audit[0]!.detail) as object)).toEqual(['hostTime']);

    // Signing in again from standby gets fresh keys with a new trace.
    const again = await ok<{ hostTime: string }>(core, 'host:signIn');
    expect(Date.parse(again.hostTime)).not.toBeNaN();
    expect(hostLog(host)).toEqual(['0800 000001 → 00', '0800 000002 → 00']);
  });

  it('explains an unregistered terminal (97) with the terminal and merchant numbers and refuses cards', async () => {
    till = await cardTill({ terminalNumber: '97000001' });
    const { core } = till;
    const status = await ok<HostStatus>(core, 'host:status');
    expect(status.signedIn).toBe(false);
    expect(status.lastError).toEqual({
      code: 'TERMINAL_NOT_REGISTERED',
      params: { terminal: '97000001', merchant: '898310148160001' },
    });
    expect(hostLog(await till.host(), '97000001')).toEqual(['0800 000001 → 97']);
    // A card tries the sign-in again first and names what blocks it.
    expect(await err(core, 'card:sale', { amountFen: 100 })).toEqual(status.lastError);
    expect(hostLog(await till.host(), '97000001')).toEqual([
      '0800 000001 → 97',
      '0800 000002 → 97',
    ]);
  });

  it('reports a host that cannot be reached with its address', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    await host.close(); // nothing listens on the port any more
    const e = await err(core, 'host:signIn');
    expect(e).toEqual({
      code: 'HOST_UNREACHABLE',
      params: { address: `${host.host}:${host.port}` },
    });
    const status = await ok<HostStatus>(core, 'host:status');
    expect(status.signedIn).toBe(false);
    expect(status.lastError).toEqual(e);
  });

  it('reports a host that hangs up without answering the sign-in as a bad reply, and recovers', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    host.faults.refuseConnections(true);
    expect((await err(core, 'host:signIn')).code).toBe('HOST_BAD_REPLY');
    expect((await ok<HostStatus>(core, 'host:status')).signedIn).toBe(false);
    host.faults.refuseConnections(false);
    await ok(core, 'host:signIn');
    expect((await ok<HostStatus>(core, 'host:status')).signedIn).toBe(true);
  });

  it('answers the echo test (0820) with a round-trip time', async () => {
    till = await cardTill();
    const { core } = till;
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const echo = await ok<{ roundTripMs: number }>(core, 'host:echo');
    expect(echo.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(hostLog(await till.host()).at(-1)).toMatch(/^0820 \d{6} → 00$/);
  });
});

describe('card sale', () => {
  it('approves a sale: stored with masked PAN, auth code and reference; two receipts print', async () => {
    till = await cardTill();
    const { core } = till;
    const sale = await approvedSale(core, 12_345);
    expect(sale.transaction).toMatchObject({
      type: 'sale',
      tender: 'card',
      state: 'approved',
      amountFen: 12_345,
      batchNo: '000001',
      traceNo: '000002',
      operatorNo: '01',
    });

    const tx = row<Record<string, unknown>>(core, 'SELECT * FROM transactions');
    expect(tx).toMatchObject({
      state: 'approved',
      pan_masked: '622202*********0003',
      response_code: '00',
      processing_code: '000000',
      message_type_code: '22',
      entry_mode: '051',
    });
    expect(tx.auth_code).toMatch(/^\d{6}$/);
    expect(tx.rrn).toMatch(/^\d{12}$/);
    // The full card number exists only sealed; nowhere in clear in the database or log.
    const dump = JSON.stringify(rows(core, 'SELECT * FROM transactions'));
    expect(dump).not.toContain(APPROVE_PAN);
    const sealed = tx.card_sealed as Buffer;
    expect(sealed.toString('latin1')).not.toContain(APPROVE_PAN);
    const log = readFileSync(join(till.dir, 'logs', 'test.log'), 'utf8');
    expect(log).not.toContain(APPROVE_PAN);

    // The armed reversal was stood down by the valid answer.
    expect(rows(core, 'SELECT kind, state FROM outbox')).toEqual([
      { kind: 'reversal', state: 'cancelled' },
    ]);

    // Host side: one approved sale for this terminal.
    const host = await till.host();
    expect(hostLog(host)).toEqual(['0800 000001 → 00', '0200 000002 → 00']);
    expect(host.ledger()).toMatchObject([
      { trace: '000002', amountFen: 12_345, state: 'approved', authCode: tx.auth_code },
    ]);

    // Two copies: merchant then cardholder, each with masked PAN, auth code, reference, batch, voucher.
    expect(sale.printJobs.map((j: PrintJob) => j.copy)).toEqual(['merchant', 'cardholder']);
    const jobs = await till.printer.waitForJobs(2);
    for (const job of jobs) {
      const text = iconv.decode(job, 'gb18030');
      expect(text).not.toContain(APPROVE_PAN);
      const lines = decodeEscPos(job).lines.map((l) => l.text);
      const joined = lines.join('\n');
      expect(joined).toContain('622202*********0003');
      expect(joined).toContain(String(tx.auth_code));
      expect(joined).toContain(String(tx.rrn));
      expect(joined).toMatch(/000001/);
      expect(joined).toMatch(/000002/);
      expect(joined).toContain('123.45');
    }
    expect(iconv.decode(jobs[0]!, 'gb18030')).toContain('商户存根');
    expect(iconv.decode(jobs[1]!, 'gb18030')).toContain('持卡人存根');
  });

  it.each([
    ['insufficient', '123456', 1_000, '51'],
    ['expired', '123456', 1_000, '54'],
    ['approve', '654321', 1_000, '55'],
    ['wrong-pin', '111111', 1_000, '55'],
    ['limit', '123456', 500_001, '61'],
  ])(
    'declines card %s (PIN %s, %i fen) with %s: stored declined, nothing printed, nothing to reverse',
    async (cardId, pin, amountFen, code) => {
      till = await cardTill();
      const { core } = till;
      const r = await cardSale(core, amountFen, cardId, pin);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.value).toMatchObject({
        outcome: 'declined',
        responseCode: code,
        transaction: { state: 'declined', amountFen },
      });
      expect(row(core, 'SELECT state, response_code, auth_code FROM transactions')).toEqual({
        state: 'declined',
        response_code: code,
        auth_code: null,
      });
      expect(rows(core, 'SELECT state FROM outbox')).toEqual([{ state: 'cancelled' }]);
      expect(rows(core, 'SELECT id FROM print_jobs')).toEqual([]);
      expect((await ok<HostStatus>(core, 'host:status')).pendingReversals).toBe(0);
    },
  );

  it('approves the limit card at exactly ¥5,000.00 and a foreign card (flagged foreign)', async () => {
    till = await cardTill();
    const { core } = till;
    await approvedSale(core, 500_000, 'limit');
    await approvedSale(core, 100, 'foreign');
    expect(rows(core, 'SELECT pan_masked, card_foreign FROM transactions ORDER BY id')).toEqual([
      { pan_masked: '622202*********0614', card_foreign: 0 },
      { pan_masked: '411111******1111', card_foreign: 1 },
    ]);
  });

  it('reports a host that is down as unreachable: the request never left, so nothing is reversed', async () => {
    till = await cardTill();
    const { core } = till;
    const host = await till.host();
    await host.close();
    const r = await cardSale(core, 2_000, 'approve');
    expect(r).toEqual({
      ok: false,
      error: { code: 'HOST_UNREACHABLE', params: { address: `${host.host}:${host.port}` } },
    });
    expect(row(core, 'SELECT state, response_code FROM transactions')).toEqual({
      state: 'declined',
      response_code: null,
    });
    expect(rows(core, 'SELECT state FROM outbox')).toEqual([{ state: 'cancelled' }]);
    expect((await ok<HostStatus>(core, 'host:status')).pendingReversals).toBe(0);
  });

  it('lets the cashier cancel at the PIN pad: nothing is sent or stored', async () => {
    till = await cardTill();
    const { core } = till;
    const sale = core.dispatch('card:sale', { amountFen: 500 });
    await padShows(core, 'card');
    await ok(core, 'pinpad:key', { key: 'cancel' });
    expect(await sale).toEqual({ ok: false, error: { code: 'PINPAD_CANCELLED' } });
    expect(rows(core, 'SELECT id FROM transactions')).toEqual([]);
    expect(hostLog(await till.host())).toEqual(['0800 000001 → 00']);
  });

  it('refuses a second card transaction while one is running', async () => {
    till = await cardTill();
    const { core } = till;
    const first = core.dispatch('card:sale', { amountFen: 500 });
    await padShows(core, 'card');
    expect(await err(core, 'card:sale', { amountFen: 600 })).toEqual({ code: 'CARD_BUSY' });
    await ok(core, 'card:cancel');
    expect((await first).ok).toBe(false);
  });
});

describe('balance inquiry (余额查询)', () => {
  it('shows the balance with the masked card number and stores no transaction', async () => {
    till = await cardTill();
    const { core } = till;
    const inquiry = core.dispatch('card:balance', {});
    await presentCardAndPin(core, 'approve');
    const r = await inquiry;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const value = r.value as { responseCode: string; balanceFen: number; panMasked: string };
    expect(value.responseCode).toBe('00');
    expect(value.panMasked).toBe('622202*********0003');
    expect(Number.isSafeInteger(value.balanceFen)).toBe(true);
    expect(value.balanceFen).toBeGreaterThan(0);
    expect(rows(core, 'SELECT id FROM transactions')).toEqual([]);
    expect(rows(core, 'SELECT id FROM outbox')).toEqual([]);
    expect(hostLog(await till.host()).at(-1)).toBe('0200 000002 → 00');
  });

  it('gives the decline code for a wrong PIN', async () => {
    till = await cardTill();
    const { core } = till;
    const inquiry = core.dispatch('card:balance', {});
    await presentCardAndPin(core, 'approve', '000000');
    const r = await inquiry;
    expect(r).toMatchObject({ ok: true, value: { responseCode: '55', balanceFen: null } });
  });
});
