import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, HostStatus, KeyStatus } from '../../../preload/contract';
import { startTrainingHost, type TrainingHost } from '../../../main/host/training';
import { SETUP, err, ok, cashierIn, signOff } from '../../support/core';
import { approvedSale, cardSale, cardTill, rows, technician, type CardTill } from './harness';

/**
 * A lost or wrong data key (secret.key) is reported, never silently replaced
 * (issue 16): sealed data — the master key, card numbers of pending
 * reversals — stays as it is, every use of it answers SECRET_KEY_PROBLEM in
 * words, and the technician sees what is affected and replaces the key on
 * purpose by injecting the master key again.
 */
const TMK = Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex');
function componentsOf(key: Buffer): string[] {
  const first = randomBytes(16);
  const second = Buffer.from(key);
  for (let i = 0; i < 16; i += 1) second[i]! ^= first[i]!;
  return [first, second].map((b) => b.toString('hex').toUpperCase());
}

let host: TrainingHost | null = null;
const tills: CardTill[] = [];
afterEach(async () => {
  for (const t of tills.splice(0)) await t.remove();
  await host?.close();
  host = null;
});

/** A live terminal with one card sale whose reversal is still waiting (the host refuses it). */
async function tillWithPendingReversal() {
  host = await startTrainingHost({
    terminals: [{ terminal: SETUP.terminalNumber, merchant: SETUP.merchantNumber, tmk: TMK }],
  });
  const till = await cardTill({
    host: { address: `127.0.0.1:${host.port}` },
    pinpadTmk: TMK,
    asTechnician: async (core) =>
      void (await ok(core, 'keys:injectTmk', { components: componentsOf(TMK) })),
  });
  tills.push(till);
  host.faults.failReversals(99, '96');
  const r = await cardSale(till.core, 4_200, 'no-reply');
  expect(r).toMatchObject({ ok: true, value: { outcome: 'reversal', delivered: false } });
  await till.stop();
  return till;
}

async function restart(from: CardTill) {
  const again = await cardTill({ dir: from.dir, printer: from.printer, pinpadTmk: TMK });
  tills.push(again);
  return again;
}

describe('the data key (secret.key)', () => {
  it('missing over sealed data: reported in words, not recreated; 99 sees the pending reversal and replaces the key on purpose', async () => {
    const first = await tillWithPendingReversal();
    const keyFile = join(first.dir, 'secret.key');
    rmSync(keyFile);

    const till = await restart(first);
    const { core } = till;
    expect(existsSync(keyFile)).toBe(false);
    expect((await ok<AppInfo>(core, 'app:info')).secretKeyProblem).toBe('missing');

    // The cashier signs in locally; the host sign-in needs the master key: a clear error, no INTERNAL.
    await cashierIn(core);
    expect((await ok<HostStatus>(core, 'host:status')).lastError).toEqual({
      code: 'SECRET_KEY_PROBLEM',
      params: { problem: 'missing' },
    });
    // A card tries the sign-in first and names what blocks it: the master key.
    expect((await err(core, 'card:sale', { amountFen: 100 })).code).toBe('SECRET_KEY_PROBLEM');
    await ok(core, 'sale:cash', { amountFen: 100, tenderedFen: 100 }); // cash still works
    await signOff(core);

    host!.faults.reset();
    await technician(core, async () => {
      const status = await ok<KeyStatus>(core, 'keys:status');
      expect(status.secretKeyProblem).toMatchObject({
        problem: 'missing',
        pendingReversals: [
          {
            traceNo: '000002',
            amountFen: 4_200,
            panMasked: expect.stringMatching(/^\d{6}\*+\d{4}$/),
          },
        ],
        sealed: ['tmk'],
      });
      // Injecting without saying "new data key" is refused: nothing is replaced by accident.
      expect(await err(core, 'keys:injectTmk', { components: componentsOf(TMK) })).toEqual({
        code: 'SECRET_KEY_PROBLEM',
        params: { problem: 'missing' },
      });
      expect(existsSync(keyFile)).toBe(false);
      const injected = await ok<KeyStatus>(core, 'keys:injectTmk', {
        components: componentsOf(TMK),
        replaceSecretKey: true,
      });
      expect(injected.secretKeyProblem).toBeUndefined();
    });
    expect(existsSync(keyFile)).toBe(true);
    const replaced = core.internals.repos.audit
      .recent(20)
      .find((a) => a.action === 'secret.key.replaced');
    expect(replaced?.detail).toMatchObject({
      problem: 'missing',
      droppedSecrets: ['tmk'],
      pendingReversals: [expect.stringMatching(/^000001\/000002 4200 \d{6}\*+\d{4}$/)],
    });

    // The cashier signs in again: the host sign-in works under the re-injected key.
    await cashierIn(core);
    expect((await ok<HostStatus>(core, 'host:status')).signedIn).toBe(true);
    // The reversal whose card number can't be read any more ends for a person: a fault slip.
    await ok(core, 'host:flushReversals');
    await vi.waitFor(() =>
      expect(rows(core, "SELECT state FROM outbox WHERE kind = 'reversal'")).toEqual([
        { state: 'dead' },
      ]),
    );
    await vi.waitFor(() =>
      expect(
        rows(core, "SELECT id FROM print_jobs WHERE kind = 'fault_slip'").length,
      ).toBeGreaterThan(0),
    );
    await approvedSale(core, 300);
  });

  it('a key that does not open the sealed data is left as it is and reported as wrong', async () => {
    const first = await tillWithPendingReversal();
    const keyFile = join(first.dir, 'secret.key');
    const stranger = randomBytes(32);
    writeFileSync(keyFile, stranger, { mode: 0o600 });

    const till = await restart(first);
    expect((await ok<AppInfo>(till.core, 'app:info')).secretKeyProblem).toBe('wrong');
    expect(readFileSync(keyFile).equals(stranger)).toBe(true);
    await technician(till.core, async () => {
      expect((await ok<KeyStatus>(till.core, 'keys:status')).secretKeyProblem?.problem).toBe(
        'wrong',
      );
      await ok(till.core, 'keys:injectTmk', {
        components: componentsOf(TMK),
        replaceSecretKey: true,
      });
    });
    // The old file was set aside for the technician, not deleted.
    const aside = rows(
      till.core,
      "SELECT detail FROM audit_log WHERE action = 'secret.key.replaced'",
    );
    const detail = JSON.parse(String(aside[0]?.detail)) as { oldKeySetAside: string };
    expect(readFileSync(detail.oldKeySetAside).equals(stranger)).toBe(true);
  });

  it('a new terminal (nothing sealed yet) makes its key without asking', async () => {
    const till = await cardTill();
    tills.push(till);
    expect(existsSync(join(till.dir, 'secret.key'))).toBe(true);
    expect((await ok<AppInfo>(till.core, 'app:info')).secretKeyProblem).toBeNull();
  });
});
