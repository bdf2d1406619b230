import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../../preload/contract';
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

const DAY = 24 * 60 * 60 * 1000;

async function terminal() {
  const tmp = tempDir();
  const { core, clock } = await startCore(tmp.dir);
  cleanup.push(
    () => tmp.remove(),
    () => core.close(),
  );
  await setUpTerminal(core);
  return { core, clock };
}

type Page = { entries: AuditEntryView[]; hasMore: boolean };

describe('audit log (审计日志)', () => {
  it('filters by day, operator and action prefix, pages back, and exports CSV (BOM, quoted, audited)', async () => {
    const { core, clock } = await terminal(); // day 1: 99 sets up the terminal
    clock.advance(DAY);
    // day 2: 01 changes the default password and signs in, then signs off with a ¥0.00 count
    await signInCashier(core, { float: false });
    await signOff(core);
    for (let i = 0; i < 3; i++)
      await err(core, 'auth:signIn', { operatorNo: '01', password: '0000' });
    await ok(core, 'auth:signIn', { operatorNo: '99', password: '87654321' });

    const all = await ok<Page>(core, 'audit:list', {});
    const actions = all.entries.map((e) => e.action).filter((a) => a !== 'host.signin');
    expect(actions.slice(0, 6)).toEqual([
      'signin',
      'signin.failed',
      'signin.failed',
      'signin.failed',
      'signoff',
      'cash.counted',
    ]);
    expect(all.entries.every((e, i, a) => i === 0 || a[i - 1]!.id > e.id)).toBe(true);

    const d = new Date(clock.now());
    const p = (n: number) => String(n).padStart(2, '0');
    const today = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
    const y = new Date(clock.now() - DAY);
    const yesterday = `${y.getFullYear()}-${p(y.getMonth() + 1)}-${p(y.getDate())}`;
    const onDay1 = await ok<Page>(core, 'audit:list', { from: yesterday, to: yesterday });
    expect(new Set(onDay1.entries.map((e) => e.operatorNo))).toEqual(new Set(['99']));
    expect(onDay1.entries.map((e) => e.action)).toContain('parameters.changed');
    const failed = await ok<Page>(core, 'audit:list', {
      from: today,
      operatorNo: '01',
      action: 'signin.',
    });
    expect(failed.entries.map((e) => e.action)).toEqual([
      'signin.failed',
      'signin.failed',
      'signin.failed',
    ]);
    expect(failed.entries[0]!.detail).toEqual({ attemptsLeft: 2 });

    const page1 = await ok<Page>(core, 'audit:list', { limit: 2 });
    expect(page1.hasMore).toBe(true);
    const page2 = await ok<Page>(core, 'audit:list', { limit: 2, beforeId: page1.entries[1]!.id });
    expect(page2.entries.map((e) => e.id)).toEqual(all.entries.slice(2, 4).map((e) => e.id));

    const csv = await ok<{ fileName: string; csv: string; rows: number }>(core, 'audit:exportCsv', {
      operatorNo: '99',
    });
    expect(
      csv.csv.startsWith('\uFEFF编号 ID,时间 Time,操作员 Operator,事件 Action,详情 Detail\r\n'),
    ).toBe(true);
    expect(csv.rows).toBe(csv.csv.trim().split('\r\n').length - 1);
    // JSON details hold commas and quotes: the field is quoted, quotes doubled.
    expect(csv.csv).toMatch(/,parameters\.changed,"\{""changes"":/);
    expect(csv.fileName).toMatch(/^audit-\d{8}-\d{6}\.csv$/);
    const last = await ok<Page>(core, 'audit:list', { limit: 1 });
    expect(last.entries[0]).toMatchObject({
      action: 'audit.exported',
      operatorNo: '99',
      detail: { rows: csv.rows, filter: { operatorNo: '99' } },
    });

    // Bad filters are named; a cashier may not read the log.
    expect(await err(core, 'audit:list', { from: '2026-02-31' })).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'from', rule: 'localDate' }],
    });
    expect(await err(core, 'audit:list', { action: "x' OR 1=1" })).toMatchObject({
      fields: [{ field: 'action', rule: 'auditAction' }],
    });
    await signOff(core);
    await cashierIn(core);
    expect((await err(core, 'audit:list', {})).code).toBe('FORBIDDEN');
  });

  it('is append-only in the database itself', async () => {
    const { core } = await terminal();
    const db = core.internals.db;
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});
