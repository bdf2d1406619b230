import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupView, ConfigPreview, RestorePreview } from '../../../preload/contract';
import { settleBySql } from './harness';
import {
  err,
  ok,
  setUpTerminal,
  signInCashier,
  startCore,
  tempDir,
  cashierIn,
  signOff,
} from '../../support/core';

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function terminal() {
  const tmp = tempDir();
  const { core, clock } = await startCore(tmp.dir);
  cleanup.push(
    () => tmp.remove(),
    () => core.close(),
  );
  await setUpTerminal(core);
  await ok(core, 'auth:changePassword', {
    operatorNo: '00',
    currentPassword: '123456',
    newPassword: '246810',
    confirmPassword: '246810',
  });
  await signOff(core);
  return { core, clock, dir: tmp.dir };
}

const count = (core: Awaited<ReturnType<typeof terminal>>['core']) =>
  (core.internals.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;

describe('data care through the contract (the real composition root)', () => {
  it('backs up with progress events, restores through a restart of the services, and everyone signs in again', async () => {
    const { core } = await terminal();
    await signInCashier(core);
    await ok(core, 'sale:cash', { amountFen: 700, tenderedFen: 700 });
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    const progress: number[] = [];
    const off = core.onEvent((name, payload) => {
      if (name === 'data:backupProgress') progress.push((payload as { percent: number }).percent);
    });
    const backup = await ok<BackupView>(core, 'data:backup');
    expect(backup).toMatchObject({ kind: 'manual', userVersion: expect.any(Number) });
    expect(progress.at(-1)).toBe(100);

    // More trade after the backup, then the manager restores it.
    await signOff(core);
    await cashierIn(core);
    await ok(core, 'sale:cash', { amountFen: 900, tenderedFen: 900 });
    expect(count(core)).toBe(2);
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    // The preview names the cash sale the restore would drop, unsettled: refused (issue 16).
    const refused = await ok<RestorePreview>(core, 'data:previewRestore', { file: backup.file });
    expect(refused).toMatchObject({ transactions: 1, unsettledApproved: 1 });
    expect(refused.refusal).toBe('RESTORE_DROPS_UNSETTLED');
    expect(
      (await err(core, 'data:restore', { file: backup.file, confirm: refused.confirm })).code,
    ).toBe('RESTORE_DROPS_UNSETTLED');
    // Once the batch is settled and uploaded, the drop is allowed after a fresh preview.
    settleBySql(core.internals.db, '000001', Date.now());
    expect(
      (await err(core, 'data:restore', { file: backup.file, confirm: refused.confirm })).code,
    ).toBe('RESTORE_PREVIEW_STALE');
    const preview = await ok<RestorePreview>(core, 'data:previewRestore', { file: backup.file });
    expect(preview).toMatchObject({ transactions: 1, unsettledApproved: 0, refusal: null });
    const r = await ok<{ restored: string; safetyCopy: BackupView }>(core, 'data:restore', {
      file: backup.file,
      confirm: preview.confirm,
    });
    expect(r.restored).toBe(backup.file);
    expect(r.safetyCopy.kind).toBe('safety');
    // The services run again on the restored file; the same core object answers.
    expect(count(core)).toBe(1);
    expect(await ok(core, 'auth:session')).toEqual({ session: null });
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    const list = await ok<{ backups: BackupView[] }>(core, 'data:backups');
    expect(list.backups.map((b) => b.kind).sort()).toEqual(['manual', 'safety']);
    // Events still reach the shell's listener after the restart.
    progress.length = 0;
    await ok(core, 'data:backup');
    expect(progress.at(-1)).toBe(100);
    off();
    const restored = core.internals.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'backup.%' ORDER BY id")
      .all() as Array<{ action: string }>;
    expect(restored.map((a) => a.action)).toContain('backup.restored');
  });

  it('refuses a damaged backup and paths outside the backup folder, changing nothing', async () => {
    const { core, dir } = await terminal();
    await ok(core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    const good = await ok<BackupView>(core, 'data:backup');
    const bad = good.file.replace('-manual', '-scheduled');
    writeFileSync(join(dir, 'backups', bad), Buffer.alloc(8192, 7));
    const confirm = '0'.repeat(24);
    expect((await err(core, 'data:previewRestore', { file: bad })).code).toBe('RESTORE_CORRUPT');
    expect((await err(core, 'data:restore', { file: bad, confirm })).code).toBe('RESTORE_CORRUPT');
    expect(await err(core, 'data:restore', { file: '../pos.sqlite', confirm })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: [{ field: 'file', rule: 'backupFile' }],
    });
    expect(await ok(core, 'auth:session')).toMatchObject({ session: { operatorNo: '00' } });
  });

  it('exports transactions as CSV text and moves the configuration to another terminal with a preview', async () => {
    const { core } = await terminal();
    await signInCashier(core);
    await ok(core, 'sale:cash', { amountFen: 1_050, tenderedFen: 2_000 });
    await signOff(core);
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    const day = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    const from = '2026-11-24';
    const csv = await ok<{ csv: string; rows: number }>(core, 'data:exportTransactions', {
      from,
      to: day > from ? day : from,
    });
    expect(csv.rows).toBe(1);
    expect(csv.csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.csv).toContain('10.50');
    await ok(core, 'setup:savePolicy', {
      refund: true,
      void: false,
      preAuth: true,
      maxRefundFen: 20_000,
      passwordExpiryDays: 30,
    });
    const exported = await ok<{ json: string }>(core, 'data:exportConfig', {});
    expect(exported.json).not.toContain('T0000001'); // the terminal number stays per terminal

    const other = await terminal();
    await ok(other.core, 'auth:signIn', { operatorNo: '99', password: '87654321' });
    const preview = await ok<ConfigPreview>(other.core, 'data:previewConfig', {
      text: exported.json,
    });
    expect(preview.changes).toEqual(
      expect.arrayContaining([
        { field: 'enabled.void', from: true, to: false },
        { field: 'passwordExpiryDays', from: 90, to: 30 },
      ]),
    );
    expect(await ok(other.core, 'setup:getPolicy')).toMatchObject({ void: true });
    await ok(other.core, 'data:importConfig', { text: exported.json });
    expect(await ok(other.core, 'setup:getPolicy')).toMatchObject({
      void: false,
      maxRefundFen: 20_000,
    });
    expect((await err(other.core, 'data:previewConfig', { text: '{"format":1}' })).code).toBe(
      'CONFIG_FILE_INVALID',
    );
    // The supervisor may back up and export, not import configuration.
    await signOff(other.core);
    await ok(other.core, 'auth:signIn', { operatorNo: '00', password: '246810' });
    expect((await err(other.core, 'data:importConfig', { text: exported.json })).code).toBe(
      'FORBIDDEN',
    );
  });
});
