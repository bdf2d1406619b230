import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostStatus, KeyStatus } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import { checkValue } from '../../../main/host/crypto';
import { startTrainingHost, type TrainingHost } from '../../../main/host/training';
import { SETUP, err, ok, tempDir, cashierIn, signOff } from '../../support/core';
import { approvedSale, cardSale, cardTill, hostLog, row, rows, type CardTill } from './harness';

/** The acquirer's copy of this terminal's master key; the technician types it in as components. */
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');

function componentsOf(key: Buffer, n: 2 | 3): string[] {
  const parts = Array.from({ length: n - 1 }, () => randomBytes(16));
  const last = Buffer.from(key);
  for (const p of parts) for (let i = 0; i < 16; i += 1) last[i]! ^= p[i]!;
  return [...parts, last].map((b) => b.toString('hex').toUpperCase());
}

let host: TrainingHost | null = null;
const tills: CardTill[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  for (const t of tills.splice(0)) await t.remove();
  await host?.close();
  host = null;
  for (const d of dirs.splice(0)) d.remove();
});

/** A terminal in live mode against an acquirer host on loopback, its TMK injected by 99. */
async function liveTill(opts: { timeoutSec?: number; components?: 2 | 3 } = {}) {
  host ??= await startTrainingHost({
    terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
  });
  let injected: KeyStatus | null = null;
  const till = await cardTill({
    host: { address: `127.0.0.1:${host.port}`, timeoutSec: opts.timeoutSec ?? 1 },
    pinpadTmk: TMK,
    asTechnician: async (core) => {
      expect(await ok<KeyStatus>(core, 'keys:status')).toEqual({
        source: 'none',
        checkValue: null,
      });
      injected = await ok<KeyStatus>(core, 'keys:injectTmk', {
        components: componentsOf(TMK, opts.components ?? 2),
      });
    },
  });
  tills.push(till);
  return { till, injected: injected as KeyStatus | null };
}

async function restart(from: CardTill, dir = from.dir): Promise<PosCore> {
  const again = await cardTill({
    dir,
    printer: from.printer,
    ...(from.pinpadTmk ? { pinpadTmk: from.pinpadTmk } : {}),
  });
  tills.push(again);
  await cashierIn(again.core);
  return again.core;
}

describe('terminal master key injection', () => {
  it.each([2, 3] as const)(
    'combines %i components into the TMK: only the check value comes back, the key is sealed at rest',
    async (n) => {
      const { till, injected } = await liveTill({ components: n });
      const kcv = checkValue(TMK);
      expect(injected).toEqual({ source: 'injected', checkValue: kcv });
      // The host accepted the terminal's sign-in under that key: working keys checked and loaded.
      expect(hostLog(host!)).toEqual(['0800 000001 → 00']);
      await approvedSale(till.core, 100);

      const secrets = JSON.stringify(
        rows(till.core, 'SELECT * FROM secrets').map((r) =>
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [
              k,
              Buffer.isBuffer(v) ? v.toString('hex').toUpperCase() : v,
            ]),
          ),
        ),
      );
      expect(secrets).not.toContain(TMK.toString('hex').toUpperCase());
      const audit = rows<{ detail: string }>(
        till.core,
        "SELECT detail FROM audit_log WHERE action = 'tmk.injected'",
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toContain(kcv);
      expect(audit[0]!.detail).not.toContain(TMK.toString('hex').toUpperCase());
    },
  );

  it('refuses malformed components and a single component, naming the field', async () => {
    const { till } = await liveTill();
    const core = till.core;
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const short = await err(core, 'keys:injectTmk', { components: ['0123', 'ABCD'] });
    expect(short.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(short)).toContain('keyComponent');
    const one = await err(core, 'keys:injectTmk', { components: [TMK.toString('hex')] });
    expect(JSON.stringify(one)).toContain('keyComponentCount');
    // The key in use is unchanged.
    expect((await ok<KeyStatus>(core, 'keys:status')).checkValue).toBe(checkValue(TMK));
  });

  it('cannot sign in to the host with a wrong key: the check values do not match', async () => {
    host = await startTrainingHost({
      terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
    });
    const wrong = Buffer.alloc(16, 0x11);
    const till = await cardTill({
      host: { address: `127.0.0.1:${host.port}` },
      pinpadTmk: TMK,
      asTechnician: async (core) =>
        void (await ok(core, 'keys:injectTmk', { components: componentsOf(wrong, 2) })),
    });
    tills.push(till);
    const status = await ok<HostStatus>(till.core, 'host:status');
    expect(status.signedIn).toBe(false);
    expect(status.lastError).toEqual({ code: 'KEYS_INVALID' });
  });
});

describe('reversals survive a restart', () => {
  it('delivers a pending reversal first after the terminal restarts', async () => {
    const { till } = await liveTill();
    host!.faults.failReversals(1, '96');
    const r = await cardSale(till.core, 4_200, 'no-reply');
    expect(r).toMatchObject({ ok: true, value: { outcome: 'reversal', delivered: false } });
    await till.stop();

    const core = await restart(till);
    await vi.waitFor(
      () => expect(row(core, 'SELECT state FROM transactions')).toEqual({ state: 'reversed' }),
      { timeout: 5_000 },
    );
    expect(hostLog(host!)).toEqual([
      '0800 000001 → 00',
      '0200 000002 → —',
      '0400 000002 → 96',
      '0800 000003 → 00', // the restarted terminal signs in…
      '0400 000002 → 00', // …and the reversal goes before anything else
    ]);
    expect(host!.ledger()).toMatchObject([{ trace: '000002', state: 'reversed' }]);
    await approvedSale(core, 100);
  });

  it('reverses a request that was in flight when the power went (held reversal recovered as 98)', async () => {
    const { till } = await liveTill({ timeoutSec: 3 });
    const sale = cardSale(till.core, 6_600, 'no-reply');
    // The host has acted on the request; the terminal is still waiting for the answer.
    await vi.waitFor(() => expect(host!.ledger()).toHaveLength(1), { timeout: 3_000, interval: 5 });
    expect(row(till.core, 'SELECT state FROM transactions')).toEqual({ state: 'pending' });
    expect(rows(till.core, 'SELECT state FROM outbox')).toEqual([{ state: 'held' }]);

    // The disk as it is at this instant is what a power cut leaves behind.
    const snapshot = tempDir('pos-powercut-');
    dirs.push(snapshot);
    mkdirSync(snapshot.dir, { recursive: true });
    cpSync(till.dir, snapshot.dir, {
      recursive: true,
      filter: (src) => !/pos\.sqlite/.test(src),
    });
    till.core.internals.db.exec(`VACUUM INTO '${join(snapshot.dir, 'pos.sqlite')}'`);

    // The terminal that "died" must not deliver its own reversal.
    host!.faults.failReversals(99, '96');
    await sale;
    await till.stop();
    host!.faults.reset();

    const core = await restart(till, snapshot.dir);
    await vi.waitFor(
      () =>
        expect(row(core, 'SELECT state, reversal_reason FROM transactions')).toEqual({
          state: 'reversed',
          reversal_reason: '98',
        }),
      { timeout: 5_000 },
    );
    expect(host!.ledger()).toMatchObject([
      { trace: '000002', amountFen: 6_600, state: 'reversed' },
    ]);
    expect(rows(core, 'SELECT state FROM outbox')).toEqual([{ state: 'done' }]);
  });
});
