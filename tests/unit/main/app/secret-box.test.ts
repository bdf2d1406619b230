import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseKeyStorage, openSecretBox } from '../../../../main/secrets/secret-box';
import type { Logger } from '../../../../main/core/logger';
import { tempDir } from '../../../support/core';

/**
 * Electron's data key (issue 16): safeStorage only behind a real OS keystore.
 * A stand-in for safeStorage "encrypts" reversibly and reports the backend
 * each test sets.
 */
const fake = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret',
}));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (s: string) => Buffer.concat([Buffer.from('v11'), Buffer.from(s).reverse()]),
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v11') throw new Error('not ours');
      return Buffer.from(b.subarray(3)).reverse().toString();
    },
  },
}));
const { electronKeyStore } = await import('../../../../main/app/secret-box');

function recordingLogger() {
  const lines: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
  const log = (msg: string, fields?: Record<string, unknown>) => lines.push({ msg, fields });
  const logger: Logger = { debug: log, info: log, warn: log, error: log };
  return { logger, lines };
}

let tmp: ReturnType<typeof tempDir> | null = null;
afterEach(() => {
  tmp?.remove();
  tmp = null;
  fake.available = true;
  fake.backend = 'gnome_libsecret';
});

describe('choosing where the data key lives', () => {
  it.each([
    ['linux', true, 'gnome_libsecret', 'safe-storage'],
    ['linux', true, 'kwallet5', 'safe-storage'],
    ['linux', true, 'basic_text', 'key-file'],
    ['linux', true, 'unknown', 'key-file'],
    ['linux', false, null, 'key-file'],
    ['win32', true, null, 'safe-storage'],
    ['darwin', false, null, 'key-file'],
  ] as const)('%s, encryption %s, backend %s → %s', (platform, available, backend, use) => {
    expect(chooseKeyStorage({ platform, encryptionAvailable: available, backend }).use).toBe(use);
  });
});

describe.skipIf(process.platform !== 'linux')('the Electron key store on Linux', () => {
  it("refuses safeStorage's basic_text backend: a 0600 key file, and the log says why", () => {
    tmp = tempDir();
    fake.backend = 'basic_text';
    const { logger, lines } = recordingLogger();
    const file = join(tmp.dir, 'secret.key');
    const store = electronKeyStore(file, logger);
    expect(store.kind).toBe('key-file');
    expect(lines[0]).toMatchObject({
      msg: 'data key kept in a 0600 key file, not the OS keystore',
      fields: { reason: expect.stringContaining("'basic_text'") },
    });
    const box = openSecretBox(store, { sealedDataExists: false, probe: null });
    const sealed = box.seal(Buffer.from('secret'));
    expect(readFileSync(file)).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(
      openSecretBox(electronKeyStore(file, logger), {
        sealedDataExists: true,
        probe: sealed,
      }).problem(),
    ).toBeNull();
  });

  it('a key an earlier start wrapped with basic_text is unwrapped into the key file, still opening what it sealed', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'secret.key');
    const first = electronKeyStore(file, recordingLogger().logger); // libsecret: wrapped
    expect(first.kind).toBe('safe-storage');
    const box = openSecretBox(first, { sealedDataExists: false, probe: null });
    const sealed = box.seal(Buffer.from('card'));
    expect(readFileSync(file).subarray(0, 3).toString()).toBe('v11');

    fake.backend = 'basic_text';
    const again = openSecretBox(electronKeyStore(file, recordingLogger().logger), {
      sealedDataExists: true,
      probe: sealed,
    });
    expect(again.problem()).toBeNull();
    expect(again.open(sealed).toString()).toBe('card');
    expect(readFileSync(file)).toHaveLength(32);
  });

  it('a wrapped key the keystore can no longer open is reported, never replaced', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'secret.key');
    writeFileSync(file, Buffer.from('v10-something-else-entirely'), { mode: 0o600 });
    const box = openSecretBox(electronKeyStore(file, recordingLogger().logger), {
      sealedDataExists: true,
      probe: Buffer.alloc(40),
    });
    expect(box.problem()).toBe('unreadable');
    expect(readFileSync(file).toString()).toBe('v10-something-else-entirely');
  });
});
