import { afterEach, describe, expect, it } from 'vitest';
import type { CardOutcome, Result } from '../../../preload/contract';
import { SETUP, ok, signOff, cashierIn } from '../../support/core';
import { localDate } from '../../../main/services/printing/receipts';
import { cardSale, supervisorReady, SUPERVISOR } from '../cards/harness';
import { present, retailMac } from './iso8583-decoder';
import { decodeEscPos, textOf } from './escpos-decoder';
import {
  CLEAR_PIN,
  MACED,
  TMK,
  f60,
  liveHost,
  liveTill,
  pinOf,
  stopLive,
  traffic,
  withCard,
} from './iso8583-harness';

afterEach(stopLive);

describe('ISO 8583 on the wire, decoded independently (HOST-PROTOCOL.md A)', () => {
  // The host may answer and close, or keep the connection for more (HOST-PROTOCOL.md A, Framing).
  it.each([
    ['closes after each reply', false],
    ['keeps the connection open', true],
  ])(
    'every message of a trading day (host %s): framing, fields per type, encodings, MAC, PIN block, nothing secret in clear',
    async (_how, keepOpen) => {
      const t = await liveTill(keepOpen);
      const { core } = t;
      await supervisorReady(t);
      const sale = await cardSale(core, 12_345, 'approve');
      if (!sale.ok || sale.value.outcome !== 'approved') throw new Error(JSON.stringify(sale));
      const saleTx = sale.value.transaction;
      expect((await cardSale(core, 678, 'swipe')).ok).toBe(true);
      await withCard(
        t,
        core.dispatch('voids:run', { traceNo: saleTx.traceNo, supervisor: SUPERVISOR }),
        'approve',
        false,
      );
      await withCard(t, core.dispatch('card:balance', {}), 'approve', true);
      const hold = async (amountFen: number, cardId = 'approve') => {
        const r = (await withCard(
          t,
          core.dispatch('preauth:start', { amountFen }),
          cardId,
          true,
        )) as Result<CardOutcome>;
        if (!r.ok) throw new Error(JSON.stringify(r));
        return r.value.transaction;
      };
      const h1 = await hold(50_000);
      await withCard(
        t,
        core.dispatch('preauth:complete', {
          txId: h1.id,
          amountFen: 40_000,
          supervisor: SUPERVISOR,
        }),
        'approve',
        false,
      );
      const h2 = await hold(30_000);
      await withCard(
        t,
        core.dispatch('preauth:cancel', { txId: h2.id, supervisor: SUPERVISOR }),
        'approve',
        false,
      );
      await hold(20_000, 'no-reply'); // → 0400, reason 98, of a pre-auth
      const h3 = await hold(10_000);
      liveHost().faults.dropNext(1); // the completion gets no answer → 0400 of a completion
      await withCard(
        t,
        core.dispatch('preauth:complete', {
          txId: h3.id,
          amountFen: 10_000,
          supervisor: SUPERVISOR,
        }),
        'approve',
        false,
      );
      const s2 = await cardSale(core, 4_321, 'approve');
      if (!s2.ok || s2.value.outcome !== 'approved') throw new Error(JSON.stringify(s2));
      liveHost().faults.dropNext(1); // the void gets no answer → 0400 of a void
      await withCard(
        t,
        core.dispatch('voids:run', {
          traceNo: s2.value.transaction.traceNo,
          supervisor: SUPERVISOR,
        }),
        'approve',
        false,
      );
      await cardSale(core, 2_000, 'bad-mac'); // → 0400, reason A0
      await cardSale(core, 1_000, 'approve');
      // Cash never reaches the host; the Visa card goes in 48's second half (foreign).
      const cash = await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
        amountFen: 777,
        tenderedFen: 1_000,
      });
      expect((await cardSale(core, 9_900, 'foreign')).ok).toBe(true);
      await signOff(core);
      await ok(core, 'auth:signIn', { operatorNo: '00', password: SUPERVISOR.password });
      await ok(core, 'host:echo');
      liveHost().settlementVerdict(SETUP.terminalNumber, 'disagree');
      await ok(core, 'settlement:run');
      await signOff(core);
      await cashierIn(core);
      const refundDone = core.dispatch('refunds:card', {
        rrn: s2.value.transaction.card!.rrn,
        date: localDate(Date.parse(s2.value.transaction.createdAt)),
        amountFen: 321,
        supervisor: SUPERVISOR,
      });
      expect(await withCard(t, refundDone, 'approve', false)).toMatchObject({ ok: true });

      const day = traffic();
      const byTrace = new Map(day.map((x) => [`${x.req.mti}/${x.req.fields[11]}`, x.req]));
      const kinds: string[] = [];
      for (const { req, rep, keys } of day) {
        // Framing: TPDU and header as configured, the reply swaps the NIIs and echoes the header.
        expect(req.tpdu).toBe('6000030000');
        expect(req.header).toBe('603100000000');
        if (rep) {
          expect(rep.tpdu).toBe('6000000003');
          expect(rep.header).toBe('603100000000');
        }
        const p = present(req);
        const net = f60(req);
        expect(net.batch).toMatch(/^\d{6}$/);
        expect(net.rest).toBe('');
        expect(req.fields[41]).toBe(SETUP.terminalNumber);
        expect(req.fields[42]).toBe(SETUP.merchantNumber);
        expect(req.fields[11]).toMatch(/^\d{6}$/);
        if (req.fields[49] !== undefined) expect(req.fields[49]).toBe('156');
        if (req.fields[4] !== undefined) expect(req.fields[4]).toMatch(/^\d{12}$/);
        // The MAC: present exactly on the listed requests, X9.19 under the MAK over MTI..63.
        if (MACED.has(req.mti)) {
          expect(p.at(-1), `${req.mti} carries 64 last`).toBe(64);
          expect(keys).not.toBeNull();
          const mac = retailMac(keys!.mak, req.body.subarray(0, req.macOffset!));
          expect(req.fields[64], `${req.mti} ${req.fields[11]} MAC`).toBe(
            mac.toString('hex').toUpperCase(),
          );
        } else expect(p).not.toContain(64);
        // Nothing secret in clear: not the PIN, not a key, track 2 only in 35.
        const raw = req.body.toString('latin1');
        expect(raw).not.toContain(CLEAR_PIN);
        for (const k of [TMK, keys?.pik, keys?.mak])
          if (k) expect(req.body.includes(k.subarray(0, 8))).toBe(false);
        if (req.fields[52] !== undefined)
          expect(
            pinOf(req.fields[52], keys!.pik, req.fields[2] ?? req.fields[35]!.split('=')[0]!),
          ).toBe(CLEAR_PIN);
        if (req.fields[2] !== undefined) expect(req.fields[2]).toMatch(/^\d{13,19}$/);

        switch (`${req.mti}/${net.type}`) {
          case '0800/00':
            kinds.push('sign-in');
            expect(p).toEqual([11, 41, 42, 60, 63]);
            expect(net.net).toBe('003');
            expect(req.fields[63]).toMatch(/^\d\d $/);
            break;
          case '0820/00':
            kinds.push('echo');
            expect(p).toEqual([11, 41, 42, 60]);
            expect(net.net).toBe('301');
            break;
          case '0200/22':
            kinds.push('sale');
            expect(req.fields[3]).toBe('000000');
            expect(req.fields[25]).toBe('00');
            for (const f of [4, 14, 22, 52]) expect(p).toContain(f);
            expect(p.includes(2) || p.includes(35)).toBe(true);
            if (req.fields[22] === '021') expect(req.fields[35]).toMatch(/^\d{13,19}=\d{4}/);
            else expect(p).not.toContain(35);
            expect(net.net).toBe('000');
            break;
          case '0200/23': {
            kinds.push('void');
            expect(req.fields[3]).toBe('200000');
            expect(req.fields[37]).toMatch(/^\d{12}$/);
            expect(req.fields[61]).toMatch(/^\d{12}$/);
            const orig = byTrace.get(`0200/${req.fields[61]!.slice(6)}`)!;
            expect(f60(orig).type).toBe('22');
            expect(req.fields[4]).toBe(orig.fields[4]); // the full amount
            expect(p).not.toContain(52);
            break;
          }
          case '0220/25':
            kinds.push('refund');
            expect(net.batch).toBe('000002'); // after settlement: the next batch, 61.1 the original's
            expect(req.fields[3]).toBe('200000');
            expect(req.fields[4]).toBe('000000000321');
            expect(req.fields[37]).toBe(s2.value.transaction.card!.rrn);
            expect(req.fields[61]).toMatch(/^\d{12}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/);
            expect(req.fields[61]!.slice(0, 12)).toBe(
              `${s2.value.transaction.batchNo}${s2.value.transaction.traceNo}`,
            );
            break;
          case '0100/10':
            kinds.push('pre-auth');
            expect(req.fields[3]).toBe('030000');
            expect(req.fields[25]).toBe('06');
            expect(p).toContain(52);
            break;
          case '0100/11':
            kinds.push('pre-auth cancel');
            expect(req.fields[3]).toBe('200000');
            expect(req.fields[25]).toBe('06');
            expect(req.fields[38]).toBe(h2.card!.authCode);
            break;
          case '0200/20':
            kinds.push('completion');
            expect(req.fields[3]).toBe('000000');
            expect(req.fields[25]).toBe('06');
            expect(req.fields[38]).toMatch(/^[0-9A-Z]{6}$/);
            expect(req.fields[61]).toMatch(/^\d{12}$/);
            break;
          case '0200/01':
            kinds.push('balance');
            expect(req.fields[3]).toBe('310000');
            expect(p).not.toContain(4);
            expect(p).toContain(52);
            break;
          case '0500/00':
            kinds.push('settlement');
            expect(net.batch).toBe('000001');
            expect(net.net).toBe('201');
            expect(req.fields[48]).toMatch(/^\d{62}$/);
            // Debits: 4 sales (12,345 + 6.78 + 43.21 + 10.00) and the completion (400.00);
            // credits: the one void that went through. Foreign: nothing. All in fen.
            expect(req.fields[48]).toBe(
              `005${'58344'.padStart(12, '0')}001${'12345'.padStart(12, '0')}0` +
                `001${'9900'.padStart(12, '0')}000${'0'.repeat(12)}0`,
            );
            break;
          case '0320/00':
            kinds.push(`upload ${net.net}`);
            expect(['201', '202']).toContain(net.net);
            break;
          default:
            if (req.mti !== '0400') throw new Error(`unexpected ${req.mti} 60.1=${net.type}`);
        }
        if (req.mti === '0400') {
          // The original's fields (less PIN block and track 2), its trace, plus 39.
          const orig = [...byTrace.values()].find(
            (o) => o.mti !== '0400' && o.fields[11] === req.fields[11],
          )!;
          kinds.push(`reversal ${net.type} ${req.fields[39]}`);
          expect(['98', 'A0']).toContain(req.fields[39]);
          for (const f of [2, 3, 4, 14, 22, 25, 37, 38, 41, 42, 49, 60, 61])
            expect(req.fields[f], `0400 of ${orig.mti}/${f60(orig).type}: field ${f}`).toBe(
              orig.fields[f],
            );
          expect(p).not.toContain(52);
          expect(p).not.toContain(35);
        }
      }
      // Live mode: the slips are real ESC/POS and carry no 培训 / TRAINING mark (PRODUCT.md §10).
      const slips = t.printer.jobs().map((b) => textOf(decodeEscPos(b)));
      expect(slips.some((x) => x.includes('银联POS签购单'))).toBe(true);
      for (const x of slips) expect(x).not.toContain('TRAINING');
      // Trace (voucher) numbers: +1 per message (PRODUCT.md §1); a 0400 carries its original's.
      // The one gap is the cash sale's voucher number, taken from the same counter.
      const traces = day.filter((x) => x.req.mti !== '0400').map((x) => Number(x.req.fields[11]));
      const all = Array.from({ length: traces.length + 1 }, (_, i) => traces[0]! + i);
      expect(traces).toEqual(all.filter((n) => n !== Number(cash.transaction.traceNo)));
      expect(kinds).toEqual([
        'sign-in',
        'sign-in',
        'sign-in',
        'sale',
        'sale',
        'void',
        'balance',
        'pre-auth',
        'completion',
        'pre-auth',
        'pre-auth cancel',
        'pre-auth',
        'reversal 10 98',
        'pre-auth',
        'completion',
        'reversal 20 98',
        'sale',
        'void',
        'reversal 23 98',
        'sale',
        'reversal 22 A0',
        'sale',
        'sale',
        'sign-in',
        'echo',
        'settlement',
        'upload 201',
        'upload 201',
        'upload 201',
        'upload 201',
        'upload 201',
        'upload 201',
        'upload 201',
        'upload 202',
        'sign-in',
        'refund',
      ]);
    },
    120_000,
  );
});

describe('the acceptance decoder itself', () => {
  it('computes the spec MAC vector (X9.19, HOST-PROTOCOL.md A)', () => {
    const key = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
    const mac = retailMac(key, Buffer.from('Now is the time for all ', 'ascii'));
    expect(mac.toString('hex').toUpperCase()).toBe('A1C72E74EA3FA9B6');
  });
});
