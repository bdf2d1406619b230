import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';
import { aesGcmOpen, aesGcmSeal, SecretBoxError, type SecretBox } from '../secrets/secret-box';

/**
 * The Electron secret box: a random data key, itself encrypted by the OS
 * (safeStorage → DPAPI on Windows, Keychain on macOS, libsecret on Linux) and
 * kept beside the database. Secrets are sealed with AES-256-GCM under it, so
 * the OS is asked once per start rather than per card number.
 */
export function safeStorageSecretBox(file: string): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new SecretBoxError(
      'the OS offers no secure storage (safeStorage unavailable); cannot protect keys at rest',
    );
  }
  if (!existsSync(file)) {
    writeFileSync(file, safeStorage.encryptString(randomBytes(32).toString('base64')), {
      mode: 0o600,
      flag: 'wx',
    });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64');
  if (key.length !== 32) throw new SecretBoxError(`data key in ${file} is not 256 bits`);
  return {
    kind: 'safe-storage',
    seal: (plain) => aesGcmSeal(key, plain),
    open: (sealed) => aesGcmOpen(key, sealed),
  };
}
