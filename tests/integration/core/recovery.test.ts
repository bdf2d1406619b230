import { readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo, BackupView } from '../../../preload/contract';
import type { PosCore } from '../../../main/core/pos-core';
import {
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  signOff,
} from '../../support/core';
import { spoilPage } from '../../support/spoil';

/**
 * Issue 16 items 4 and 5: a configured terminal whose pos.sqlite is deleted,
 * empty or damaged must not start on a fresh database (factory passwords
 * working, numbering from 1): it answers with the recovery state, refuses
 * every other call (never INTERNAL on a sale), and the technician — with the
 * password as last set, never the factory one — restores a listed backup or
 * deliberately starts over, audited in the new database.
 */
let tmp: ReturnType<typeof tempDir> | null = null;
let core: PosCore | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  tmp?.remove();
  tmp = null;
});

const TECH = { password: '87654321' };

/** A terminal in use: set up, a backup, then sales after it; closed. Returns the vouchers used. */
async function terminalInUse(dir: string): Promise<string[]> {
  const c = (await startCore(dir)).core;
  await setUpTerminal(c);
  await ok(c, 'auth:signIn', { operatorNo: '99', password: TECH.password });
  await ok<BackupView>(c, 'data:backup');
  await signOff(c);
  await signInCashier(c);
  for (let i = 0; i < 3; i++) await ok(c, 'sale:cash', { amountFen: 100, tenderedFen: 100 });
  const vouchers = c.internals.db
    .prepare('SELECT trace_no FROM transactions')
    .pluck()
    .all() as string[];
  await c.close();
  return vouchers;
}

function dbFiles(dir: string) {
  return readdirSync(dir).filter((f) => f.startsWith('pos.sqlite'));
}

async function expectRecovery(c: PosCore, reason: string) {
  const info = await ok<AppInfo>(c, 'app:info');
  expect(info.recovery).toMatchObject({ reason });
  // Factory passwords open nothing; no call trades; a sale is refused in words, not INTERNAL.
  expect(await err(c, 'auth:signIn', { operatorNo: '99', password: '12345678' })).toMatchObject({
    code: 'RECOVERY_NEEDED',
  });
  expect(await err(c, 'auth:signIn', { operatorNo: '01', password: '0000' })).toMatchObject({
    code: 'RECOVERY_NEEDED',
  });
  expect((await err(c, 'sale:cash', { amountFen: 100, tenderedFen: 100 })).code).toBe(
    'RECOVERY_NEEDED',
  );
  expect((await err(c, 'recovery:backups', { password: '12345678' })).code).toBe('WRONG_PASSWORD');
}

