import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { confEngine } from '../../../../main/settings/conf-engine';
import { DEFAULT_PARAMETERS, isTraining } from '../../../../main/settings/schema';
import { openSettings } from '../../../../main/settings/store';
import { tempDir } from '../../../support/core';

const now = () => new Date('2026-11-24T10:00:00Z');
let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

function dir() {
  const t = tempDir('pos-settings-');
  cleanup = t.remove;
  return t.dir;
}

describe('terminal parameters file', () => {
  it('starts on defaults in training mode with nothing configured', () => {
    const s = openSettings(confEngine(dir()), now);
    expect(s.problem).toBeNull();
    expect(s.get()).toEqual(DEFAULT_PARAMETERS);
    expect(s.get().configured).toBe(false);
    expect(isTraining(s.get())).toBe(true);
    expect(s.get().fees).toEqual({
      cardRate: 60,
      cardLargeRate: 55,
      largeAmountThresholdFen: 1_000_000,
      qrRate: 38,
    });
  });

  it('saves and reads back through a new engine', () => {
    const d = dir();
    const s = openSettings(confEngine(d), now);
    s.save({
      ...s.get(),
      configured: true,
      merchantNumber: '898310148160001',
      terminalNumber: 'T0000001',
      merchantName: '店',
    });
    const again = openSettings(confEngine(d), now);
    expect(again.get().merchantName).toBe('店');
    expect(again.get().configured).toBe(true);
  });

  it('refuses to save invalid values and keeps the file as it was', () => {
    const d = dir();
    const s = openSettings(confEngine(d), now);
    s.save({ ...s.get(), merchantName: '好店' });
    const before = readFileSync(join(d, 'terminal.json'), 'utf8');
    expect(() => s.save({ ...s.get(), merchantNumber: '123' })).toThrow();
    expect(readFileSync(join(d, 'terminal.json'), 'utf8')).toBe(before);
    expect(s.get().merchantName).toBe('好店');
  });

  it('survives a file that is not JSON: moved aside, defaults, problem reported', () => {
    const d = dir();
    writeFileSync(join(d, 'terminal.json'), '{"configured": tru');
    const s = openSettings(confEngine(d), now);
    expect(s.problem?.code).toBe('SETTINGS_CORRUPT');
    expect(s.get()).toEqual(DEFAULT_PARAMETERS);
    const backup = s.problem?.backupPath ?? '';
    expect(readFileSync(backup, 'utf8')).toBe('{"configured": tru');
    expect(readdirSync(d).filter((f) => f.includes('corrupt'))).toHaveLength(1);
    // and the recovery path works: saving writes a good file again
    s.save({ ...s.get(), merchantName: '恢复' });
    expect(s.problem).toBeNull();
    expect(openSettings(confEngine(d), now).get().merchantName).toBe('恢复');
  });

  it('survives a file that breaks the schema the same way', () => {
    const d = dir();
    writeFileSync(
      join(d, 'terminal.json'),
      JSON.stringify({ merchantNumber: 42, receipt: { paperWidth: 70 } }),
    );
    const s = openSettings(confEngine(d), now);
    expect(s.problem?.code).toBe('SETTINGS_CORRUPT');
    expect(s.problem?.detail).toMatch(/merchantNumber/);
    expect(existsSync(s.problem?.backupPath ?? '')).toBe(true);
    expect(s.get().configured).toBe(false);
  });
});
