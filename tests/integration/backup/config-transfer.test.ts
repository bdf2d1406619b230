import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PosError } from '../../../preload/contract';
import { createLogger } from '../../../main/core/logger';
import type { PosCore } from '../../../main/core/pos-core';
import { PosFailure } from '../../../main/domain/errors';
import {
  CONFIG_FORMAT,
  SHARED_PARAMETERS,
  createConfigTransferService,
} from '../../../main/services/data-care/config-transfer-service';
import { confEngine } from '../../../main/settings/conf-engine';
import { openSettings } from '../../../main/settings/store';
import { SETUP, setUpTerminal, startCore, tempDir } from '../../support/core';

const open: Array<{ core: PosCore; remove(): void }> = [];
afterEach(async () => {
  for (const t of open.splice(0)) {
    await t.core.close();
    t.remove();
  }
});

async function terminal(setup: Record<string, unknown>) {
  const tmp = tempDir('pos-config-');
  const { core, clock } = await startCore(tmp.dir);
  open.push({ core, remove: tmp.remove });
  await setUpTerminal(core, setup);
  const hooks = { onSaved: vi.fn(), onHostSaved: vi.fn() };
  const service = createConfigTransferService({
    repos: core.internals.repos,
    settings: core.internals.settings,
    clock,
    logger: createLogger({ file: join(tmp.dir, 'logs', 'config.log') }),
    version: '0.0.0-test',
    ...hooks,
  });
  return { core, service, hooks, dir: tmp.dir };
}

