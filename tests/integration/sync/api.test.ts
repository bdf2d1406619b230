import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncHandlers } from '../../../main/api/handlers/sync';
import type { CallContext } from '../../../main/api/router';
import { fieldIssues } from '../../../main/api/validation';
import { sync as contract } from '../../../preload/contract/sync';
import { startBackOffice, type BackOffice } from '../../backoffice/server';
import { tempDir } from '../../support/core';
import { TOKEN, openTerminal, seedBatch, type Terminal } from './harness';

const admin: CallContext = {
  session: { operatorNo: '99', role: 'admin', name: '管理员', signedInAt: '2026-11-24T23:00:00Z' },
};

/** What the router does with an input: the contract's schema, then the rule names on failure. */
function saveInput(raw: unknown) {
  const parsed = contract.saveSettings.input.safeParse(raw);
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, fields: fieldIssues(parsed.error) };
}

describe('the sync channels against their contract', () => {
  let tmp: ReturnType<typeof tempDir>;
  let office: BackOffice;
  let t: Terminal;
  let handlers: ReturnType<typeof syncHandlers>;

  beforeEach(async () => {
    tmp = tempDir('pos-sync-');
    office = await startBackOffice({ token: TOKEN });
    t = openTerminal(tmp.dir);
    handlers = syncHandlers({ sync: t.sync });
  });
  afterEach(async () => {
    await t.close();
    await office.close();
    tmp.remove();
  });

  it('saves the back office (token write-only) and answers in the contract shape', async () => {
    expect(contract.getSettings.output.parse(await handlers.getSettings({}, admin))).toEqual({
      baseUrl: '',
      timeoutSec: 15,
      tokenSet: false,
    });
    const save = saveInput({
      baseUrl: ` ${office.baseUrl} `,
      timeoutSec: 10,
      token: TOKEN,
    });
    if (!save.ok) throw new Error(JSON.stringify(save.fields));
    const saved = contract.saveSettings.output.parse(
      await handlers.saveSettings(save.value, admin),
    );
    expect(saved).toEqual({ baseUrl: office.baseUrl, timeoutSec: 10, tokenSet: true });
    expect(t.repos.audit.recent(1)[0]).toMatchObject({
      operatorNo: '99',
      action: 'sync.backOffice.changed',
    });
  });

  it('refuses what the settings may not hold, naming the rule', () => {
    const rules = (raw: unknown) => {
      const r = saveInput(raw);
      return r.ok ? [] : r.fields.map((f) => `${f.field}:${f.rule}`);
    };
    // plain HTTP only to this machine: the token must not cross a network in clear
    expect(rules({ baseUrl: 'http://192.168.1.20:8090', timeoutSec: 15 })).toEqual([
      'baseUrl:backOfficeUrl',
    ]);
    expect(rules({ baseUrl: 'ftp://bo.example.com', timeoutSec: 15 })).toEqual([
      'baseUrl:backOfficeUrl',
    ]);
    expect(rules({ baseUrl: 'https://bo.example.com/pos', timeoutSec: 0 })).toEqual([
      'timeoutSec:backOfficeTimeout',
    ]);
    expect(rules({ baseUrl: 'https://bo.example.com', timeoutSec: 15, token: 'short' })).toEqual([
      'token:backOfficeToken',
    ]);
    expect(rules({ baseUrl: '', timeoutSec: 15, extra: 1 })).not.toEqual([]);
    expect(rules({ baseUrl: 'https://bo.example.com/pos', timeoutSec: 120 })).toEqual([]);
    expect(rules({ baseUrl: 'http://localhost:8090', timeoutSec: 15 })).toEqual([]);
  });

  it('accepts in the settings file every address the contract lets through', () => {
    for (const baseUrl of ['https://bo.example.com/pos', 'http://127.0.0.1:8090', '']) {
      t.sync.saveSettings({ baseUrl, timeoutSec: 120 }, '99');
      expect(t.settings.get().backOffice).toEqual({ baseUrl, timeoutSec: 120 });
    }
  });

  it('shows each batch’s progress, and "retry" answers at once while the upload runs on', async () => {
    seedBatch(t, '000001', 1500);
    t.settle('000001');
    const before = contract.status.output.parse(await handlers.status({}, admin));
    expect(before).toEqual({
      configured: false,
      batches: [
        {
          batchNo: '000001',
          state: 'pending',
          txCount: 1500,
          partsDone: 0,
          partsTotal: 2,
          lastError: null,
          createdAt: '2026-11-24T15:00:00.000Z',
          updatedAt: '2026-11-24T15:00:00.000Z',
        },
      ],
    });

    t.sync.saveSettings({ baseUrl: office.baseUrl, timeoutSec: 5 }, '99');
    t.sync.saveSettings({ baseUrl: office.baseUrl, timeoutSec: 5, token: TOKEN }, '99');
    const answered = contract.retry.output.parse(await handlers.retry({}, admin));
    expect(answered.configured).toBe(true);
    await office.waitFor((r) => r.kind === 'commit');
    await t.deliver();
    expect(contract.status.output.parse(await handlers.status({}, admin)).batches[0]).toMatchObject(
      { state: 'done', partsDone: 2, partsTotal: 2 },
    );
  });
});
