import type { PosCore } from '../../../main/core/pos-core';
import { ok, setUpTerminal, startCore, tempDir } from '../../support/core';

export const SUPERVISOR = { operatorNo: '00', password: '246810' };

/** A set-up terminal with the supervisor signed in (the demo catalogue is there: training mode). */
export async function managerTerminal(cleanup: Array<() => Promise<void> | void>) {
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
    newPassword: SUPERVISOR.password,
    confirmPassword: SUPERVISOR.password,
  });
  return { core, clock, dir: tmp.dir };
}

export function auditRows(core: PosCore, action: string) {
  return (
    core.internals.db
      .prepare('SELECT operator_no, detail FROM audit_log WHERE action = ? ORDER BY id')
      .all(action) as Array<{ operator_no: string | null; detail: string }>
  ).map((r) => ({ by: r.operator_no, ...(JSON.parse(r.detail) as Record<string, unknown>) }));
}

export const base64 = (text: string | Buffer) =>
  (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64');

export function csvFile(text: string, fileName = 'products.csv') {
  return { format: 'csv' as const, fileName, data: base64(text) };
}
