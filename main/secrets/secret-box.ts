import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * Encrypts secrets at rest: the terminal master key, host tokens, and card
 * numbers kept for a pending reversal or batch upload. In Electron the key is
 * held by the OS (safeStorage: DPAPI / Keychain / libsecret, see main/app);
 * under Node it is a random 256-bit key in a 0600 file beside the database.
 */
export interface SecretBox {
  readonly kind: 'safe-storage' | 'key-file';
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: version(1) ‖ iv(12) ‖ tag(16) ‖ ciphertext. Tampering fails to open. */
export function aesGcmSeal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function aesGcmOpen(key: Buffer, sealed: Buffer): Buffer {
  if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
    throw new SecretBoxError('sealed secret is malformed');
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new SecretBoxError('sealed secret failed its integrity check (wrong key or tampered)');
  }
}

/**
 * The Node secret box: creates `file` (32 random bytes, mode 0600) on first use
 * and puts it back to 0600 at every start. On a filesystem that cannot keep it
 * private (the mode change has no effect), the key file is refused.
 */
export function keyFileSecretBox(file: string): SecretBox {
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new SecretBoxError(`key file ${file} is readable by other users`);
  }
  const key = readFileSync(file);
  if (key.length !== 32) throw new SecretBoxError(`key file ${file} is not a 256-bit key`);
  return {
    kind: 'key-file',
    seal: (plain) => aesGcmSeal(key, plain),
    open: (sealed) => aesGcmOpen(key, sealed),
  };
}
