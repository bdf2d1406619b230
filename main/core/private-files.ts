import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The terminal's data folder holds card data, keys, the audit trail and its
 * backups: other local users must not read any of it (issue 16). Folders are
 * 0700 and files 0600 whatever the process umask — a mode given at creation
 * only loses bits to the umask, never gains them, and an explicit chmod
 * repairs what an older version or a copied-in file left open. Windows has no
 * such modes (the profile folder's ACL is what protects it there): no-ops.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and missing parents) as 0700 and puts an existing one back to 0700. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Puts `file` to 0600; a file that isn't there (yet) is fine. */
export function makePrivate(file: string): void {
  if (!POSIX) return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Creates an empty file that only its owner can read (fails if it exists). */
export function createPrivateFile(file: string): void {
  closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  makePrivate(file);
}

/**
 * Folders 0700 and files 0600 for the entries of `root` that `ours` picks (a
 * folder is walked through). Symbolic links are left alone: their target is
 * not ours to change.
 */
export function privatize(root: string, ours: (name: string) => boolean): void {
  if (!POSIX) return;
  const walk = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      chmodSync(path, PRIVATE_DIR_MODE);
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile()) {
      chmodSync(path, PRIVATE_FILE_MODE);
    }
  };
  for (const name of readdirSync(root)) if (ours(name)) walk(join(root, name));
}
