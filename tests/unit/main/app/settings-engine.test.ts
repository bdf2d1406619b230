import { statSync } from 'node:fs';
import Conf from 'conf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../../support/core';

// electron-store is conf with Electron's app folder as the default cwd (its
// constructor renames `name` to conf's `configName`); the options that decide
// the file's mode are conf's, so conf stands in for it here.
vi.mock('electron-store', () => ({
  default: class extends Conf<Record<string, unknown>> {
    constructor(options: { name: string } & Record<string, unknown>) {
      const { name, ...rest } = options;
      super({ ...rest, configName: name, projectName: 'counter-pos' });
    }
  },
}));

const { electronStoreEngine } = await import('../../../../main/app/settings-engine');

let tmp: ReturnType<typeof tempDir> | null = null;
let umask: number | null = null;
afterEach(() => {
  if (umask !== null) process.umask(umask);
  umask = null;
  tmp?.remove();
});

describe.skipIf(process.platform === 'win32')('Electron settings engine', () => {
  it('writes terminal.json readable by its owner only, under umask 022 (issue 16)', () => {
    tmp = tempDir();
    umask = process.umask(0o022);
    const engine = electronStoreEngine(tmp.dir).open();
    engine.store = { merchantName: '测试便利店' };
    expect(engine.path).toBe(`${tmp.dir}/terminal.json`);
    expect(statSync(engine.path).mode & 0o777).toBe(0o600);
  });
});
