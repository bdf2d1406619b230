import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { PosFailure } from '../domain/errors';

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

/**
 * Sealed data that can't be opened or sealed: a wrong or missing key, or a
 * tampered value. A contract failure (SECRET_KEY_PROBLEM) with words that name
 * the recovery, never a bare INTERNAL.
 */
export class SecretBoxError extends PosFailure {
  constructor(
    readonly detail: string,
    readonly problem: SecretKeyProblem = 'wrong',
  ) {
    super({ code: 'SECRET_KEY_PROBLEM', params: { problem } });
    this.message = detail;
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
    throw new SecretBoxError('sealed secret is malformed', 'wrong');
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
    throw new SecretBoxError(
      'sealed secret failed its integrity check (wrong key or tampered)',
      'wrong',
    );
  }
}

/**
 * Where the data key lives: a 0600 file (Node, and Electron without a real OS
 * keystore) or a file the OS keystore encrypts (Electron's safeStorage).
 */
export interface KeyStore {
  /** For messages and the log: which store and where. */
  readonly describe: string;
  readonly kind: SecretBox['kind'];
  /** The key, or null when there is none (never made, or lost). */
  read(): Buffer | null;
  /** Makes and keeps a new random key (the file must not exist). */
  create(): Buffer;
  /** Moves the present key file out of the way (kept for the technician); its new name. */
  setAside(suffix: string): string | null;
}

/** A random 256-bit key in `file`, mode 0600 (refused when the mode can't be kept private). */
export function fileKeyStore(file: string): KeyStore {
  return {
    describe: `key file ${file}`,
    kind: 'key-file',
    read() {
      if (!existsSync(file)) return null;
      chmodSync(file, 0o600);
      if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
        throw new SecretBoxError(`key file ${file} is readable by other users`, 'unreadable');
      }
      const key = readFileSync(file);
      if (key.length !== 32)
        throw new SecretBoxError(`key file ${file} is not a 256-bit key`, 'unreadable');
      return key;
    },
    create() {
      const key = randomBytes(32);
      writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
      return key;
    },
    setAside: (suffix) => setAside(file, suffix),
  };
}

/** Renames `file` to `file.<suffix>`; null when there was no file. */
export function setAside(file: string, suffix: string): string | null {
  if (!existsSync(file)) return null;
  const aside = `${file}.${suffix}`;
  renameSync(file, aside);
  return aside;
}

/** Why sealed data can't be opened: no key where one must be, or a key that doesn't open it. */
export type SecretKeyProblem = 'missing' | 'wrong' | 'unreadable';

/** A secret box that knows whether its key is the one the data was sealed with. */
export interface ManagedSecretBox extends SecretBox {
  /** Null when the key is there and opens what is sealed. */
  problem(): SecretKeyProblem | null;
  /**
   * The technician's explicit recovery (re-injecting the master key): the old
   * key file is set aside, a new key is made. What was sealed under the old
   * one stays unreadable. Returns where the old file went.
   */
  replaceKey(suffix: string): { setAside: string | null };
}

/**
 * Opens the secret box over `store` (issue 16). A missing key is made only
 * when nothing is sealed yet (a new terminal); when sealed data exists, a
 * missing key — or one that doesn't open `probe`, a value sealed earlier — is
 * never silently replaced: the box reports the problem and every seal/open
 * fails with SECRET_KEY_PROBLEM until the technician replaces the key on
 * purpose (replaceKey, audited by the caller).
 */
export function openSecretBox(
  store: KeyStore,
  opts: { sealedDataExists: boolean; probe: Buffer | null },
): ManagedSecretBox {
  let key: Buffer | null = null;
  let problem: SecretKeyProblem | null = null;
  try {
    key = store.read();
  } catch (err) {
    if (!(err instanceof SecretBoxError)) throw err;
    problem = 'unreadable';
  }
  if (!key && !problem) {
    if (opts.sealedDataExists) problem = 'missing';
    else key = store.create();
  }
  if (key && opts.probe) {
    try {
      aesGcmOpen(key, opts.probe);
    } catch {
      problem = 'wrong';
    }
  }
  const usable = () => {
    if (problem || !key)
      throw new SecretBoxError(
        `the data key (${store.describe}) is ${problem ?? 'missing'}: sealed data can't be used`,
        problem ?? 'missing',
      );
    return key;
  };
  return {
    kind: store.kind,
    seal: (plain) => aesGcmSeal(usable(), plain),
    open: (sealed) => aesGcmOpen(usable(), sealed),
    problem: () => problem,
    replaceKey(suffix) {
      const aside = store.setAside(suffix);
      key = store.create();
      problem = null;
      return { setAside: aside };
    },
  };
}

/**
 * The Node secret box over a key file, for a store nothing was sealed in yet
 * (tests, tools): the key is made on first use. The app opens its box with
 * openSecretBox, which refuses to make a new key over sealed data.
 */
export function keyFileSecretBox(file: string): ManagedSecretBox {
  return openSecretBox(fileKeyStore(file), { sealedDataExists: false, probe: null });
}

/**
 * Where Electron keeps the data key (issue 16). safeStorage only when it is a
 * real OS keystore: on Linux its 'basic_text' backend (no keyring found)
 * "encrypts" with a password written in Chromium's source, no better than a
 * plain file and worse for looking safe, so the 0600 key file is used
 * instead, and so it is when the OS offers nothing. The reason is logged.
 */
export function chooseKeyStorage(env: {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; null elsewhere. */
  backend: string | null;
}): { use: 'safe-storage' } | { use: 'key-file'; reason: string } {
  if (!env.encryptionAvailable)
    return { use: 'key-file', reason: 'the OS offers no secure storage (safeStorage unavailable)' };
  if (env.platform === 'linux' && (env.backend === 'basic_text' || env.backend === 'unknown'))
    return {
      use: 'key-file',
      reason: `safeStorage would use its '${env.backend}' backend (a password built into Chromium, no OS keyring)`,
    };
  return { use: 'safe-storage' };
}