function refusal(fn: () => unknown): PosError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosFailure) return e.error;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('configuration export and import', () => {
  it('carries a shop set-up to a second terminal: preview the diff, apply, audit', async () => {
    const a = await terminal(SETUP);
    const pa = a.core.internals.settings.get();
    a.core.internals.settings.save({
      ...pa,
      host: { ...pa.host, address: '10.1.2.3:5000', timeoutSec: 45 },
      receipt: { ...pa.receipt, header: '欢迎光临 连锁便利', footer: '多谢惠顾', copies: 3 },
      fees: { ...pa.fees, qrRate: 30 },
      enabled: { ...pa.enabled, preAuth: false },
      printer: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
      checkout: {
        ...pa.checkout,
        rounding: 'jiao',
        discountLimit: { percentBp: 500, amountFen: 1000 },
      },
    });
    const json = a.service.exportConfigJson('99');
    const file = JSON.parse(json) as Record<string, unknown> & {
      parameters: Record<string, unknown>;
    };
    expect(file).toMatchObject({
      format: CONFIG_FORMAT,
      formatVersion: 1,
      appVersion: '0.0.0-test',
    });
    // What a chain shares; never the terminal number (nor, unasked, the merchant number).
    expect(Object.keys(file.parameters).sort()).toEqual([...SHARED_PARAMETERS].sort());
    expect(json).not.toContain('T0000001');
    expect(json).not.toContain(SETUP.merchantNumber);
    expect(a.core.internals.repos.audit.recent(1)[0]).toMatchObject({
      operatorNo: '99',
      action: 'config.exported',
    });

    const b = await terminal({
      ...SETUP,
      terminalNumber: 'T0000002',
      merchantNumber: '898310148169999',
      merchantName: '另一家店',
    });
    const before = b.core.internals.settings.get();
    const preview = b.service.previewImport(json);
    expect(b.core.internals.settings.get()).toEqual(before); // a preview changes nothing
    expect(preview.ignored).toEqual([]);
    expect(preview.changes).toEqual(
      expect.arrayContaining([
        { field: 'merchantName', from: '另一家店', to: SETUP.merchantName },
        { field: 'host.address', from: '', to: '10.1.2.3:5000' },
        { field: 'host.timeoutSec', from: 60, to: 45 },
        { field: 'receipt.header', from: '', to: '欢迎光临 连锁便利' },
        { field: 'receipt.copies', from: 2, to: 3 },
        { field: 'fees.qrRate', from: 38, to: 30 },
        { field: 'enabled.preAuth', from: true, to: false },
        { field: 'printer.kind', from: 'virtual', to: 'tcp' },
        { field: 'checkout.rounding', from: 'none', to: 'jiao' },
        { field: 'checkout.discountLimit.percentBp', from: 1000, to: 500 },
      ]),
    );
    expect(preview.changes.map((c) => c.field)).not.toContain('terminalNumber');
    expect(preview.changes.map((c) => c.field)).not.toContain('merchantNumber');

    const applied = b.service.applyImport(json, '99');
    expect(applied.changes).toEqual(preview.changes);
    const after = b.core.internals.settings.get();
    expect(after).toEqual({
      ...pa,
      ...a.core.internals.settings.get(),
      terminalNumber: 'T0000002',
      merchantNumber: '898310148169999',
    });
    // Saved to the parameters file, not just in memory.
    const reread = openSettings(confEngine(b.dir), () => new Date());
    expect(reread.get()).toEqual(after);
    expect(b.core.internals.repos.audit.recent(1)[0]).toMatchObject({
      operatorNo: '99',
      action: 'parameters.changed',
      detail: { via: 'config.import', changes: preview.changes },
    });
    expect(b.hooks.onSaved).toHaveBeenCalledTimes(1);
    expect(b.hooks.onHostSaved).toHaveBeenCalledTimes(1);

    // Importing the same file again changes nothing.
    expect(b.service.previewImport(json).changes).toEqual([]);
  });

  it('carries the merchant number only when asked, and ignores keys an import never takes', async () => {
    const a = await terminal(SETUP);
    const withMerchant = JSON.parse(
      a.service.exportConfigJson('99', { withMerchantNumber: true }),
    ) as { parameters: Record<string, unknown> };
    expect(withMerchant.parameters.merchantNumber).toBe(SETUP.merchantNumber);

    const b = await terminal({
      ...SETUP,
      terminalNumber: 'T0000002',
      merchantNumber: '898310148169999',
    });
    const doctored = JSON.stringify({
      ...withMerchant,
      parameters: { ...withMerchant.parameters, terminalNumber: 'T0000001', configured: false },
    });
    const preview = b.service.previewImport(doctored);
    expect(preview.ignored).toEqual(['configured', 'terminalNumber']);
    expect(preview.changes).toEqual([
      { field: 'merchantNumber', from: '898310148169999', to: SETUP.merchantNumber },
    ]);
    b.service.applyImport(doctored, '99');
    expect(b.core.internals.settings.get()).toMatchObject({
      terminalNumber: 'T0000002',
      merchantNumber: SETUP.merchantNumber,
      configured: true,
    });
    expect(b.hooks.onHostSaved).not.toHaveBeenCalled();
  });

  it('refuses a bad file with field-level issues and changes nothing', async () => {
    const a = await terminal(SETUP);
    const good = JSON.parse(a.service.exportConfigJson('99', { withMerchantNumber: true })) as {
      parameters: Record<string, Record<string, unknown>>;
    };
    const b = await terminal({ ...SETUP, terminalNumber: 'T0000002' });
    const before = b.core.internals.settings.get();
    const auditBefore = b.core.internals.repos.audit.recent(1)[0]!.id;

    const bad = JSON.stringify({
      ...good,
      parameters: {
        ...good.parameters,
        merchantNumber: '12345',
        host: { ...good.parameters.host, address: 'not an address', tpdu: 'XYZ' },
        receipt: { ...good.parameters.receipt, copies: 9 },
        fees: { ...good.parameters.fees, cardRate: '0.6' },
      },
    });
    const e = refusal(() => b.service.applyImport(bad, '99'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.fields).toEqual(
      expect.arrayContaining([
        { field: 'merchantNumber', rule: 'merchantNumber' },
        { field: 'host.address', rule: 'hostAddress' },
        { field: 'host.tpdu', rule: 'invalid' },
        { field: 'receipt.copies', rule: 'invalid' },
        { field: 'fees.cardRate', rule: 'invalid' },
      ]),
    );
    expect(e.fields).toHaveLength(5);
    expect(refusal(() => b.service.previewImport(bad))).toEqual(e);

    // A merchant name the receipt printer cannot take (GB18030 bytes).
    const long = JSON.stringify({
      ...good,
      parameters: { ...good.parameters, merchantName: '很长的商户名称'.repeat(4) },
    });
    expect(refusal(() => b.service.previewImport(long)).fields).toEqual([
      { field: 'merchantName', rule: 'merchantNameBytes', params: { max: 40, bytes: 56 } },
    ]);

    expect(refusal(() => b.service.previewImport('{ not json'))).toEqual({
      code: 'CONFIG_FILE_INVALID',
    });
    expect(refusal(() => b.service.previewImport('{"format":"something-else"}'))).toEqual({
      code: 'CONFIG_FILE_INVALID',
    });
    expect(
      refusal(() => b.service.previewImport(JSON.stringify({ ...good, formatVersion: 2 }))),
    ).toEqual({ code: 'CONFIG_VERSION_UNSUPPORTED', params: { found: 2, supported: 1 } });

    expect(b.core.internals.settings.get()).toEqual(before);
    expect(b.core.internals.repos.audit.recent(1)[0]!.id).toBe(auditBefore);
    expect(b.hooks.onSaved).not.toHaveBeenCalled();
  });
});
