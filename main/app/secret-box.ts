import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import type { Logger } from '../core/logger';
import {
  chooseKeyStorage,
  fileKeyStore,
  SecretBoxError,
  setAside,
  type KeyStore,
} from '../secrets/secret-box';

/**
 * Where the Electron shell keeps the data key: a random key encrypted by the
 * OS (safeStorage → DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
 * Linux) in `file`; secrets are sealed with AES-256-GCM under it, so the OS is
 * asked once per start. Without a real OS keystore (Linux 'basic_text', or
 * none at all) the 0600 key file is used instead, saying why in the log; a key
 * an earlier start wrapped with 'basic_text' is unwrapped into that file.
 */
export function electronKeyStore(file: string, logger: Logger): KeyStore {
  const choice = chooseKeyStorage({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
  });
  if (choice.use === 'safe-storage') return safeStorageKeyStore(file);
  logger.warn('data key kept in a 0600 key file, not the OS keystore', {
    reason: choice.reason,
    file,
  });
  unwrapOldKey(file, logger);
  return fileKeyStore(file);
}

function safeStorageKeyStore(file: string): KeyStore {
  return {
    describe: `safeStorage-protected key file ${file}`,
    kind: 'safe-storage',
    read() {
      if (!existsSync(file)) return null;
      let key: Buffer;
      try {
        key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
      } catch (err) {
        throw new SecretBoxError(
          `the OS keystore can't open ${file}: ${err instanceof Error ? err.message : String(err)}`,
          'unreadable',
        );
      }
      if (key.length !== 32)
        throw new SecretBoxError(`data key in ${file} is not 256 bits`, 'unreadable');
      return key;
    },
    create() {
      const key = randomBytes(32);
      writeFileSync(file, safeStorage.encryptString(key.toString('base64')), {
        mode: 0o600,
        flag: 'wx',
      });
      return key;
    },
    setAside: (suffix) => setAside(file, suffix),
  };
}

/**
 * A key file that isn't a raw 256-bit key was wrapped by safeStorage; if
 * safeStorage can still open it (the 'basic_text' backend always can), it
 * becomes the raw 0600 file. If not, it is left as it is: the key store then
 * reports it unreadable and nothing is replaced behind the technician's back.
 */
function unwrapOldKey(file: string, logger: Logger) {
  if (!existsSync(file)) return;
  const raw = readFileSync(file);
  if (raw.length === 32) return;
  try {
    const key = Buffer.from(safeStorage.decryptString(raw), 'base64');
    if (key.length !== 32) return;
    writeFileSync(`${file}.partial`, key, { mode: 0o600 });
    renameSync(`${file}.partial`, file);
    logger.warn('data key moved out of safeStorage into the 0600 key file', { file });
  } catch (err) {
    logger.error('data key file could not be unwrapped', {
      file,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
