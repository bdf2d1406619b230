import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { confEngine } from '../../../main/settings/conf-engine';
import { openSettings } from '../../../main/settings/store';
import { SETUP, setUpTerminal, startCore, tempDir } from '../../support/core';

/**
 * The parameters file (terminal.json, electron-store's format) damaged
 * before a start: the till must start, say what was wrong and where the file
 * as it was is kept, and keep every setting that is still good.
 */

const now = () => new Date('2026-12-06T03:00:00Z');
let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(() => {
  tmp?.remove();
  tmp = null;
});

const GOOD = {
  configured: true,
  merchantNumber: '898310148160001',
  terminalNumber: 'T0000001',
  merchantName: '测试便利店',
  host: { address: '10.1.2.3:5000', tls: true, timeoutSec: 45, retries: 2 },
  receipt: { copies: 2, footer: '欢迎再来' },
  passwordExpiryDays: 30,
};

function open(content: string | null) {
  tmp = tempDir('pos-hostile-settings-');
  const file = join(tmp.dir, 'terminal.json');
  if (content === null) mkdirSync(file);
  else writeFileSync(file, content);
  return { s: openSettings(confEngine(tmp.dir), now), dir: tmp.dir, file };
}

describe('a parameters file with one bad value keeps the rest', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['copies out of range', { receipt: { ...GOOD.receipt, copies: 9 } }, 'receipt.copies'],
    ['a number as a string', { passwordExpiryDays: '30' }, 'passwordExpiryDays'],
    ['an unknown printer kind', { printer: { kind: 'carrier-pigeon' } }, 'printer'],
  ])('%s: that field defaults, the terminal stays set up', (_, change, field) => {
    const original = JSON.stringify({ ...GOOD, ...change });
    const { s, file } = open(original);
    expect(s.problem?.code).toBe('SETTINGS_CORRUPT');
    expect(s.problem?.detail).toContain(field);
    // Kept as it was, for the technician.
    expect(readFileSync(s.problem?.backupPath ?? '', 'utf8')).toBe(original);
    const p = s.get();
    expect(p).toMatchObject({
      configured: true,
      merchantNumber: GOOD.merchantNumber,
      terminalNumber: GOOD.terminalNumber,
      merchantName: GOOD.merchantName,
      host: { address: '10.1.2.3:5000', tls: true, timeoutSec: 45 },
    });
    // And written back, so the next start is clean and still set up.
    expect(existsSync(file)).toBe(true);
    const again = openSettings(confEngine(tmp?.dir ?? ''), now);
    expect(again.problem).toBeNull();
    expect(again.get().merchantNumber).toBe(GOOD.merchantNumber);
  });

  it('a bad merchant number: not set up any more, the wizard gets what survived', () => {
    const { s } = open(JSON.stringify({ ...GOOD, merchantNumber: '12' }));
    expect(s.problem?.detail).toContain('merchantNumber');
    expect(s.get()).toMatchObject({ configured: false, terminalNumber: 'T0000001' });
    expect(s.get().host.address).toBe('10.1.2.3:5000');
  });
});

describe('a parameters file that is not an object is reported, not silently emptied', () => {
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"terminal"'],
    ['a number', '42'],
  ])('%s', (_, content) => {
    const { s } = open(content);
    expect(s.problem?.code).toBe('SETTINGS_CORRUPT');
    expect(s.problem?.detail).toMatch(/not a JSON object/);
    expect(readFileSync(s.problem?.backupPath ?? '', 'utf8')).toBe(content);
    expect(s.get().configured).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['truncated', JSON.stringify(GOOD).slice(0, 40)],
    ['binary', '\u0000\u0001\u0002PK'],
  ])('%s: unreadable, moved aside, defaults', (_, content) => {
    const { s } = open(content);
    expect(s.problem?.detail).toMatch(/unreadable/);
    expect(readFileSync(s.problem?.backupPath ?? '', 'utf8')).toBe(content);
  });

  it('a directory where the file should be', () => {
    const { s } = open(null);
    expect(s.problem?.detail).toMatch(/EISDIR/);
  });

  it('a UTF-8 BOM (Notepad) is read as the same file', () => {
    const { s } = open('\ufeff' + JSON.stringify(GOOD));
    expect(s.problem).toBeNull();
    expect(s.get().merchantNumber).toBe(GOOD.merchantNumber);
  });
});

describe('the whole till starts on a damaged file, its data intact', () => {
  it('a bad receipt value after a restart: still set up, the operators still there', async () => {
    tmp = tempDir('pos-hostile-settings-core-');
    const first = await startCore(tmp.dir);
    await setUpTerminal(first.core, { ...SETUP });
    await first.core.close();
    const file = join(tmp.dir, 'terminal.json');
    const params = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...params, receipt: { copies: 'two' } }));
    const second = await startCore(tmp.dir);
    try {
      expect(second.core.internals.settings.get()).toMatchObject({
        configured: true,
        merchantNumber: SETUP.merchantNumber,
      });
      expect(second.core.internals.settings.problem?.detail).toContain('receipt.copies');
      const r = await second.core.dispatch('auth:signIn', {
        operatorNo: '99',
        password: '87654321',
      });
      expect(r).toMatchObject({ ok: true });
    } finally {
      await second.core.close();
    }
  });
});