describe('recovery mode (issue 16)', () => {
  it('deleted database: no fresh one, the technician restores a listed backup, numbers go on', async () => {
    tmp = tempDir();
    const used = await terminalInUse(tmp.dir);
    for (const f of dbFiles(tmp.dir)) rmSync(join(tmp.dir, f));

    core = (await startCore(tmp.dir)).core;
    await expectRecovery(core, 'missing');
    expect(dbFiles(tmp.dir)).toEqual([]); // nothing created

    const { backups } = await ok<{ backups: BackupView[] }>(core, 'recovery:backups', TECH);
    expect(backups).toHaveLength(1);
    await ok(core, 'recovery:restore', { ...TECH, file: backups[0]!.file });

    const info = await ok<AppInfo>(core, 'app:info');
    expect(info.recovery).toBeNull();
    expect((await err(core, 'recovery:backups', TECH)).code).toBe('RECOVERY_NOT_NEEDED');
    await ok(core, 'auth:signIn', { operatorNo: '99', password: TECH.password });
    const audit = core.internals.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'recovery.%'")
      .pluck()
      .all();
    expect(audit).toEqual(['recovery.restored']);
    await signOff(core);
    // The backup predates the cashier's first sign-in: 01 sets a password, then sells.
    await signInCashier(core);
    const sale = await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
      amountFen: 200,
      tenderedFen: 200,
    });
    expect(used).not.toContain(sale.transaction.traceNo);
    expect(Number(sale.transaction.traceNo)).toBeGreaterThan(Math.max(...used.map(Number)));
  });

  it('empty database: starting over is deliberate, audited, keeps the technician password and the numbering', async () => {
    tmp = tempDir();
    const used = await terminalInUse(tmp.dir);
    for (const f of dbFiles(tmp.dir)) if (f !== 'pos.sqlite') rmSync(join(tmp.dir, f));
    truncateSync(join(tmp.dir, 'pos.sqlite'), 0);

    core = (await startCore(tmp.dir)).core;
    await expectRecovery(core, 'empty');
    expect(await err(core, 'recovery:startOver', { ...TECH, confirm: 'yes' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
    await ok(core, 'recovery:startOver', { ...TECH, confirm: 'START OVER' });

    expect((await ok<AppInfo>(core, 'app:info')).recovery).toBeNull();
    // The factory technician password does not come back with the new database.
    expect((await err(core, 'auth:signIn', { operatorNo: '99', password: '12345678' })).code).toBe(
      'WRONG_PASSWORD',
    );
    await ok(core, 'auth:signIn', { operatorNo: '99', password: TECH.password });
    const actions = core.internals.db
      .prepare('SELECT action FROM audit_log ORDER BY id')
      .pluck()
      .all();
    expect(actions).toEqual(expect.arrayContaining(['backup.carried', 'recovery.startedOver']));
    await signOff(core);
    await signInCashier(core);
    const sale = await ok<{ transaction: { traceNo: string } }>(core, 'sale:cash', {
      amountFen: 200,
      tenderedFen: 200,
    });
    expect(used).not.toContain(sale.transaction.traceNo);
    // The empty file was kept aside for support, not deleted.
    expect(dbFiles(tmp.dir).some((f) => f.startsWith('pos.sqlite.empty-'))).toBe(true);
  });

  it('damaged database (a page in the middle overwritten): recovery at start, never INTERNAL on a sale', async () => {
    tmp = tempDir();
    const c = (await startCore(tmp.dir)).core;
    await setUpTerminal(c);
    await signInCashier(c);
    // Enough rows that the middle of the file holds table and index pages.
    const repos = c.internals.repos;
    repos.inTransaction(() => {
      for (let i = 0; i < 3000; i++)
        repos.audit.append({ operatorNo: '01', action: 'test.fill', detail: { i } }, 1);
    });
    await ok(c, 'sale:cash', { amountFen: 100, tenderedFen: 100 });
    c.internals.db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = c.internals.db.pragma('page_size', { simple: true }) as number;
    await c.close();

    const file = join(tmp.dir, 'pos.sqlite');
    const pages = statSync(file).size / pageSize;
    // Deterministic garbage over the middle page.
    spoilPage(file, Math.floor(pages / 2) + 1, pageSize);

    core = (await startCore(tmp.dir)).core;
    await expectRecovery(core, 'damaged');
    // No backup was ever made: starting over is the way out.
    expect((await ok<{ backups: BackupView[] }>(core, 'recovery:backups', TECH)).backups).toEqual(
      [],
    );
    await ok(core, 'recovery:startOver', { ...TECH, confirm: 'START OVER' });
    expect(dbFiles(tmp.dir).some((f) => f.startsWith('pos.sqlite.damaged-'))).toBe(true);
  });

  it('damage met while trading (a page first read now): the call answers RECOVERY_NEEDED and the till waits in recovery mode', async () => {
    tmp = tempDir();
    const c = (await startCore(tmp.dir)).core;
    await setUpTerminal(c);
    // Old audit rows: pages nothing reads at start-up, only a look back at that day.
    const repos = c.internals.repos;
    const longAgo = Date.parse('2026-11-01T12:00:00+08:00');
    repos.inTransaction(() => {
      for (let i = 0; i < 3000; i++)
        repos.audit.append({ operatorNo: '01', action: 'test.fill', detail: { i } }, longAgo);
    });
    c.internals.db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = c.internals.db.pragma('page_size', { simple: true }) as number;
    const leaves = c.internals.db
      .prepare<[], number>(
        "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf' ORDER BY pageno",
      )
      .pluck()
      .all();
    const victim = leaves[Math.floor(leaves.length / 2)]!;
    await c.close();

    // It starts clean (quick_check passes), then the disk spoils a page under it.
    core = (await startCore(tmp.dir)).core;
    expect((await ok<AppInfo>(core, 'app:info')).recovery).toBeNull();
    await ok(core, 'auth:signIn', { operatorNo: '99', password: TECH.password });
    spoilPage(join(tmp.dir, 'pos.sqlite'), victim, pageSize);
    const day = new Date(longAgo);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    expect((await err(core, 'audit:list', { from: date, to: date })).code).toBe('RECOVERY_NEEDED');
    // From then on the till does not trade: recovery mode, as if it had started on the damage.
    await expectRecovery(core, 'damaged');
    await ok(core, 'recovery:startOver', { ...TECH, confirm: 'START OVER' });
    expect(dbFiles(tmp.dir).some((f) => f.startsWith('pos.sqlite.damaged-'))).toBe(true);
    expect((await ok<AppInfo>(core, 'app:info')).recovery).toBeNull();
  });
});
