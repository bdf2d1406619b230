import { duplexPair } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scannerHandlers } from '../../../../main/api/handlers/scanner';
import type { CallContext } from '../../../../main/api/router';
import { PosFailure } from '../../../../main/domain/errors';
import { createSerialScanner, createSimulatedScanner } from '../../../../native/scanner';
import { scanner as scannerContract, ScannerPanel } from '../../../../preload/contract/scanner';

// The handlers never read the call context.
const ctx = {} as CallContext;

function failureOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosFailure) return e.error;
    throw e;
  }
  throw new Error('expected a PosFailure');
}

describe('scanner handlers', () => {
  it('show the training codes and scan the one asked for', async () => {
    const scanner = createSimulatedScanner();
    const seen: string[] = [];
    scanner.onScan((c) => seen.push(c));
    const h = scannerHandlers({ scanner });
    const panel = ScannerPanel.parse(await h.panel({}, ctx));
    expect(panel.simulated).toBe(true);
    expect(panel.codes.map((c) => c.id)).toContain('wechat-insufficient');
    expect(panel.codes.find((c) => c.id === 'invalid')?.code).toBe('123456');
    expect(await h.simulate({ codeId: 'wechat-insufficient' }, ctx)).toEqual({});
    expect(seen).toEqual(['134567890123456787']);
  });

  it('scan only training codes: an unknown id is a field error', () => {
    const scanner = createSimulatedScanner();
    const seen: string[] = [];
    scanner.onScan((c) => seen.push(c));
    const h = scannerHandlers({ scanner });
    expect(failureOf(() => h.simulate({ codeId: '134567890123456780' }, ctx))).toEqual({
      code: 'INVALID_INPUT',
      fields: [{ field: 'codeId', rule: 'invalid' }],
    });
    expect(seen).toEqual([]);
  });

  it('offer no panel and refuse to simulate with a real scanner', async () => {
    const [port, other] = duplexPair();
    const scanner = createSerialScanner(port);
    const h = scannerHandlers({ scanner });
    expect(await h.panel({}, ctx)).toEqual({ simulated: false, codes: [] });
    expect(failureOf(() => h.simulate({ codeId: 'wechat-success' }, ctx)).code).toBe(
      'SCANNER_NOT_SIMULATED',
    );
    await scanner.close();
    other.destroy();
  });

  it('take only a short code id, and nothing else', () => {
    const input = scannerContract.simulate.input;
    expect(input.safeParse({ codeId: 'wechat-success' }).success).toBe(true);
    expect(input.safeParse({ codeId: 'x'.repeat(41) }).success).toBe(false);
    expect(input.safeParse({ codeId: 'wechat-success', code: '1345' }).success).toBe(false);
  });
});
