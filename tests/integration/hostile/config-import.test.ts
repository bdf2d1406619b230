import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosError } from '../../../preload/contract';
import { createLogger } from '../../../main/core/logger';
import type { PosCore } from '../../../main/core/pos-core';
import { PosFailure } from '../../../main/domain/errors';
import {
  CONFIG_FORMAT,
  createConfigTransferService,
} from '../../../main/services/data-care/config-transfer-service';
import { SETUP, setUpTerminal, startCore, tempDir } from '../../support/core';

/**
 * Configuration files that are not what they claim: each import is refused
 * with the code and the field it names, or — for keys this version doesn't
 * know — previewed with those keys named; the parameters file is never
 * touched by a refused import.
 */

let open: { core: PosCore; remove(): void } | null = null;
afterEach(async () => {
  await open?.core.close();
  open?.remove();
  open = null;
});

async function terminal() {
  const tmp = tempDir('pos-hostile-config-');
  const { core, clock } = await startCore(tmp.dir);
  open = { core, remove: tmp.remove };
  await setUpTerminal(core, SETUP);
  const service = createConfigTransferService({
    repos: core.internals.repos,
    settings: core.internals.settings,
    clock,
    logger: createLogger({ file: join(tmp.dir, 'logs', 'config.log') }),
    version: '0.0.0-test',
  });
  const fileBytes = () => readFileSync(join(tmp.dir, 'terminal.json'), 'utf8');
  return { core, service, fileBytes };
}

const wrap = (parameters: unknown) =>
  JSON.stringify({ format: CONFIG_FORMAT, formatVersion: 1, parameters });

function refusal(fn: () => unknown): PosError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosFailure) return e.error;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('a configuration import that is not a configuration', () => {
  it.each([
    ['not JSON', 'merchant=898310148160001\nhost=1.2.3.4'],
    ['truncated JSON', wrap({ receipt: { copies: 2 } }).slice(0, 30)],
    ['a JSON array', '[1,2,3]'],
    ['null', 'null'],
    ['another format', JSON.stringify({ format: 'other', formatVersion: 1, parameters: {} })],
    [
      'parameters not an object',
      JSON.stringify({ format: CONFIG_FORMAT, formatVersion: 1, parameters: [] }),
    ],
    ['a spreadsheet (zip bytes)', 'PK\u0003\u0004\u0014\u0000\u0006\u0000'],
  ])('%s: CONFIG_FILE_INVALID, nothing written', async (_, text) => {
    const t = await terminal();
    const before = t.fileBytes();
    expect(refusal(() => t.service.applyImport(text, '99')).code).toBe('CONFIG_FILE_INVALID');
    expect(t.fileBytes()).toBe(before);
  });

  it.each([
    ['copies out of range', { receipt: { copies: 9 } }, 'receipt.copies'],
    ['timeout as a string', { host: { timeoutSec: 'sixty' } }, 'host.timeoutSec'],
    ['an unknown printer kind', { printer: { kind: 'pigeon' } }, 'printer'],
  ])('bad value, %s: refused naming the field, nothing written', async (_, parameters, field) => {
    const t = await terminal();
    const before = t.fileBytes();
    const err = refusal(() => t.service.applyImport(wrap(parameters), '99'));
    expect(err.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(err)).toContain(field);
    expect(t.fileBytes()).toBe(before);
  });
});

describe('keys this version does not know are named, never silently dropped', () => {
  it('inside a section too (a typo such as receipt.copis)', async () => {
    const t = await terminal();
    const preview = t.service.previewImport(
      wrap({
        receipt: { copis: 3, footer: '再见' },
        host: { timeoutSec: 30, keepAliveSec: 5 },
        futureSection: { x: 1 },
      }),
    );
    expect(preview.ignored).toEqual(
      expect.arrayContaining(['futureSection', 'receipt.copis', 'host.keepAliveSec']),
    );
    expect(preview.changes).toEqual(
      expect.arrayContaining([{ field: 'receipt.footer', from: expect.anything(), to: '再见' }]),
    );
  });
});

describe('a hand-made file with part of a section', () => {
  it('changes only the keys it names: host.timeoutSec alone keeps the host address', async () => {
    const t = await terminal();
    const p = t.core.internals.settings.get();
    t.core.internals.settings.save({
      ...p,
      host: { ...p.host, address: '10.1.2.3:5000', timeoutSec: 60 },
      printer: { kind: 'tcp', host: '192.168.1.50', port: 9100 },
    });
    const preview = t.service.applyImport(
      wrap({ host: { timeoutSec: 30 }, printer: { kind: 'virtual' } }),
      '99',
    );
    expect(preview.changes).toEqual(
      expect.arrayContaining([{ field: 'host.timeoutSec', from: 60, to: 30 }]),
    );
    expect(preview.changes.some((c) => c.field === 'host.address')).toBe(false);
    const after = t.core.internals.settings.get();
    expect(after.host).toMatchObject({ address: '10.1.2.3:5000', timeoutSec: 30 });
    // Another kind replaces the whole section: no TCP host left on a virtual printer.
    expect(after.printer).toEqual({ kind: 'virtual' });
  });
});
